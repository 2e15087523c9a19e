import ESCPOS

extension ReceiptPrinter {
    /// What a printer says it is, from `GS I` (Epson ESC/POS Command Reference, "GS I:
    /// Transmit printer ID"). A field is nil when the printer did not answer that request.
    public struct Identity: Sendable, Equatable {
        /// `GS I 1`: the printer model ID (0x20 for the TM-T88 series).
        public var modelID: UInt8?
        /// `GS I 2`: the type ID; bit 0 multi-byte characters, bit 1 autocutter.
        public var typeID: UInt8?
        /// `GS I 3`: the ROM (firmware) version ID.
        public var versionID: UInt8?
        /// `GS I 65`: the firmware version.
        public var firmware: String?
        /// `GS I 66`: the maker's name (`EPSON`).
        public var maker: String?
        /// `GS I 67`: the model's name (`TM-T88V`).
        public var model: String?
        /// `GS I 68`: the serial number.
        public var serialNumber: String?

        /// Nothing known.
        public init() {}

        /// Whether the type ID says an autocutter is fitted.
        public var hasAutocutter: Bool? { typeID.map { $0 & 0x02 != 0 } }

        /// Whether the printer answered any `GS I` request.
        public var isEmpty: Bool { self == Identity() }
    }

    /// Asks `GS I` 1, 2, 3, then 66, 67, 65 and 68, one at a time (the manual asks to wait
    /// for each answer before sending more), each for up to the confirmation timeout.
    public func identify() async -> Identity {
        await beginOperation()
        defer { endOperation() }
        var identity = Identity()
        identity.modelID = await printerID(1)
        identity.typeID = await printerID(2)
        identity.versionID = await printerID(3)
        identity.maker = await information(66)
        identity.model = await information(67)
        identity.firmware = await information(65)
        identity.serialNumber = await information(68)
        return identity
    }

    private func printerID(_ n: UInt8) async -> UInt8? {
        await takeUnaskedReplies()
        return await ask(.printerID(n), sending: [0x1D, 0x49, n]) { reply in
            if case .printerID(n, let value) = reply { value } else { nil }
        }
    }

    private func information(_ n: UInt8) async -> String? {
        await takeUnaskedReplies()
        return await ask(.information(n), sending: [0x1D, 0x49, n]) { reply in
            if case .information(n, let text) = reply { text } else { nil }
        }
    }
}
