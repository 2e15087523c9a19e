/// Builds an ESC/POS command stream, one call per command.
///
/// Byte values follow the Epson ESC/POS Command Reference. The encoder keeps the
/// character table it last selected so that `text(_:)` sends `ESC t n` only when a
/// run of text needs a different one; see `ESCPOSEncoder+Text.swift`.
public struct ESCPOSEncoder: Sendable {
    /// The commands built so far.
    public internal(set) var bytes: [UInt8] = []

    /// The profile's tables, in preference order; unknown numbers are dropped.
    let codePages: [CodePage]
    /// The table the printer has selected, as far as this stream says; nil when the
    /// stream has not selected one (the printer's default is then unknown).
    var activeCodePage: CodePage?

    /// Creates an empty stream for a printer offering `codePages` (Epson `ESC t`
    /// numbers, the profile's preference first).
    public init(codePages: [UInt8]) {
        self.codePages = codePages.compactMap(CodePage.table)
    }

    /// `ESC @`: clears the print buffer and resets every setting to its default.
    ///
    /// The character table returns to the printer's power-on default, which the
    /// profile does not tell, so the next non-ASCII text selects its table again.
    public mutating func initialize() {
        bytes += [0x1B, 0x40]
        activeCodePage = nil
    }

    /// `ESC a n`: justification of the lines that follow.
    public mutating func align(_ a: Alignment) {
        bytes += [0x1B, 0x61, a.rawValue]
    }

    /// `ESC E n`: emphasized (bold) printing on or off.
    public mutating func emphasis(_ on: Bool) {
        bytes += [0x1B, 0x45, on ? 1 : 0]
    }

    /// `GS ! n`: character width and height multipliers, each clamped to 1 to 8.
    public mutating func size(width: Int, height: Int) {
        let w = UInt8(min(max(width, 1), 8) - 1)
        let h = UInt8(min(max(height, 1), 8) - 1)
        bytes += [0x1D, 0x21, w << 4 | h]
    }

    /// `ESC - n`: one-dot underline on, or underline off.
    public mutating func underline(_ on: Bool) {
        bytes += [0x1B, 0x2D, on ? 1 : 0]
    }

    /// Text followed by `LF` (print and feed one line).
    public mutating func line(_ s: String = "") {
        text(s)
        bytes.append(0x0A)
    }

    /// `ESC d n`: prints the buffer and feeds `lines` lines (clamped to 0 to 255).
    public mutating func feed(lines: Int) {
        bytes += [0x1B, 0x64, UInt8(min(max(lines, 0), 255))]
    }

    /// `GS V`: cuts the paper, first feeding `feedLines` lines when above zero.
    ///
    /// With a feed this is `GS V 65 n` (full) or `GS V 66 n` (partial): the printer
    /// feeds to the cutting position plus `n` motion units (usually dots), which
    /// clears the last printed line from the blade. Without one it is `GS V 0` or
    /// `GS V 1`, cutting where the paper stands.
    public mutating func cut(_ mode: CutMode, feedLines: Int) {
        let feed = UInt8(min(max(feedLines, 0), 255))
        switch (mode, feed) {
        case (.full, 0): bytes += [0x1D, 0x56, 0x00]
        case (.partial, 0): bytes += [0x1D, 0x56, 0x01]
        case (.full, _): bytes += [0x1D, 0x56, 0x41, feed]
        case (.partial, _): bytes += [0x1D, 0x56, 0x42, feed]
        }
    }

    /// Native QR code with `GS ( k`: model 2, module size, error correction, store,
    /// print (Epson functions 165, 167, 169, 180, 181).
    ///
    /// `moduleSize` is clamped to 1 to 16 dots. The printer ignores a symbol whose
    /// data does not fit a version 40 QR (7089 digits, 2953 bytes at level L);
    /// callers check the length, since this call does not throw.
    public mutating func qrCode(
        _ data: [UInt8], moduleSize: Int, errorCorrection: QRErrorCorrection
    ) {
        let size = UInt8(min(max(moduleSize, 1), 16))
        let stored = min(data.count, 0xFFFF - 3)
        let length = stored + 3

        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, size]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, errorCorrection.parameter]
        bytes += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30]
        bytes += data.prefix(stored)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
    }

    /// `DLE EOT n`: asks for real-time status `n` (1 printer, 2 offline cause,
    /// 3 error cause, 4 paper roll sensor); decode the reply with `PrinterStatus`.
    public mutating func statusRequest(_ n: UInt8) {
        bytes += [0x10, 0x04, n]
    }

    /// `GS ( H fn 48`: asks the printer to send back `37 22 d1 d2 d3 d4 00` once
    /// everything before this command has been processed (for print data: printed).
    ///
    /// The id is four bytes from 0x20 to 0x7E. A shorter id is padded with `0`, a
    /// longer one cut to four, and a byte out of range becomes `0`; use
    /// `ProcessIDReply.isValidID(_:)` to check an id before sending it.
    public mutating func processIDRequest(_ id: [UInt8]) {
        var d = id.prefix(4).map { (0x20...0x7E).contains($0) ? $0 : 0x30 }
        while d.count < 4 { d.append(0x30) }
        bytes += [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] + d
    }

    /// Appends bytes as they are. The encoder's idea of the active character table
    /// is not changed, so raw `ESC t` commands confuse `text(_:)`.
    public mutating func raw(_ b: [UInt8]) {
        bytes += b
    }
}
