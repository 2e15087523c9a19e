import CSQLite

/// A bare SQLite connection for the bench's own work: bulk-loading the lane database and
/// timing the commit floor. Not the Ledger's connection, on purpose: the floor must be
/// SQLite and the disk alone.
///
/// Not `Sendable`: one owner uses it from one thread at a time.
final class RawSQLite {
    let path: String
    private var db: OpaquePointer?

    /// Opens (creating) `path`. Wraps `sqlite3_open_v2`.
    init(path: String) throws(BenchError) {
        self.path = path
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw BenchError("\(path): sqlite3_open_v2: \(String(cString: sqlite3_errstr(rc)))")
        }
        db = handle
    }

    deinit {
        close()
    }

    /// Closes the connection. Wraps `sqlite3_close_v2`.
    func close() {
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    /// Runs `sql` (one or more statements without parameters). Wraps `sqlite3_exec`.
    func execute(_ sql: String) throws(BenchError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw BenchError("\(path): \(sql.prefix(60)): \(text)")
        }
    }

    /// The first column of the first row of `sql`, as text.
    func text(_ sql: String) throws(BenchError) -> String? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return sqlite3_column_text(statement.handle, 0).map { String(cString: $0) }
    }

    /// A prepared statement. Wraps `sqlite3_prepare_v2`.
    func prepare(_ sql: String) throws(BenchError) -> Statement {
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            throw BenchError("\(path): prepare \(sql.prefix(60)): \(errorMessage)")
        }
        return Statement(handle: handle, connection: self)
    }

    var errorMessage: String {
        db.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
    }

    /// One prepared statement; finalized in `deinit`.
    final class Statement {
        let handle: OpaquePointer
        private let connection: RawSQLite

        init(handle: OpaquePointer, connection: RawSQLite) {
            self.handle = handle
            self.connection = connection
        }

        deinit {
            sqlite3_finalize(handle)
        }

        /// Binds `values` to ?1, ?2, … (Int64, String, bytes or nil).
        func bind(_ values: [Value]) throws(BenchError) {
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                let rc: Int32
                switch value {
                case .integer(let number): rc = sqlite3_bind_int64(handle, index, number)
                case .text(let text): rc = sqlite3_bind_text(handle, index, text, -1, transient)
                case .null: rc = sqlite3_bind_null(handle, index)
                case .blob(let bytes):
                    rc = bytes.withUnsafeBytes {
                        sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
                    }
                }
                guard rc == SQLITE_OK else {
                    throw BenchError(
                        "\(connection.path): bind ?\(index): \(connection.errorMessage)")
                }
            }
        }

        /// Binds `count` bytes at `bytes` to ?`index` as text (or as a blob), without a
        /// copy (`SQLITE_STATIC`): the bytes must stay put until the statement is reset.
        /// For timed loops, where `bind(_:)`'s String bridging would be measured too.
        func bind(
            _ index: Int32, bytes: UnsafePointer<UInt8>, count: Int, blob: Bool = false
        ) throws(BenchError) {
            let rc =
                blob
                ? sqlite3_bind_blob(handle, index, bytes, Int32(count), nil)
                : bytes.withMemoryRebound(to: CChar.self, capacity: count) {
                    sqlite3_bind_text(handle, index, $0, Int32(count), nil)
                }
            guard rc == SQLITE_OK else {
                throw BenchError("\(connection.path): bind ?\(index): \(connection.errorMessage)")
            }
        }

        /// Binds `value` to ?`index`.
        func bind(_ index: Int32, _ value: Int64) throws(BenchError) {
            guard sqlite3_bind_int64(handle, index, value) == SQLITE_OK else {
                throw BenchError("\(connection.path): bind ?\(index): \(connection.errorMessage)")
            }
        }

        /// Runs what is bound to the end and resets for the next use.
        func runBound() throws(BenchError) {
            defer { sqlite3_reset(handle) }
            while try step() {}
        }

        /// Steps once: true for a row, false when done. Wraps `sqlite3_step`.
        @discardableResult
        func step() throws(BenchError) -> Bool {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default:
                throw BenchError("\(connection.path): step: \(connection.errorMessage)")
            }
        }

        /// Binds, runs to the end and resets for the next use.
        func run(_ values: [Value]) throws(BenchError) {
            defer { sqlite3_reset(handle) }
            try bind(values)
            while try step() {}
        }
    }

    /// A value to bind.
    enum Value {
        case integer(Int64)
        case text(String)
        case blob([UInt8])
        case null
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound text before `bind` returns
/// (https://sqlite.org/c3ref/c_static.html); the C macro does not import into Swift.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
