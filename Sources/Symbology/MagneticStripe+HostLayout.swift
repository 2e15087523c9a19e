extension MagneticStripe {
    /// A keyboard layout a host may use while a keyboard-wedge reader types as a US
    /// keyboard: the reader sends key presses (`KEY_5` with shift for `%`), and the host
    /// turns them into the characters of its own layout (`5` on AZERTY), so the swipe
    /// arrives mangled.
    ///
    /// The tables give, for the main block's keys in the order of Linux
    /// `input-event-codes.h` (`KEY_1` … `KEY_EQUAL`, `KEY_Q` … `KEY_BACKSLASH`, `KEY_A` …
    /// `KEY_APOSTROPHE`, `KEY_Z` … `KEY_SLASH`), the character each layout types with and
    /// without shift (the layouts of xkeyboard-config `symbols/{us,be,fr,de,gb}`, base
    /// variants). `KEY_GRAVE`, `KEY_102ND` and AltGr levels are left out: a US reader
    /// types no swipe character with them. Space, CR and LF are the same everywhere.
    ///
    /// Dead keys cannot always be undone: the German `´` (where a US reader's `=` lands)
    /// and `` ` `` (`+`), and the AZERTY `^` and `¨` (`[`, `{`) are mapped back when the
    /// host lets the dead key through as a character; a host that swallows them or
    /// composes them with the next key (`´` then `E` gives `É`) has lost what was typed.
    public enum HostLayout: String, Sendable, CaseIterable {
        /// Belgian AZERTY (xkb `be`): digits shifted, `&é"'(§è!çà` unshifted.
        case belgian = "be"
        /// French AZERTY (xkb `fr`): digits shifted, `&é"'(-è_çà` unshifted.
        case french = "fr"
        /// German QWERTZ (xkb `de`): Y and Z swapped, `;` on `ö`, `?` on `_`.
        case german = "de"
        /// United Kingdom QWERTY (xkb `gb`): `"` and `@` swapped, `#` on `£`.
        case british = "gb"

        /// The layout's name for people.
        public var name: String {
            switch self {
            case .belgian: "Belgian AZERTY"
            case .french: "French AZERTY"
            case .german: "German QWERTZ"
            case .british: "UK QWERTY"
            }
        }

        /// What a US-layout reader meant by `text` that this host layout typed: each
        /// character is traced back to its key and shift state and read as the US layout
        /// reads them. Characters that are not on the table's keys are kept.
        public func usText(typed text: String) -> String {
            let table = Self.toUS[self] ?? [:]
            return String(text.map { table[$0] ?? $0 })
        }

        /// What this host layout types when a US-layout reader sends `usText`: the reverse
        /// of ``usText(typed:)``, for tests and documentation.
        public func hostText(typing usText: String) -> String {
            let table = Self.fromUS[self] ?? [:]
            return String(usText.map { table[$0] ?? $0 })
        }

        /// A layout's keys as two strings in the table order, without and with shift.
        private static func keys(_ layout: HostLayout?) -> (plain: String, shifted: String) {
            switch layout {
            case nil:
                return (
                    "1234567890-=" + "qwertyuiop[]\\" + "asdfghjkl;'" + "zxcvbnm,./",
                    "!@#$%^&*()_+" + "QWERTYUIOP{}|" + "ASDFGHJKL:\"" + "ZXCVBNM<>?"
                )
            case .belgian:
                return (
                    "&é\"'(§è!çà)-" + "azertyuiop^$µ" + "qsdfghjklmù" + "wxcvbn,;:=",
                    "1234567890°_" + "AZERTYUIOP¨*£" + "QSDFGHJKLM%" + "WXCVBN?./+"
                )
            case .french:
                return (
                    "&é\"'(-è_çà)=" + "azertyuiop^$*" + "qsdfghjklmù" + "wxcvbn,;:!",
                    "1234567890°+" + "AZERTYUIOP¨£µ" + "QSDFGHJKLM%" + "WXCVBN?./§"
                )
            case .german:
                return (
                    "1234567890ß´" + "qwertzuiopü+#" + "asdfghjklöä" + "yxcvbnm,.-",
                    "!\"§$%&/()=?`" + "QWERTZUIOPÜ*'" + "ASDFGHJKLÖÄ" + "YXCVBNM;:_"
                )
            case .british:
                return (
                    "1234567890-=" + "qwertyuiop[]#" + "asdfghjkl;'" + "zxcvbnm,./",
                    "!\"£$%^&*()_+" + "QWERTYUIOP{}~" + "ASDFGHJKL:@" + "ZXCVBNM<>?"
                )
            }
        }

        /// For each layout, the US character of every character it types on the table's
        /// keys. Each layout types a different character on every key and shift state
        /// (checked by the tests), so the map is one to one.
        private static let toUS: [HostLayout: [Character: Character]] = {
            var tables: [HostLayout: [Character: Character]] = [:]
            for (layout, table) in fromUS {
                tables[layout] = Dictionary(table.map { ($1, $0) }) { first, _ in first }
            }
            return tables
        }()

        /// For each layout, the character it types for every US character on the keys.
        private static let fromUS: [HostLayout: [Character: Character]] = {
            let us = keys(nil)
            var tables: [HostLayout: [Character: Character]] = [:]
            for layout in allCases {
                let host = keys(layout)
                let pairs = zip(us.plain + us.shifted, host.plain + host.shifted)
                tables[layout] = Dictionary(Array(pairs)) { first, _ in first }
            }
            return tables
        }()

        /// The key table as pairs (US character, host character), in table order.
        package var keyPairs: [(us: Character, host: Character)] {
            let us = Self.keys(nil)
            let host = Self.keys(self)
            return zip(us.plain + us.shifted, host.plain + host.shifted).map { ($0, $1) }
        }
    }

    /// Maps a swipe typed through a wrong host layout back to what the US-layout reader
    /// sent: tries ``HostLayout/allCases`` in order and returns the first reading that
    /// parses as a swipe. `nil` when `text` already parses or no layout makes it one.
    public static func recoverLayout(_ text: String) -> String? {
        recoverSwipeText(text)?.text
    }

    /// ``recoverLayout(_:)`` with the layout that explained the text.
    public static func recoverSwipeText(_ text: String) -> (layout: HostLayout, text: String)? {
        guard parse(Array(text.utf8)) == nil else { return nil }
        for layout in HostLayout.allCases {
            let recovered = layout.usText(typed: text)
            if recovered != text, parse(Array(recovered.utf8)) != nil {
                return (layout, recovered)
            }
        }
        return nil
    }
}
