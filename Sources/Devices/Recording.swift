import Foundation

/// Traffic recorded from a real device, in the text format of `docs/recordings.md`, so
/// tests and bug reports can replay it through the reader code that runs on hardware.
///
/// One parser serves every kind: the header lines (`kind:`, `device:`, `layout:`,
/// `descriptor:`, and any other `key: value` a kind's reader wants), then one event per
/// line with its time in seconds since the first event. A `#` at the start of a line, or
/// after a space or tab, starts a comment. `in` data is hex, spaced (`02 0D 5D`) or not
/// (`020d5d`, as `xxd -p` prints it).
public struct Recording: Hashable, Sendable {
    /// What was recorded.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A `/dev/hidrawN` node: input reports, feature reports.
        case hidraw
        /// A `/dev/input/eventN` node: input events.
        case evdev
        /// A serial line or pseudo-terminal: bytes.
        case tty
        /// `udevadm monitor --udev --property`: devices coming and going.
        case udev

        /// The directions an event line of this kind may have.
        public var directions: [String] {
            switch self {
            case .hidraw: return ["in", "feature", "gone"]
            case .evdev, .tty: return ["in", "gone"]
            case .udev: return Recording.udevActions
            }
        }
    }

    /// One `key: value` header line.
    public struct Header: Hashable, Sendable {
        /// The key, before the colon (`device`).
        public let key: String
        /// The value, trimmed, without its comment.
        public let value: String
        /// The line it is on.
        public let line: Int
    }

    /// A udev event: `add PATH` or `remove PATH` and the property lines under it.
    public struct UdevChange: Hashable, Sendable {
        /// `add`, `remove`, `change`, `bind` or `unbind`.
        public let action: String
        /// The device path (`/devices/pci0000:00/…/hidraw/hidraw0`).
        public let path: String
        /// The subsystem `udevadm monitor` prints after the path in parentheses, if given.
        public let subsystem: String?
        /// The `KEY=value` lines (`DEVNAME=/dev/hidraw0`, `ID_VENDOR_ID=0c2e`).
        public var properties: [String: String]
    }

    /// What happened at one moment.
    public enum Action: Hashable, Sendable {
        /// `in HEX` (hidraw, tty): one input report, or the bytes of one `read(2)`.
        case input([UInt8])
        /// `feature HEX` (hidraw): a feature report the host sent.
        case feature([UInt8])
        /// `in TYPE CODE VALUE` (evdev): one input event, stamped with the line's time.
        case event(EvdevEvent)
        /// `gone`: the device was unplugged or hung up; nothing follows.
        case gone
        /// A udev event with its properties.
        case udev(UdevChange)
    }

    /// One event line.
    public struct Event: Hashable, Sendable {
        /// Seconds since the first event, as recorded.
        public let time: Duration
        /// What happened.
        public var action: Action
        /// The line it is on, for messages about it.
        public let line: Int
    }

    /// The first line of every recording of this version.
    public static let signature = "# lanegate recording v1"
    /// The udev actions an event line may name.
    public static let udevActions = ["add", "remove", "change", "bind", "unbind"]

    /// The file it was read from, as named by the caller.
    public let file: String
    /// What was recorded.
    public let kind: Kind
    /// `device:`, what was recorded, in free text.
    public let device: String?
    /// `layout:` (evdev only), the keyboard layout the device types in (`us`, `de`).
    public let layout: String?
    /// `descriptor:` (hidraw only), the report descriptor, its lines joined.
    public let descriptor: [UInt8]
    /// Every header line, in order, the known ones included.
    public let headers: [Header]
    /// The event lines, in order.
    public let events: [Event]

    /// Reads and parses the recording at `path`.
    public init(contentsOf path: String) throws(RecordingError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordingError(
                file: path, line: 0,
                problem: "cannot read the file; check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RecordingError(file: path, line: 0, problem: "the file is not UTF-8 text")
        }
        try self.init(parsing: text, file: path)
    }

    /// Parses the text of a recording; `file` names it in errors.
    public init(parsing text: String, file: String) throws(RecordingError) {
        var parser = RecordingParser(file: file)
        try parser.parse(text)
        guard let kind = parser.kind else {
            throw RecordingError(
                file: file, line: 0,
                problem: "no kind: header (valid: kind: "
                    + Kind.allCases.map(\.rawValue).joined(separator: " | ") + ")")
        }
        self.file = file
        self.kind = kind
        self.device = parser.value(of: "device")
        self.layout = parser.value(of: "layout")
        self.descriptor = parser.descriptor
        self.headers = parser.headers
        self.events = parser.events
    }

    /// The value of the header `key` (the first, when it is repeated), or nil.
    public func header(_ key: String) -> String? {
        headers.first { $0.key == key }?.value
    }

    /// The evdev events in order, without the `gone`.
    public var evdevEvents: [EvdevEvent] {
        events.compactMap {
            if case .event(let event) = $0.action { return event } else { return nil }
        }
    }

    /// The `in` data of a hidraw or tty recording, one entry per line.
    public var inputs: [[UInt8]] {
        events.compactMap {
            if case .input(let bytes) = $0.action { return bytes } else { return nil }
        }
    }

    /// Whether the recording ends with the device gone.
    public var endsGone: Bool {
        events.last?.action == .gone
    }
}
