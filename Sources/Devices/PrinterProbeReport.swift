/// What `PrinterProbe.probe(port:candidates:)` found: each attempt and its outcome.
public struct PrinterProbeReport: Sendable, Equatable, CustomStringConvertible {
    /// One try at one candidate's settings.
    public struct Attempt: Sendable, Equatable {
        /// The candidate profile's name.
        public var profile: String
        /// The line settings tried (`38400 8N1 rts/cts`), or `tcp`.
        public var settings: String
        /// What came back.
        public var outcome: Outcome
    }

    /// What came back from one attempt.
    public enum Outcome: Sendable, Equatable {
        /// A valid status: the printer's state, what it says it is, and whether it sent a
        /// process ID reply (nil when the profile does not use one).
        case answered(
            state: ReceiptPrinterState, identity: ReceiptPrinter.Identity, completion: Bool?)
        /// Bytes came, but none was a valid status (a wrong speed gives such noise).
        case invalid([UInt8])
        /// Nothing came.
        case silent
        /// The port could not be opened or reached.
        case failed(String)
    }

    /// The port as given.
    public var port: String
    /// Every attempt, in order; the last one answered when any did.
    public var attempts: [Attempt] = []
    /// The profile that fits: named by the printer's model, else the one answered at.
    public var matchedProfile: String?

    /// Creates an empty report for `port`.
    public init(port: String) {
        self.port = port
    }

    /// The attempt that got a valid status, if any.
    public var answered: Attempt? {
        attempts.first { if case .answered = $0.outcome { true } else { false } }
    }

    /// The report for people, several lines.
    public var description: String {
        var lines: [String] = []
        if let answered,
            case .answered(let state, let identity, let completion) =
                answered.outcome
        {
            let at =
                answered.settings == "tcp"
                ? "" : " at \(answered.settings) (settings of \(answered.profile))"
            lines.append("\(port): a printer answered\(at)")
            lines.append("  status: \(state)")
            lines.append("  identity: \(Self.words(identity))")
            if let completion {
                lines.append(
                    "  completion: "
                        + (completion
                            ? "process ID reply (GS ( H) answered"
                            : "no process ID reply; jobs are confirmed by a status after the job"))
            }
            if let matchedProfile {
                var line = "  profile: \(matchedProfile)"
                if let model = identity.model, matchedProfile != answered.profile,
                    answered.settings != "tcp"
                {
                    line +=
                        " (the printer names model \(model); its settings differ, set "
                        + "them in the device entry)"
                } else if let model = identity.model {
                    line += " (the printer names model \(model))"
                }
                lines.append(line)
            } else {
                lines.append(
                    "  profile: no candidate names model "
                        + (identity.model ?? "(none given)") + "; pick or write one")
            }
        } else if !attempts.isEmpty,
            attempts.allSatisfy({
                if case .failed = $0.outcome { true } else { false }
            })
        {
            lines.append(
                "\(port): could not be opened at any candidate's settings; check the path, the "
                    + "cable and that no other program holds the port (reasons below)")
        } else {
            let tried = attempts.map { "\($0.profile) \($0.settings)" }.joined(separator: ", ")
            lines.append(
                "\(port): no printer answered DLE EOT 1 (tried \(tried)). Check the cable, the "
                    + "printer's power and its interface settings (its self-test page shows "
                    + "them), then name its profile.")
        }
        lines.append("tried:")
        for attempt in attempts {
            lines.append(
                "  \(attempt.profile)  \(attempt.settings)  " + Self.words(attempt.outcome))
        }
        return lines.joined(separator: "\n")
    }

    static func words(_ outcome: Outcome) -> String {
        switch outcome {
        case .answered: return "answered"
        case .silent: return "no answer"
        case .failed(let why): return "could not open: \(why)"
        case .invalid(let bytes):
            return "answered with bytes that are no status: "
                + bytes.map { hex($0) }.joined(separator: " ")
        }
    }

    static func words(_ identity: ReceiptPrinter.Identity) -> String {
        if identity.isEmpty { return "the printer did not answer GS I" }
        var parts: [String] = []
        let name = [identity.maker, identity.model].compactMap { $0 }.joined(separator: " ")
        if !name.isEmpty { parts.append(name) }
        if let firmware = identity.firmware { parts.append("firmware \(firmware)") }
        if let serial = identity.serialNumber { parts.append("serial \(serial)") }
        if let id = identity.modelID { parts.append("model ID 0x\(hex(id))") }
        if let cutter = identity.hasAutocutter { parts.append(cutter ? "autocutter" : "no cutter") }
        return parts.joined(separator: ", ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension PrinterProbeReport.Outcome: CustomStringConvertible {
    /// In words: `answered`, `no answer`, `could not open: …`, `answered with bytes …`.
    public var description: String { PrinterProbeReport.words(self) }
}
