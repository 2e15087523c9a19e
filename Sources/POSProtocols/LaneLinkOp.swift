/// The requests of LaneLink v1 (protocols/lanelink-v1.md, "Requests").
public enum LaneLinkOp: String, Sendable, CaseIterable {
    /// A transaction starts.
    case open
    /// A basket line is added or replaced.
    case item
    /// A member card typed or scanned at the POS.
    case identify
    /// A voucher presented, to be checked and reserved.
    case voucher
    /// What the member would earn and which discounts apply now.
    case quote
    /// The sale is paid.
    case finalize
    /// The transaction is voided.
    case cancel
    /// A return against an earlier transaction.
    case refund
}

extension LaneLinkOp {
    /// Every op's name, comma-separated, for error messages.
    static let validList = allCases.map(\.rawValue).joined(separator: ", ")
}
