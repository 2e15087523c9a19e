/// Why a HID POS layout could not be built, or a report or scan was dropped.
public struct HIDPOSDecoderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// No Barcode Scanner collection has an input report with Decoded Data (0x8C:0xFE).
        case noScannedDataReport
        /// The Decoded Data fields are not whole bytes.
        case decodedDataNotBytes(bitSize: Int)
        /// A report shorter than the descriptor says the Scanned Data Report is.
        case shortReport(length: Int, expected: Int)
        /// A scan grew past the longest one the decoder keeps; its reports are dropped
        /// until one that does not continue it.
        case scanTooLong(limit: Int)
    }

    /// What went wrong.
    public let reason: Reason

    /// An error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The problem and what to do about it.
    public var description: String {
        switch reason {
        case .noScannedDataReport:
            return "no input report with Decoded Data (0x8C:0xFE) in a Barcode Scanner "
                + "collection (HID Usage Tables 1.6, section 32); this interface does not "
                + "send HID POS scans"
        case .decodedDataNotBytes(let bits):
            return "Decoded Data fields are \(bits) bits wide, not 8; the descriptor does "
                + "not describe bytes of scanned data"
        case .shortReport(let length, let expected):
            return "Scanned Data Report of \(length) bytes, \(expected) expected from the "
                + "report descriptor; the report was dropped"
        case .scanTooLong(let limit):
            return "scan longer than \(limit) bytes dropped; its remaining reports are "
                + "ignored until the scan ends"
        }
    }
}
