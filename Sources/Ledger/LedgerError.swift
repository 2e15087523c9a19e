import CSQLite

/// Why a `LedgerStore` call failed: the kind, the SQLite result code and message, and the step.
///
/// SQL text appears in `step` with its `?` placeholders only: bound values (card numbers,
/// voucher codes) never reach an error, so an error can be logged as it is.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in terms a caller can act on.
    public enum Kind: Sendable, Equatable {
        /// Another connection held the write lock past the busy timeout; nothing was changed.
        case busy
        /// SQLite refused a step (constraint, I/O, corruption, misuse); see `code`.
        case sqlite
        /// The database was written by a newer lanegate than this one.
        case schemaTooNew
        /// A journal mode or pragma did not take the value the store needs.
        case configuration
        /// The store was closed with `close()`.
        case closed
        /// A member id given by the caller is not in the database.
        case unknownMember
        /// A print job id given by the caller is not in the database.
        case unknownPrintJob
        /// A plan asked for something the ledger's invariants forbid.
        case invalidPlan
        /// The caller's `plan` closure threw; the original error is in `underlying`.
        case plan
    }

    /// What went wrong.
    public let kind: Kind
    /// The SQLite extended result code, when SQLite reported the failure.
    public let code: Int32?
    /// What happened, in words (`sqlite3_errmsg` for SQLite failures).
    public let message: String
    /// The operation and, for SQLite failures, the SQL step that failed.
    public let step: String
    /// The database file.
    public let path: String
    /// The error thrown by a `plan` closure, for `Kind.plan`.
    public let underlying: (any Error)?

    /// Creates an error; the static constructors below cover the usual cases.
    public init(
        kind: Kind, code: Int32? = nil, message: String, step: String, path: String,
        underlying: (any Error)? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.step = step
        self.path = path
        self.underlying = underlying
    }

    /// True when the write lock was not obtained within the busy timeout.
    public var isBusy: Bool { kind == .busy }

    /// The error a `plan` closure threw, if that is why the commit was rolled back.
    public var planError: (any Error)? { kind == .plan ? underlying : nil }

    /// One line: the file, the step, what happened and, where there is one, the fix.
    public var description: String {
        var text = "\(path): \(step): \(message)"
        if let code {
            text += " (SQLite code \(code))"
        }
        if let fix {
            text += "; \(fix)"
        }
        return text
    }

    private var fix: String? {
        switch kind {
        case .busy:
            return "another lane holds the database's write lock; retry the request"
        case .schemaTooNew:
            return "install the lanegate version that wrote this database, or a newer one"
        case .closed:
            return "open a new LedgerStore"
        case .sqlite where code.map({ $0 & 0xFF }) == SQLITE_FULL:
            return "free disk space"
        case .sqlite where code.map({ $0 & 0xFF }) == SQLITE_CORRUPT:
            return "restore the database from a backup"
        default:
            return nil
        }
    }
}

extension LedgerError {
    /// The error for a SQLite result code `code` returned by `step`.
    ///
    /// `SQLITE_BUSY` (primary code 5) becomes `Kind.busy`:
    /// https://sqlite.org/rescode.html#busy
    static func sqlite(_ code: Int32, message: String, step: String, path: String)
        -> LedgerError
    {
        let kind: Kind = (code & 0xFF) == SQLITE_BUSY ? .busy : .sqlite
        return LedgerError(kind: kind, code: code, message: message, step: step, path: path)
    }
}
