/// One Automatic Status Back (ASB) message: the four bytes a printer sends by itself,
/// whenever a status item enabled with `GS a n` changes.
///
/// Layout per the Epson ESC/POS Command Reference, "GS a: Enable/disable Automatic Status
/// Back": first byte printer information, second byte error information, third and fourth
/// paper sensor information. The first byte has bits 0, 1 and 7 off and bit 4 on
/// (`(b & 0x93) == 0x10`); the others have bits 4 and 7 off (`(b & 0x90) == 0x00`). Those
/// fixed bits tell an ASB message from a `DLE EOT` reply (`(b & 0x93) == 0x12`) and from
/// `XON`/`XOFF` (0x11, 0x13), per the manual's "Transmission status identification".
public struct AutomaticStatus: Sendable, Equatable {
    /// The four bytes as the printer sent them.
    public let bytes: [UInt8]

    /// The message's length in bytes.
    public static let length = 4

    /// First byte, bit 2: the drawer kick-out connector's pin 3 is high.
    public var drawerPinHigh: Bool { bit(0, 2) }
    /// First byte, bit 3 clear: the printer is online.
    public var online: Bool { !bit(0, 3) }
    /// First byte, bit 5: the roll paper cover is open.
    public var coverOpen: Bool { bit(0, 5) }
    /// First byte, bit 6: paper is being fed with the feed button.
    public var paperFedByButton: Bool { bit(0, 6) }

    /// Second byte, bit 0: the printer is waiting to come back online.
    public var waitingForOnlineRecovery: Bool { bit(1, 0) }
    /// Second byte, bit 2: a mechanical (recoverable) error occurred.
    public var recoverableError: Bool { bit(1, 2) }
    /// Second byte, bit 3: the autocutter failed.
    public var autocutterError: Bool { bit(1, 3) }
    /// Second byte, bit 5: an error occurred that needs service.
    public var unrecoverableError: Bool { bit(1, 5) }
    /// Second byte, bit 6: an error that clears by itself, such as an overheated head.
    public var autoRecoverableError: Bool { bit(1, 6) }

    /// Third byte, bits 0 and 1: the near-end sensor sees little paper left.
    public var paperNearEnd: Bool { bytes[2] & 0x03 != 0 }
    /// Third byte, bits 2 and 3: the end sensor sees no paper.
    public var paperOut: Bool { bytes[2] & 0x0C != 0 }

    /// Whether nothing in the message stops printing. A near-end warning, the drawer pin
    /// and the feed button do not count.
    public var isHealthy: Bool {
        online && !coverOpen && !waitingForOnlineRecovery && !recoverableError
            && !autocutterError && !unrecoverableError && !autoRecoverableError && !paperOut
    }

    /// Whether `byte` can open an ASB message: `(byte & 0x93) == 0x10`.
    public static func isFirstByte(_ byte: UInt8) -> Bool {
        byte & 0x93 == 0x10
    }

    /// Whether `byte` can be the second, third or fourth byte: `(byte & 0x90) == 0x00`.
    public static func isFollowingByte(_ byte: UInt8) -> Bool {
        byte & 0x90 == 0x00
    }

    /// Decodes a message at the start of `bytes`, or nil when they do not begin with four
    /// bytes whose fixed bits are right.
    public static func decode(_ bytes: [UInt8]) -> AutomaticStatus? {
        let message = Array(bytes.prefix(length))
        guard message.count == length, isFirstByte(message[0]),
            message.dropFirst().allSatisfy(isFollowingByte)
        else { return nil }
        return AutomaticStatus(bytes: message)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func bit(_ index: Int, _ n: UInt8) -> Bool {
        bytes[index] & (1 << n) != 0
    }
}

extension AutomaticStatus {
    /// The status items whose changes make the printer send a message: the `n` of `GS a n`.
    ///
    /// Bits per the Epson ESC/POS Command Reference, "GS a". Every message carries all four
    /// bytes whatever is enabled; the items only choose what triggers one.
    public struct Items: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8

        /// Creates a set from the `n` of `GS a n`.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// Bit 0: the drawer kick-out connector.
        public static let drawer = Items(rawValue: 0x01)
        /// Bit 1: online and offline.
        public static let onlineOffline = Items(rawValue: 0x02)
        /// Bit 2: errors (cutter, mechanical, unrecoverable, automatically recoverable).
        public static let errors = Items(rawValue: 0x04)
        /// Bit 3: the roll paper sensors (near end, end).
        public static let rollPaperSensor = Items(rawValue: 0x08)

        /// What a lane wants to hear of: everything except the drawer.
        public static let lane: Items = [.onlineOffline, .errors, .rollPaperSensor]
    }
}
