import CSQLite

/// The current row of a query, read by column index (from 0).
struct SQLiteRow {
    let statement: OpaquePointer

    /// Whether column `index` is NULL. Wraps `sqlite3_column_type`.
    func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(statement, index) == SQLITE_NULL
    }

    /// Column `index` as an integer. Wraps `sqlite3_column_int64`.
    func integer(_ index: Int32) -> Int64 {
        sqlite3_column_int64(statement, index)
    }

    /// Column `index` as an integer, or nil for NULL.
    func optionalInteger(_ index: Int32) -> Int64? {
        isNull(index) ? nil : integer(index)
    }

    /// Column `index` as an `Int`.
    func int(_ index: Int32) -> Int {
        Int(integer(index))
    }

    /// Column `index` as UTF-8 text. Wraps `sqlite3_column_text` and `sqlite3_column_bytes`.
    func text(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, index) else {
            return ""
        }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` as text, or nil for NULL.
    func optionalText(_ index: Int32) -> String? {
        isNull(index) ? nil : text(index)
    }

    /// Column `index` as bytes. Wraps `sqlite3_column_blob` and `sqlite3_column_bytes`.
    func blob(_ index: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(statement, index) else {
            return []
        }
        let count = Int(sqlite3_column_bytes(statement, index))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
