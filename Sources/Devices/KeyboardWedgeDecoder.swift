/// Turns the key events of a keyboard-wedge scanner into messages, with the scanner's own
/// layout.
///
/// A pure decoder with no clock: fed `EvdevEvent`s as the kernel delivers them, it returns
/// the messages they complete; the reader calls `idle()` when no event came for the idle
/// gap. It follows the modifiers (Shift left and right, Ctrl left and right, Left Alt,
/// Right Alt as AltGr, and Ctrl with Left Alt as AltGr too, as Windows has it) and Caps
/// Lock (toggled on its press). A character is typed on a key's press only; autorepeat
/// (value 2) is ignored and a release types nothing, so the same key pressed again after
/// its release is the same character again (`0011`).
///
/// Output is bytes so that control characters survive: characters in UTF-8, and
/// - Alt+keypad digits: while Left Alt is held, keypad digits make a decimal number,
///   typed when Left Alt is released, as the byte of that value modulo 256 (Windows
///   behaviour); 0x80 and above are read as ISO 8859-1 (`Alt+0252` is `ü`, sent as UTF-8).
///   `Alt+029` (or `Alt+0029`) is GS, 0x1D, the GS1 separator.
/// - Ctrl with a key whose character is `@`…`_` or `a`…`z`: that character's control code
///   (`Ctrl+]` is GS, `Ctrl+M` is CR).
/// A message ends on a suffix key of the settings (not part of the message) or on
/// `idle()`; an empty message is no message.
public struct KeyboardWedgeDecoder: Sendable {
    /// What this decoder follows.
    public let settings: KeyboardWedgeSettings

    private var message: [UInt8] = []
    /// The message overran the limit, or the kernel lost events: skip to its end.
    private var discarding = false
    private var held: Set<UInt16> = []
    private var capsLock = false
    /// The decimal number typed on the keypad while Left Alt is held; nil with no digit.
    private var altCode: Int?

    /// A decoder with nothing typed, no key held and Caps Lock off.
    public init(settings: KeyboardWedgeSettings) {
        self.settings = settings
    }

    /// Whether part of a message has been typed (the reader's idle timer then runs).
    public var hasPartialMessage: Bool { !message.isEmpty || discarding }

    /// Whether Caps Lock is on, as this decoder has followed it.
    public var isCapsLockOn: Bool { capsLock }

    /// Takes the next events; returns the messages they complete, in order.
    public mutating func feed(_ events: some Sequence<EvdevEvent>) -> [ScanFrame] {
        events.flatMap { feed($0) }
    }

    /// Takes one event; returns the messages it completes (at most one).
    public mutating func feed(_ event: EvdevEvent) -> [ScanFrame] {
        if event.type == EvdevCode.synchronization && event.code == EvdevCode.synDropped {
            // The kernel's buffer overran: keys of this message are missing, and which
            // modifiers are held is unknown. The message cannot be trusted.
            // TODO: the lost message is dropped without telling anyone (ScanFrame has no
            // case for it and ScannerFramingError is not this layer's to extend); a
            // `.dropped` reason for lost events would let `lanegate devices` show it.
            // Releasing every held key is a guess the next packet corrects.
            message.removeAll()
            discarding = true
            held.removeAll()
            altCode = nil
            return []
        }
        guard event.type == EvdevCode.key, event.value != EvdevCode.repeated else { return [] }

        let code = event.code
        if event.value == EvdevCode.released {
            held.remove(code)
            if code == Key.leftAlt, let value = altCode {
                altCode = nil
                return type(Self.altCodeBytes(value))
            }
            return []
        }
        guard event.value == EvdevCode.pressed else { return [] }
        return press(code)
    }

    /// The idle gap passed: what has been typed is a whole message. While a key other
    /// than a modifier is still down (held past the autorepeat delay) the message goes on.
    public mutating func idle() -> [ScanFrame] {
        guard held.isSubset(of: Key.modifiers) else { return [] }
        return finish()
    }

    /// Forgets the message in progress and every held key (the device was lost).
    public mutating func reset() {
        message.removeAll()
        discarding = false
        held.removeAll()
        altCode = nil
    }

    private mutating func press(_ code: UInt16) -> [ScanFrame] {
        held.insert(code)
        if Key.modifiers.contains(code) {
            if code == Key.leftAlt { altCode = nil }
            return []
        }
        if code == Key.capsLock {
            capsLock.toggle()
            return []
        }

        let ctrl = held.contains(Key.leftCtrl) || held.contains(Key.rightCtrl)
        let leftAlt = held.contains(Key.leftAlt)
        if leftAlt && !ctrl, let digit = Key.keypadDigits[code] {
            altCode = (altCode ?? 0) * 10 + digit
            return []
        }
        if settings.suffixKeys.contains(where: { $0.code == code }) {
            return finish()
        }

        let altGr = held.contains(Key.rightAlt) || (ctrl && leftAlt)
        if leftAlt && !altGr {
            return []  // An Alt shortcut, not a character.
        }
        let shift = held.contains(Key.leftShift) || held.contains(Key.rightShift)
        guard
            let character = settings.layout.character(
                for: code, shift: shift, altGr: altGr, capsLock: capsLock)
        else { return [] }

        if ctrl && !altGr {
            guard let control = Self.controlCode(of: character) else { return [] }
            return type([control])
        }
        return type(Array(String(character).utf8))
    }

    private mutating func type(_ bytes: [UInt8]) -> [ScanFrame] {
        guard !discarding else { return [] }
        message.append(contentsOf: bytes)
        guard message.count > settings.maximumMessageSize else { return [] }
        message.removeAll()
        discarding = true
        return [.dropped(.messageTooLong(limit: settings.maximumMessageSize))]
    }

    private mutating func finish() -> [ScanFrame] {
        defer {
            message.removeAll()
            discarding = false
            altCode = nil
        }
        guard !discarding, !message.isEmpty else { return [] }
        return [.message(message)]
    }

    /// The control code Ctrl gives with a character: `@`…`_` and `a`…`z` less 0x40 / 0x60.
    private static func controlCode(of character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case 0x40...0x5F: return ascii - 0x40
        case 0x61...0x7A: return ascii - 0x60
        default: return nil
        }
    }

    /// An Alt+keypad number as the bytes it types: below 0x80 the byte itself, above it
    /// the ISO 8859-1 character in UTF-8.
    private static func altCodeBytes(_ value: Int) -> [UInt8] {
        let byte = UInt8(value % 256)
        if byte < 0x80 { return [byte] }
        return Array(String(Character(Unicode.Scalar(byte))).utf8)
    }

    /// The key codes the decoder gives a meaning of its own (`input-event-codes.h`).
    private enum Key {
        static let leftCtrl: UInt16 = 29
        static let leftShift: UInt16 = 42
        static let rightShift: UInt16 = 54
        static let leftAlt: UInt16 = 56
        static let capsLock: UInt16 = 58
        static let rightCtrl: UInt16 = 97
        static let rightAlt: UInt16 = 100
        static let leftMeta: UInt16 = 125
        static let rightMeta: UInt16 = 126
        static let modifiers: Set<UInt16> = [
            leftCtrl, leftShift, rightShift, leftAlt, rightCtrl, rightAlt, leftMeta, rightMeta,
        ]
        /// `KEY_KP0`…`KEY_KP9` and their digits.
        static let keypadDigits: [UInt16: Int] = [
            82: 0, 79: 1, 80: 2, 81: 3, 75: 4, 76: 5, 77: 6, 71: 7, 72: 8, 73: 9,
        ]
    }
}
