/// The event types and codes of the Linux input layer that lanegate reads, with the names
/// `evtest` prints.
///
/// The numbers are those of `linux/input-event-codes.h` (the kernel's user-space API); the
/// names are the macro names, which is also how recordings write them (`EV_KEY KEY_1 1`).
public enum EvdevCode {
    /// `EV_SYN`: the end of one packet of events (`SYN_REPORT`) or a lost buffer
    /// (`SYN_DROPPED`).
    public static let synchronization: UInt16 = 0x00
    /// `EV_KEY`: a key or button changed state.
    public static let key: UInt16 = 0x01
    /// `EV_MSC`: miscellaneous data, such as the HID usage of a key (`MSC_SCAN`).
    public static let miscellaneous: UInt16 = 0x04
    /// `EV_LED`: a keyboard LED was set.
    public static let led: UInt16 = 0x11
    /// `EV_REP`: the autorepeat delay or period was set.
    public static let autorepeat: UInt16 = 0x14

    /// `SYN_REPORT`: the events since the last one form one packet.
    public static let synReport: UInt16 = 0
    /// `SYN_DROPPED`: the kernel's buffer overran and events were lost.
    public static let synDropped: UInt16 = 3

    /// `value` of an `EV_KEY` event: the key went up.
    public static let released: Int32 = 0
    /// `value` of an `EV_KEY` event: the key went down.
    public static let pressed: Int32 = 1
    /// `value` of an `EV_KEY` event: the kernel's autorepeat of a held key.
    public static let repeated: Int32 = 2

    /// The type names of `input-event-codes.h`, by number.
    public static let typeNames: [UInt16: String] = [
        0x00: "EV_SYN", 0x01: "EV_KEY", 0x02: "EV_REL", 0x03: "EV_ABS", 0x04: "EV_MSC",
        0x05: "EV_SW", 0x11: "EV_LED", 0x12: "EV_SND", 0x14: "EV_REP", 0x15: "EV_FF",
        0x16: "EV_PWR", 0x17: "EV_FF_STATUS",
    ]

    /// The code names of each type that has names here, by type and number.
    public static let codeNames: [UInt16: [UInt16: String]] = [
        synchronization: [0: "SYN_REPORT", 1: "SYN_CONFIG", 2: "SYN_MT_REPORT", 3: "SYN_DROPPED"],
        key: keyNames,
        miscellaneous: [
            0: "MSC_SERIAL", 1: "MSC_PULSELED", 2: "MSC_GESTURE", 3: "MSC_RAW", 4: "MSC_SCAN",
            5: "MSC_TIMESTAMP",
        ],
        led: [
            0: "LED_NUML", 1: "LED_CAPSL", 2: "LED_SCROLLL", 3: "LED_COMPOSE", 4: "LED_KANA",
        ],
        autorepeat: [0: "REP_DELAY", 1: "REP_PERIOD"],
    ]

    /// The number of a type name (`EV_KEY`), or nil.
    public static func type(named name: String) -> UInt16? {
        typeNumbers[name]
    }

    /// The number of a code name of `type` (`KEY_1` for `EV_KEY`), or nil.
    public static func code(named name: String, type: UInt16) -> UInt16? {
        codeNumbers[type]?[name]
    }

    /// The name of a code, or its number when this table has no name for it.
    public static func name(ofCode code: UInt16, type: UInt16) -> String {
        codeNames[type]?[code] ?? String(code)
    }

    /// `KEY_*` names of the keys a keyboard sends, codes 0 to 127.
    static let keyNames: [UInt16: String] = {
        let names = [
            "RESERVED", "ESC", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "MINUS",
            "EQUAL", "BACKSPACE", "TAB", "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P",
            "LEFTBRACE", "RIGHTBRACE", "ENTER", "LEFTCTRL", "A", "S", "D", "F", "G", "H", "J",
            "K", "L", "SEMICOLON", "APOSTROPHE", "GRAVE", "LEFTSHIFT", "BACKSLASH", "Z", "X",
            "C", "V", "B", "N", "M", "COMMA", "DOT", "SLASH", "RIGHTSHIFT", "KPASTERISK",
            "LEFTALT", "SPACE", "CAPSLOCK", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8",
            "F9", "F10", "NUMLOCK", "SCROLLLOCK", "KP7", "KP8", "KP9", "KPMINUS", "KP4", "KP5",
            "KP6", "KPPLUS", "KP1", "KP2", "KP3", "KP0", "KPDOT", "", "ZENKAKUHANKAKU",
            "102ND", "F11", "F12", "RO", "KATAKANA", "HIRAGANA", "HENKAN", "KATAKANAHIRAGANA",
            "MUHENKAN", "KPJPCOMMA", "KPENTER", "RIGHTCTRL", "KPSLASH", "SYSRQ", "RIGHTALT",
            "LINEFEED", "HOME", "UP", "PAGEUP", "LEFT", "RIGHT", "END", "DOWN", "PAGEDOWN",
            "INSERT", "DELETE", "MACRO", "MUTE", "VOLUMEDOWN", "VOLUMEUP", "POWER", "KPEQUAL",
            "KPPLUSMINUS", "PAUSE", "SCALE", "KPCOMMA", "HANGEUL", "HANJA", "YEN", "LEFTMETA",
            "RIGHTMETA", "COMPOSE",
        ]
        var table: [UInt16: String] = [:]
        for (code, name) in names.enumerated() where !name.isEmpty {
            table[UInt16(code)] = "KEY_" + name
        }
        return table
    }()

    private static let typeNumbers = Dictionary(
        uniqueKeysWithValues: typeNames.map { ($0.value, $0.key) })

    private static let codeNumbers: [UInt16: [String: UInt16]] = codeNames.mapValues { names in
        Dictionary(uniqueKeysWithValues: names.map { ($0.value, $0.key) })
    }
}
