/// Picks, among the hidraw nodes of one USB device, the one that delivers HID POS scans.
///
/// A scanner often exposes several HID interfaces: a keyboard (Generic Desktop 0x01,
/// Keyboard 0x06) for keyboard-wedge mode, a vendor-defined one (page 0xFF00-0xFFFF) for
/// its configuration tool, and the HID POS one: an application collection on the Barcode
/// Scanner Page (HID Usage Tables 1.6, section 32; page 0x8C, usually Barcode Scanner 0x02)
/// with an input report holding Decoded Data (0x8C:0xFE). Only the last carries whole
/// scans with their symbology; the choice is made from the report descriptors alone.
public enum HIDInterfaceChooser {
    /// One hidraw node of the device and what its descriptor turned out to be.
    public struct Candidate: Hashable, Sendable {
        /// The node, `/dev/hidraw1`.
        public var path: String
        /// The parsed descriptor, or why it could not be parsed.
        public var descriptor: Result<HIDReportDescriptor, HIDDescriptorError>

        /// A node whose descriptor parsed (or failed to).
        public init(path: String, descriptor: Result<HIDReportDescriptor, HIDDescriptorError>) {
            self.path = path
            self.descriptor = descriptor
        }

        /// A node with its raw descriptor bytes, parsed here.
        public init(path: String, descriptorBytes: [UInt8]) {
            self.path = path
            do {
                self.descriptor = .success(try HIDReportDescriptor(parsing: descriptorBytes))
            } catch {
                self.descriptor = .failure(error)
            }
        }
    }

    /// Chooses the HID POS interface, and says in words why each node was or was not taken.
    public static func choose(_ candidates: [Candidate]) -> HIDInterfaceChoice {
        var verdicts: [HIDInterfaceChoice.Verdict] = []
        var chosen: (path: String, descriptor: HIDReportDescriptor, report: UInt8?)?

        for candidate in candidates {
            var verdict = judge(candidate)
            if verdict.role == .barcodeScanner, chosen == nil,
                case .success(let descriptor) = candidate.descriptor
            {
                chosen = (candidate.path, descriptor, verdict.scannedDataReportID)
                verdict.chosen = true
            }
            verdicts.append(verdict)
        }
        return HIDInterfaceChoice(
            path: chosen?.path, descriptor: chosen?.descriptor, verdicts: verdicts)
    }

    private static func judge(_ candidate: Candidate) -> HIDInterfaceChoice.Verdict {
        let descriptor: HIDReportDescriptor
        switch candidate.descriptor {
        case .failure(let error):
            return .init(
                path: candidate.path, role: .unreadable, reason: "descriptor unreadable: \(error)")
        case .success(let parsed):
            descriptor = parsed
        }

        let applications = descriptor.collections.map(\.usage)
        let scanners = descriptor.collections.filter {
            HIDUsage.scannerApplications.contains($0.usage)
        }
        if let scanner = scanners.first {
            if let report = scanner.reports.first(where: { report in
                report.kind == .input
                    && report.fields.contains { $0.usages.contains(.decodedData) }
            }) {
                let id = report.id.map { "input report \($0)" } ?? "its input report"
                return .init(
                    path: candidate.path, role: .barcodeScanner,
                    reason: "\(scanner.usage) application collection; \(id) carries "
                        + "Decoded Data (0x8C:0xFE)",
                    scannedDataReportID: report.id)
            }
            return .init(
                path: candidate.path, role: .other,
                reason: "\(scanner.usage) application collection, but no input report "
                    + "carries Decoded Data (0x8C:0xFE), so no scan can be read from it")
        }
        if applications.contains(.keyboard) {
            return .init(
                path: candidate.path, role: .keyboard,
                reason: "\(HIDUsage.keyboard): the keyboard-wedge interface; scans there "
                    + "arrive as key presses without symbology, read by the keyboard reader")
        }
        if let vendor = applications.first(where: \.isVendorDefined) {
            return .init(
                path: candidate.path, role: .vendorDefined,
                reason: "vendor-defined page 0x\(HIDUsage.hex(vendor.page, width: 4)): the "
                    + "maker's own channel (configuration, firmware), not HID POS scans")
        }
        let listed = applications.map(\.description).joined(separator: ", ")
        return .init(
            path: candidate.path, role: .other,
            reason: "no Barcode Scanner Page (0x8C) collection (has: \(listed))")
    }
}

/// Which hidraw node `HIDInterfaceChooser` took, and why each node was or was not taken.
public struct HIDInterfaceChoice: Hashable, Sendable {
    /// What a node turned out to be.
    public enum Role: String, Hashable, Sendable {
        /// A HID POS bar code scanner interface (page 0x8C with Decoded Data).
        case barcodeScanner = "barcode-scanner"
        /// A keyboard interface (0x01:0x06).
        case keyboard
        /// A vendor-defined interface (page 0xFF00-0xFFFF).
        case vendorDefined = "vendor-defined"
        /// Anything else.
        case other
        /// The descriptor could not be parsed.
        case unreadable
    }

    /// The judgement on one node.
    public struct Verdict: Hashable, Sendable {
        /// The node.
        public var path: String
        /// What it is.
        public var role: Role
        /// Why, in words, for `lanegate devices`.
        public var reason: String
        /// The report ID of the Scanned Data input report, for a scanner node that has one.
        public var scannedDataReportID: UInt8?
        /// Whether this node was chosen.
        public var chosen = false
    }

    /// The chosen node, nil when no node is a HID POS scanner.
    public let path: String?
    /// The chosen node's descriptor.
    public let descriptor: HIDReportDescriptor?
    /// One verdict per node, in the order given.
    public let verdicts: [Verdict]

    /// One line per node, then what to do when nothing was chosen.
    public var explanation: String {
        var lines = verdicts.map { verdict in
            "\(verdict.path): \(verdict.chosen ? "chosen" : "skipped"): \(verdict.reason)"
        }
        if path == nil {
            let hasKeyboard = verdicts.contains { $0.role == .keyboard }
            lines.append(
                "no HID POS interface (Barcode Scanner Page 0x8C) found"
                    + (hasKeyboard
                        ? "; the scanner is in keyboard mode: scan the maker's \"USB HID POS\" "
                            + "programming bar code, or read it as a keyboard wedge"
                        : ""))
        }
        return lines.joined(separator: "\n")
    }
}
