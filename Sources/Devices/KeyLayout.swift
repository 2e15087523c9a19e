/// The keyboard layout a keyboard-wedge scanner types in: which character each Linux key
/// code gives with Shift, AltGr and Caps Lock.
///
/// A scanner in keyboard mode does not send characters but key positions, chosen for the
/// layout it is set to (its "country keyboard" setting). The same position is `0` for a
/// US reader and `à` for a Belgian one (field case K01), so lanegate decodes with the
/// layout the profile gives for the reader, never the host's. Levels: 1 plain, 2 Shift,
/// 3 AltGr (Right Alt), 4 Shift+AltGr.
///
/// Caps Lock gives level 2 on letter keys (a lowercase letter whose Shift level is a
/// capital: `ü`/`Ü` and Turkish `i`/`İ` too), and on the keys the layout lists in
/// `capsLockShifts` (French AZERTY: the digits row and most punctuation, as Microsoft's
/// French layout marks them "CAP"); Shift with Caps Lock on gives level 1 there again.
///
/// Dead keys are treated as their spacing character at once (`^` on German TLDE types
/// `^`): a scanner has no reason to compose accents, and one that did would be misset.
public struct KeyLayout: Hashable, Sendable, CustomStringConvertible {
    /// The name profiles use (`us`, `uk`, `de`, `fr`, `be`, `nl`, `es`, `it`, `tr`).
    public let name: String
    /// The layout in words (`German (QWERTZ)`).
    public let title: String
    /// The keypad's decimal key (`KEY_KPDOT`): `,` where XKB includes `kpdl(comma)`.
    public let keypadDecimal: Character
    /// Keys besides letters on which Caps Lock acts as Shift.
    public let capsLockShifts: Set<UInt16>
    private let keys: [UInt16: [Character?]]

    /// A layout from its character table: per key code, the characters of levels 1 to 4
    /// (missing or nil where the level has none).
    public init(
        name: String, title: String, keypadDecimal: Character = ".",
        capsLockShifts: Set<UInt16> = [], keys: [UInt16: [Character?]]
    ) {
        self.name = name
        self.title = title
        self.keypadDecimal = keypadDecimal
        self.capsLockShifts = capsLockShifts
        self.keys = keys
    }

    /// Every layout lanegate knows, in the order they are listed to people.
    public static let all: [KeyLayout] = [
        unitedStates, unitedKingdom, german, french, belgian, dutch, spanish, italian,
        turkish,
    ]

    /// The layout a profile names; `gb` is accepted for `uk`.
    public static func named(_ name: String) throws(KeyLayoutError) -> KeyLayout {
        let wanted = name.lowercased() == "gb" ? "uk" : name.lowercased()
        guard let layout = all.first(where: { $0.name == wanted }) else {
            throw KeyLayoutError(name: name, known: all.map(\.name))
        }
        return layout
    }

    /// The character a key gives in this layout, or nil for a key that types none (a
    /// modifier, a function key) or a level the key does not have.
    ///
    /// Keys every layout shares: space, Enter and keypad Enter (`\r`), Tab (`\t`), and the
    /// keypad's digits and operators (read as with Num Lock on, which is how scanners
    /// that type on the keypad expect the host to be).
    public func character(
        for code: UInt16, shift: Bool = false, altGr: Bool = false, capsLock: Bool = false
    ) -> Character? {
        if let shared = Self.shared[code] {
            return code == Self.keypadDecimalCode ? keypadDecimal : shared
        }
        guard let levels = keys[code] else { return nil }
        let base = altGr ? 2 : 0
        var shifted = shift
        if capsLock && (capsLockShifts.contains(code) || Self.isLetterPair(levels, at: base)) {
            shifted.toggle()
        }
        return Self.level(levels, base + (shifted ? 1 : 0))
    }

    /// `de (German (QWERTZ))`.
    public var description: String { "\(name) (\(title))" }

    /// Layouts are the same when their names are.
    public static func == (left: KeyLayout, right: KeyLayout) -> Bool {
        left.name == right.name
    }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }

    private static func level(_ levels: [Character?], _ index: Int) -> Character? {
        index < levels.count ? levels[index] : nil
    }

    /// Whether levels `base` and `base + 1` are a lowercase letter and its capital.
    private static func isLetterPair(_ levels: [Character?], at base: Int) -> Bool {
        guard let lower = level(levels, base), let upper = level(levels, base + 1) else {
            return false
        }
        return lower.isLetter && lower.isLowercase && upper.isLetter && upper.isUppercase
    }

    private static let keypadDecimalCode: UInt16 = 83

    /// Keys outside the national part of the layout (`input-event-codes.h` numbers).
    private static let shared: [UInt16: Character] = [
        15: "\t", 28: "\r", 57: " ", 96: "\r",
        71: "7", 72: "8", 73: "9", 75: "4", 76: "5", 77: "6", 79: "1", 80: "2", 81: "3",
        82: "0", 83: ".", 55: "*", 74: "-", 78: "+", 98: "/",
    ]
}
