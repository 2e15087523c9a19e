import Foundation

/// A print job as stored: pending until the printer confirms it.
public struct StoredPrintJob: Sendable, Equatable {
    /// The job's id.
    public var id: Int64
    /// The printer's device name.
    public var printer: String
    /// The transaction that created it, if any.
    public var txn: String?
    /// The ESC/POS bytes.
    public var bytes: [UInt8]
    /// When it was stored.
    public var createdAt: Date
    /// How many times sending it was attempted.
    public var attempts: Int
    /// When the printer confirmed it, or nil while pending.
    public var confirmedAt: Date?
    /// What confirmed it (`"completion"`, `"status"`, `"written"`, …).
    public var evidence: String?

    /// Creates a print job record.
    public init(
        id: Int64, printer: String, txn: String?, bytes: [UInt8], createdAt: Date,
        attempts: Int, confirmedAt: Date?, evidence: String?
    ) {
        self.id = id
        self.printer = printer
        self.txn = txn
        self.bytes = bytes
        self.createdAt = createdAt
        self.attempts = attempts
        self.confirmedAt = confirmedAt
        self.evidence = evidence
    }

    /// Whether the printer has not confirmed it yet.
    public var isPending: Bool { confirmedAt == nil }
}
