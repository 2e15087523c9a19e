/// A value bound to a `?` parameter of a SQL statement.
enum SQLValue {
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    case null

    /// `text`, or `null` for nil.
    static func text(_ value: String?) -> SQLValue {
        value.map { .text($0) } ?? .null
    }

    /// `integer`, or `null` for nil.
    static func integer(_ value: Int64?) -> SQLValue {
        value.map { .integer($0) } ?? .null
    }

    /// `integer` of an `Int`.
    static func int(_ value: Int) -> SQLValue {
        .integer(Int64(value))
    }
}
