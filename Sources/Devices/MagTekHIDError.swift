/// Why a MagTek HID card reader's layout could not be built, or one of its reports read.
public struct MagTekHIDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// No "Decoding reader device" collection (0xFF00:0x01) has an input report with
        /// track data (0xFF00:0x30-0x32).
        case noSwipeReport
        /// A track has a data field but not its decode status or its data length.
        case missingField(track: Int, usage: HIDUsage)
        /// A track's data field is not whole bytes on a byte boundary.
        case trackDataNotBytes(track: Int, bitSize: Int)
        /// A report shorter than the descriptor says the swipe report is.
        case shortReport(length: Int, expected: Int)
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
        case .noSwipeReport:
            return "no input report with track data (0xFF00:0x30-0x32) in a \"Decoding "
                + "reader device\" collection (0xFF00:0x01; MagTek USB HID Swipe Reader "
                + "Technical Reference Manual, section 4); this interface is not a MagTek "
                + "HID card reader (a reader in keyboard emulation is read as evdev)"
        case .missingField(let track, let usage):
            return "track \(track) has a data field but no \(usage) field (its decode "
                + "status or data length); the descriptor does not describe a MagTek swipe "
                + "report"
        case .trackDataNotBytes(let track, let bits):
            return "track \(track) data fields are \(bits) bits wide, not bytes; the "
                + "descriptor does not describe ASCII track data"
        case .shortReport(let length, let expected):
            return "card reader report of \(length) bytes, \(expected) expected from the "
                + "report descriptor; the swipe was dropped: swipe the card again"
        }
    }
}
