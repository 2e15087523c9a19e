/// How a keyboard-wedge scanner types: its layout, the key that ends a message, the
/// silence that ends one, and the longest message kept.
public struct KeyboardWedgeSettings: Hashable, Sendable {
    /// A key a scanner can be set to press after each message (its "suffix").
    public enum SuffixKey: String, Hashable, Sendable, CaseIterable {
        /// `KEY_ENTER` (28), the main Enter key: most scanners' default.
        case enter
        /// `KEY_KPENTER` (96), the keypad's Enter.
        case keypadEnter = "keypad-enter"
        /// `KEY_TAB` (15), for forms that move to the next field.
        case tab

        /// The Linux key code (`linux/input-event-codes.h`).
        public var code: UInt16 {
            switch self {
            case .enter: return 28
            case .keypadEnter: return 96
            case .tab: return 15
            }
        }
    }

    /// The layout the scanner types in (from its profile), not the host's.
    public let layout: KeyLayout
    /// The keys that end a message; empty when only the idle gap does.
    public let suffixKeys: Set<SuffixKey>
    /// The silence after which a message is complete; nil for none.
    public let idleGap: Duration?
    /// The longest message kept, in bytes; a longer one is dropped with an error.
    public let maximumMessageSize: Int

    /// Checks that something ends a message: a suffix key, an idle gap, or both.
    public init(
        layout: KeyLayout, suffixKeys: Set<SuffixKey> = [.enter, .keypadEnter],
        idleGap: Duration? = .milliseconds(50), maximumMessageSize: Int = 8192
    ) throws(KeyboardWedgeError) {
        if let idleGap, idleGap <= .zero {
            throw KeyboardWedgeError(problem: "the idle gap must be above 0 ms")
        }
        if suffixKeys.isEmpty && idleGap == nil {
            throw KeyboardWedgeError(
                problem: "nothing ends a message; give a suffix key (enter, keypad-enter, "
                    + "tab) or an idle gap")
        }
        if maximumMessageSize < 1 {
            throw KeyboardWedgeError(problem: "the maximum message size must be at least 1")
        }
        self.layout = layout
        self.suffixKeys = suffixKeys
        self.idleGap = idleGap
        self.maximumMessageSize = maximumMessageSize
    }
}
