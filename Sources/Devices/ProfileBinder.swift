import Foundation

/// Picks the device profile a plugged-in device binds to, and says why.
///
/// Among the candidates of the right kind for the node's subsystem (a scanner for `hidraw`
/// and `input`, a printer for `usbmisc`, either for a `tty`), the one whose
/// `ProfileMatch.score(_:)` is highest wins; equal scores go to the name that sorts first,
/// so the choice never depends on the order profiles were loaded in. A candidate without a
/// `match` never binds by itself (it is still usable when a config names it). A tty with no
/// USB parent (a built-in port such as `/dev/ttyS0`) binds to nothing: nothing identifies
/// what hangs on it, and lanegate never opens it unless a person names it.
public struct ProfileBinder: Sendable {
    /// One profile that may bind: its name, its kind (`scanner`, `printer`) and its keys.
    public struct Candidate: Sendable, Equatable {
        /// The profile's name (`honeywell-xenon-1900`).
        public var name: String
        /// `scanner` or `printer`.
        public var kind: String
        /// Its match keys; nil when the profile has none.
        public var match: ProfileMatch?

        /// A candidate as given.
        public init(name: String, kind: String, match: ProfileMatch?) {
            self.name = name
            self.kind = kind
            self.match = match
        }
    }

    /// The outcome for one device.
    public struct Binding: Sendable, Hashable {
        /// The profile bound, or nil.
        public var profile: String?
        /// How specific the winning match was; nil when none matched.
        public var score: Int?
        /// Why, for people: `USB id 0c2e:0b81 and model "Xenon" match honeywell-xenon-1900`.
        public var reason: String
        /// Whether the node is a built-in serial port with nothing identified behind it.
        public var isBuiltInSerialPort: Bool

        /// A binding as given.
        public init(profile: String?, score: Int?, reason: String, isBuiltInSerialPort: Bool) {
            self.profile = profile
            self.score = score
            self.reason = reason
            self.isBuiltInSerialPort = isBuiltInSerialPort
        }
    }

    /// What a built-in serial port's binding says.
    public static let builtInReason =
        "built-in serial port, nothing identified; never opened unless probed by name"

    /// The candidates, as given.
    public let candidates: [Candidate]

    /// A binder over `candidates`.
    public init(candidates: [Candidate]) {
        self.candidates = candidates
    }

    /// The profile kinds a node of `subsystem` may be.
    public static func kinds(for subsystem: String) -> [String] {
        switch subsystem {
        case "hidraw", "input": return ["scanner"]
        case "usbmisc": return ["printer"]
        default: return ["scanner", "printer"]
        }
    }

    /// Binds `device` to the most specific matching candidate, with the reason.
    public func bind(_ device: DeviceIdentity) -> Binding {
        if device.subsystem == "tty", device.vendorID == nil {
            return Binding(
                profile: nil, score: nil, reason: Self.builtInReason, isBuiltInSerialPort: true)
        }
        let kinds = Self.kinds(for: device.subsystem)
        let scored = candidates.compactMap { candidate -> (Candidate, ProfileMatch, Int)? in
            guard kinds.contains(candidate.kind), let match = candidate.match,
                let score = match.score(device)
            else { return nil }
            return (candidate, match, score)
        }
        .sorted { ($1.2, $0.0.name) < ($0.2, $1.0.name) }

        guard let (winner, match, score) = scored.first else {
            return Binding(
                profile: nil, score: nil,
                reason: "no profile matches " + Self.describe(device), isBuiltInSerialPort: false)
        }
        var reason = Self.matchedKeys(match, device).joined(separator: " and ")
        reason += (Self.matchedKeys(match, device).count == 1 ? " matches " : " match ")
        reason += winner.name
        let tied = scored.dropFirst().filter { $0.2 == score }.map(\.0.name)
        if !tied.isEmpty {
            reason +=
                " (as specific as " + tied.joined(separator: ", ")
                + "; the first name wins)"
        }
        return Binding(
            profile: winner.name, score: score, reason: reason,
            isBuiltInSerialPort: false)
    }

    /// The keys of `match` that `device` satisfied, in words, most specific first.
    static func matchedKeys(_ match: ProfileMatch, _ device: DeviceIdentity) -> [String] {
        var keys: [String] = []
        if !match.usb.isEmpty, let vendor = device.vendorID {
            let hit = match.usb.first {
                $0.vendor == vendor && ($0.product == nil || $0.product == device.productID)
            }
            if let product = hit?.product {
                keys.append("USB id \(hex(vendor)):\(hex(product))")
            } else if hit != nil {
                keys.append("USB vendor \(hex(vendor))")
            }
        }
        if let model = device.model?.lowercased(),
            let hit = match.models.first(where: { model.contains($0.lowercased()) })
        {
            keys.append("model \"\(hit)\"")
        }
        for key in match.ieee1284.keys.sorted() {
            keys.append("IEEE 1284 \(key.uppercased()) \"\(match.ieee1284[key] ?? "")\"")
        }
        if let page = match.usagePage {
            keys.append("HID usage page 0x" + String(page, radix: 16, uppercase: true))
        }
        if !match.subsystems.isEmpty {
            keys.append("subsystem \(device.subsystem)")
        }
        return keys.isEmpty ? ["an empty match"] : keys
    }

    /// `USB id 05e0:1701, model "Symbol Bar Code Scanner"`, for a device nothing matched.
    static func describe(_ device: DeviceIdentity) -> String {
        var parts: [String] = []
        if let vendor = device.vendorID {
            parts.append("USB id \(hex(vendor)):" + (device.productID.map(hex) ?? "????"))
        }
        if let model = device.model { parts.append("model \"\(model)\"") }
        if let mdl = device.ieee1284["MDL"], mdl != device.model {
            parts.append("IEEE 1284 MDL \"\(mdl)\"")
        }
        if parts.isEmpty { parts.append(device.node) }
        return parts.joined(separator: ", ")
    }

    static func hex(_ value: UInt16) -> String {
        String(format: "%04x", value)
    }
}
