// The length rules of the Epson ESC/POS command set, from the Epson ESC/POS
// Command Reference (TM printers): how many bytes each command takes, and the
// state or element it produces.

extension ESCPOSParser {
    /// The outcome of looking at the bytes at the front of the buffer.
    enum Step {
        /// The command is not complete yet.
        case needMore
        /// A command of `length` bytes, buffered whole; its state change is applied.
        case done(length: Int, kind: ESCPOSElement.Kind?)
        /// A command of `length` bytes that may be counted through unbuffered.
        case bulk(length: Int, kind: ESCPOSElement.Kind?)
    }

    /// Parameter counts of `ESC x` commands that change nothing this parser tracks.
    static let escParameterCounts: [UInt8: Int] = [
        0x0C: 0, 0x20: 1, 0x24: 2, 0x25: 1, 0x32: 0, 0x33: 1, 0x3C: 0, 0x3D: 1,
        0x3F: 1, 0x47: 1, 0x4B: 1, 0x4C: 0, 0x52: 1, 0x53: 0, 0x54: 1, 0x55: 1,
        0x56: 1, 0x57: 8, 0x5C: 2, 0x63: 2, 0x65: 1, 0x66: 2, 0x70: 3, 0x72: 1,
        0x75: 1, 0x76: 0, 0x7B: 1,
    ]

    /// Parameter counts of `GS x` commands that change nothing this parser tracks.
    static let gsParameterCounts: [UInt8: Int] = [
        0x24: 2, 0x2F: 1, 0x3A: 0, 0x45: 1, 0x49: 1, 0x4C: 2, 0x50: 2, 0x54: 1,
        0x57: 2, 0x5C: 2, 0x5E: 3, 0x62: 1, 0x63: 0, 0x66: 1, 0x67: 4,
        0x6A: 1, 0x72: 1, 0x7A: 3,
    ]

    /// Parameter counts of `FS x` commands (Kanji and NV image commands).
    static let fsParameterCounts: [UInt8: Int] = [
        0x21: 1, 0x26: 0, 0x2D: 1, 0x2E: 0, 0x32: 74, 0x43: 1, 0x53: 2, 0x57: 1,
        0x70: 2,
    ]

    /// Parses the command at the front of `bytes` (its first byte is not text).
    mutating func parseCommand(_ bytes: ArraySlice<UInt8>) -> Step {
        let b = Array(bytes.prefix(24))  // enough for every fixed header
        switch b[0] {
        case 0x0A: return .done(length: 1, kind: .lineFeed)
        case 0x0D, 0x0C, 0x18: return .done(length: 1, kind: nil)  // CR, FF, CAN
        case 0x10: return parseDLE(b)
        case 0x1B: return parseESC(bytes, b)
        case 0x1D: return parseGS(bytes, b)
        case 0x1C: return parseFS(bytes, b)
        default: return .done(length: 1, kind: .unknown([b[0]]))
        }
    }

    /// `DLE EOT n` (status request), `DLE ENQ n`, `DLE DC4 fn ...` (real-time).
    private func parseDLE(_ b: [UInt8]) -> Step {
        guard b.count >= 2 else { return .needMore }
        switch b[1] {
        case 0x04:
            guard b.count >= 3 else { return .needMore }
            // n = 7 and 8 (ink and paper status on some models) carry one more byte.
            if b[2] == 7 || b[2] == 8 {
                return b.count >= 4 ? .done(length: 4, kind: .statusRequest(b[2])) : .needMore
            }
            return .done(length: 3, kind: .statusRequest(b[2]))
        case 0x05:
            return b.count >= 3 ? .done(length: 3, kind: nil) : .needMore
        case 0x14:
            guard b.count >= 3 else { return .needMore }
            let lengths: [UInt8: Int] = [1: 5, 2: 5, 3: 5, 7: 4, 8: 10]
            guard let length = lengths[b[2]] else {
                return .done(length: 3, kind: .unknown(Array(b[0..<3])))
            }
            return b.count >= length ? .done(length: length, kind: nil) : .needMore
        default:
            return .done(length: 1, kind: .unknown([0x10]))
        }
    }

    private mutating func parseESC(_ bytes: ArraySlice<UInt8>, _ b: [UInt8]) -> Step {
        guard b.count >= 2 else { return .needMore }
        let command = b[1]

        // Commands with no parameter.
        switch command {
        case 0x40:
            resetState()
            return .done(length: 2, kind: .initialize)
        case 0x69, 0x6D:
            return .done(length: 2, kind: .cut)
        case 0x28:
            guard let length = prefixedLength(bytes, b) else { return .needMore }
            return .done(length: length, kind: nil)
        case 0x2A:
            return bitImage(b)
        case 0x44:
            // Tab positions, up to 32 of them, ended by NUL.
            let values = bytes.dropFirst(2).prefix(32)
            if let end = values.firstIndex(of: 0) {
                return .done(length: end - bytes.startIndex + 1, kind: nil)
            }
            return values.count == 32 ? .done(length: 34, kind: nil) : .needMore
        case 0x26:
            return userDefinedCharacters(bytes)
        default:
            break
        }

        // Commands with one parameter that this parser tracks.
        let tracked: Set<UInt8> = [0x21, 0x2D, 0x45, 0x4A, 0x4D, 0x61, 0x64, 0x74]
        if tracked.contains(command) {
            guard b.count >= 3 else { return .needMore }
            let n = b[2]
            switch command {
            case 0x21:
                state.font = n & 0x01
                state.emphasized = n & 0x08 != 0
                state.height = n & 0x10 != 0 ? 2 : 1
                state.width = n & 0x20 != 0 ? 2 : 1
                state.underline = n & 0x80 != 0 ? 1 : 0
            case 0x2D:
                state.underline = [0, 1, 2, 0x30, 0x31, 0x32].contains(n) ? n & 0x03 : 0
            case 0x45:
                state.emphasized = n & 0x01 != 0
            case 0x4A:
                return .done(length: 3, kind: .lineFeed)
            case 0x4D:
                state.font = n & 0x0F
            case 0x61:
                state.alignment = Alignment(rawValue: n & 0x0F) ?? state.alignment
            case 0x64:
                return .done(length: 3, kind: .feed(Int(n)))
            default:
                codePage = CodePage.table(n)
                return .done(length: 3, kind: .codePage(n))
            }
            return .done(length: 3, kind: nil)
        }

        if let count = Self.escParameterCounts[command] {
            return b.count >= 2 + count ? .done(length: 2 + count, kind: nil) : .needMore
        }
        return .done(length: 2, kind: .unknown([0x1B, command]))
    }

    private mutating func parseGS(_ bytes: ArraySlice<UInt8>, _ b: [UInt8]) -> Step {
        guard b.count >= 2 else { return .needMore }
        let command = b[1]

        switch command {
        case 0x28:
            guard let length = prefixedLength(bytes, b) else { return .needMore }
            let data = bytes.dropFirst(5).prefix(length - 5)
            return .done(length: length, kind: gsParenthesis(function: b[2], data: data))
        case 0x38:
            return graphics8L(bytes, b)
        case 0x6B:
            return barcode(bytes, b)
        case 0x76:
            return raster(b)
        case 0x61:
            guard b.count >= 3 else { return .needMore }
            return .done(
                length: 3, kind: .enableAutomaticStatus(AutomaticStatus.Items(rawValue: b[2])))
        case 0x2A:
            // Define a downloaded bit image: x * 8 columns by y * 8 dots.
            guard b.count >= 4 else { return .needMore }
            return .bulk(length: 4 + Int(b[2]) * Int(b[3]) * 8, kind: nil)
        case 0x56:
            guard b.count >= 3 else { return .needMore }
            switch b[2] {
            case 0, 1, 0x30, 0x31: return .done(length: 3, kind: .cut)
            case 65, 66, 97, 98, 103, 104:
                return b.count >= 4 ? .done(length: 4, kind: .cut) : .needMore
            default: return .done(length: 3, kind: .unknown(Array(b[0..<3])))
            }
        default:
            break
        }

        let tracked: Set<UInt8> = [0x21, 0x42, 0x48, 0x68, 0x77]
        if tracked.contains(command) {
            guard b.count >= 3 else { return .needMore }
            let n = b[2]
            switch command {
            case 0x21:
                state.width = Int(n >> 4 & 0x07) + 1
                state.height = Int(n & 0x07) + 1
            case 0x42:
                state.inverted = n & 0x01 != 0
            case 0x48:
                barcodeHRI = HRIPosition(rawValue: n & 0x03) ?? .none
            case 0x68:
                barcodeHeight = Int(n)
            default:
                barcodeModuleWidth = Int(n)
            }
            return .done(length: 3, kind: nil)
        }

        if let count = Self.gsParameterCounts[command] {
            return b.count >= 2 + count ? .done(length: 2 + count, kind: nil) : .needMore
        }
        return .done(length: 2, kind: .unknown([0x1D, command]))
    }

    private func parseFS(_ bytes: ArraySlice<UInt8>, _ b: [UInt8]) -> Step {
        guard b.count >= 2 else { return .needMore }
        let command = b[1]
        if command == 0x28 {
            guard let length = prefixedLength(bytes, b) else { return .needMore }
            return .done(length: length, kind: nil)
        }
        if command == 0x71 {
            return nvBitImages(bytes)
        }
        if let count = Self.fsParameterCounts[command] {
            return b.count >= 2 + count ? .done(length: 2 + count, kind: nil) : .needMore
        }
        return .done(length: 2, kind: .unknown([0x1C, command]))
    }

    /// The whole length of `ESC ( x pL pH`, `GS ( x pL pH` or `FS ( x pL pH` (five
    /// header bytes and `pL + pH * 256` data bytes), or nil until it is all buffered.
    private func prefixedLength(_ bytes: ArraySlice<UInt8>, _ b: [UInt8]) -> Int? {
        guard b.count >= 5 else { return nil }
        let length = 5 + Int(b[3]) + Int(b[4]) * 256
        return bytes.count >= length ? length : nil
    }

    /// The meaning of a complete `GS ( x` command whose data is `data`.
    private mutating func gsParenthesis(
        function: UInt8, data: ArraySlice<UInt8>
    ) -> ESCPOSElement.Kind? {
        let d = Array(data)
        switch function {
        case 0x48 where d.count == 6 && d[0] == 0x30 && d[1] == 0x30:
            return .processIDRequest(Array(d[2..<6]))
        case 0x6B where d.count >= 3 && d[0] == 0x31:
            return qrFunction(d)
        // TODO: the other GS ( k symbols (PDF417 cn 48, MaxiCode 50, DataBar 51,
        // composite 52, Aztec 53, DataMatrix 54) are consumed without an element, so a
        // preview or fake printer does not show them; only QR is used by lanegate.
        case 0x4C where d.count >= 10 && d[1] == 0x70:
            return graphicsImage(d)
        default:
            return nil
        }
    }

    /// `GS ( k` with cn 49: the QR code functions 165 to 181.
    private mutating func qrFunction(_ d: [UInt8]) -> ESCPOSElement.Kind? {
        switch d[1] {
        case 0x41:
            qr.model = Int(d[2]) - 0x30
        case 0x43:
            qr.moduleSize = Int(d[2])
        case 0x45:
            qr.errorCorrection = QRErrorCorrection(parameter: d[2]) ?? qr.errorCorrection
        case 0x50:
            qr.data = Array(d.dropFirst(3))
        case 0x51:
            var printed = qr
            printed.alignment = state.alignment
            return .qrCode(printed)
        default:
            break
        }
        return nil
    }

    /// `GS ( L` / `GS 8 L` function 112 data (`m fn a bx by c xL xH yL yH`): a
    /// raster graphic stored in the print buffer, printed by function 50.
    private func graphicsImage(_ d: [UInt8]) -> ESCPOSElement.Kind {
        .image(width: Int(d[6]) + Int(d[7]) * 256, height: Int(d[8]) + Int(d[9]) * 256)
    }

    /// `GS 8 L p1 p2 p3 p4 m fn ...`: graphics data with a four-byte length.
    private func graphics8L(_ bytes: ArraySlice<UInt8>, _ b: [UInt8]) -> Step {
        guard b.count >= 3 else { return .needMore }
        guard b[2] == 0x4C else { return .done(length: 2, kind: .unknown([0x1D, 0x38])) }
        guard b.count >= 7 else { return .needMore }
        let dataLength = (0..<4).reduce(0) { $0 | Int(b[3 + $1]) << (8 * $1) }
        let needed = min(dataLength, 10)
        guard b.count >= 7 + needed else { return .needMore }
        let d = Array(b[7..<(7 + needed)])
        let kind = needed == 10 && d[1] == 0x70 ? graphicsImage(d) : nil
        return .bulk(length: 7 + dataLength, kind: kind)
    }

    /// `GS v 0 m xL xH yL yH d...`: a raster bit image, x bytes by y dots.
    private func raster(_ b: [UInt8]) -> Step {
        guard b.count >= 3 else { return .needMore }
        guard b[2] == 0x30 else { return .done(length: 2, kind: .unknown([0x1D, 0x76])) }
        guard b.count >= 8 else { return .needMore }
        let widthBytes = Int(b[4]) + Int(b[5]) * 256
        let height = Int(b[6]) + Int(b[7]) * 256
        return .bulk(
            length: 8 + widthBytes * height, kind: .image(width: widthBytes * 8, height: height))
    }

    /// `ESC * m nL nH d...`: one row of a bit image, 8 dots (m 0, 1) or 24 (m 32, 33).
    private func bitImage(_ b: [UInt8]) -> Step {
        guard b.count >= 5 else { return .needMore }
        let columns = Int(b[3]) + Int(b[4]) * 256
        switch b[2] {
        case 0, 1: return .bulk(length: 5 + columns, kind: .image(width: columns, height: 8))
        case 32, 33:
            return .bulk(length: 5 + columns * 3, kind: .image(width: columns, height: 24))
        default: return .done(length: 2, kind: .unknown([0x1B, 0x2A]))
        }
    }

    /// `GS k m d... NUL` (m 0 to 6) or `GS k m n d1...dn` (m 65 to 79).
    private func barcode(_ bytes: ArraySlice<UInt8>, _ b: [UInt8]) -> Step {
        guard b.count >= 3 else { return .needMore }
        let m = b[2]
        let data: [UInt8]
        let length: Int
        switch m {
        case 0...6:
            // Data ends at NUL; no symbology takes more than 255 characters.
            let candidates = bytes.dropFirst(3).prefix(256)
            guard let end = candidates.firstIndex(of: 0) else {
                if candidates.count < 256 { return .needMore }
                return .done(length: 3, kind: .unknown(Array(b[0..<3])))
            }
            data = Array(bytes[(bytes.startIndex + 3)..<end])
            length = end - bytes.startIndex + 1
        case 65...79:
            guard b.count >= 4 else { return .needMore }
            length = 4 + Int(b[3])
            guard bytes.count >= length else { return .needMore }
            data = Array(bytes.dropFirst(4).prefix(Int(b[3])))
        default:
            return .done(length: 3, kind: .unknown(Array(b[0..<3])))
        }
        let barcode = Barcode(
            type: BarcodeType(function: m), data: data, hri: barcodeHRI,
            moduleWidth: barcodeModuleWidth, height: barcodeHeight, alignment: state.alignment)
        return .done(length: length, kind: .barcode(barcode))
    }

    /// `ESC & y c1 c2 [x d1...d(y*x)]...`: user-defined characters c1 to c2.
    private func userDefinedCharacters(_ bytes: ArraySlice<UInt8>) -> Step {
        let b = Array(bytes.prefix(5))
        guard b.count >= 5 else { return .needMore }
        let y = Int(b[2])
        var length = 5
        var remaining = max(Int(b[4]) - Int(b[3]) + 1, 0)
        while remaining > 0 {
            guard bytes.count > length else { return .needMore }
            length += 1 + y * Int(bytes[bytes.startIndex + length])
            remaining -= 1
        }
        return bytes.count >= length ? .done(length: length, kind: nil) : .needMore
    }

    /// `FS q n [xL xH yL yH d...]...`: define n NV bit images of x * 8 by y * 8 dots.
    private func nvBitImages(_ bytes: ArraySlice<UInt8>) -> Step {
        // TODO: FS q is buffered whole, so a huge definition waits in memory (up to
        // 255 images of 8 MB each in theory); it is an obsolete setup command that
        // receipt streams do not carry, so it is not counted through like GS v 0.
        guard bytes.count >= 3 else { return .needMore }
        var length = 3
        for _ in 0..<Int(bytes[bytes.startIndex + 2]) {
            guard bytes.count >= length + 4 else { return .needMore }
            let s = bytes.startIndex + length
            let x = Int(bytes[s]) + Int(bytes[s + 1]) * 256
            let y = Int(bytes[s + 2]) + Int(bytes[s + 3]) * 256
            length += 4 + x * y * 8
        }
        return bytes.count >= length ? .done(length: length, kind: nil) : .needMore
    }

    /// `ESC @`: every setting back to its power-on value.
    private mutating func resetState() {
        state = TextState()
        codePage = CodePage.table(0)
        barcodeHRI = .none
        barcodeModuleWidth = 3
        barcodeHeight = 162
        qr = QRCode(data: [])
    }
}
