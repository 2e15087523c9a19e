import CSQLite

/// A prepared statement, finalized when the connection's cache lets it go.
final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        // Wraps `sqlite3_finalize`; its result repeats the last step's error, already thrown.
        sqlite3_finalize(handle)
    }

    /// The SQL on one line, for error messages.
    var condensedSQL: String { Self.condensed(sql) }

    /// `sql` with every run of white space made one space.
    static func condensed(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Readies the statement for its next use. Wraps `sqlite3_reset`, `sqlite3_clear_bindings`.
    ///
    /// Both results are ignored on purpose: `sqlite3_reset` returns the error of the last
    /// step, which `step` already threw.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `value` to parameter `index` (from 1). Wraps the `sqlite3_bind_*` family.
    func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .text(let text):
            // The byte count keeps an empty string from being read as NULL.
            return text.withCString { pointer in
                sqlite3_bind_text(
                    handle, index, pointer, Int32(text.utf8.count),
                    sqliteTransient)
            }
        case .blob(let bytes):
            if bytes.isEmpty {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(
                    handle, index, buffer.baseAddress, Int32(buffer.count),
                    sqliteTransient)
            }
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the bind call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
