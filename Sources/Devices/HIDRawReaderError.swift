import DeviceIO

/// Why a hidraw node could not be set up for reading scans.
public struct HIDRawReaderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Reason: Hashable, Sendable {
        /// A system call failed (`open`, `ioctl(HIDIOCGRDESC)`, ...).
        case systemCall(SystemCallError)
        /// The report descriptor could not be parsed.
        case descriptor(HIDDescriptorError)
        /// The descriptor has no Scanned Data Report to decode.
        case layout(HIDPOSDecoderError)
        /// The descriptor has no MagTek swipe report to decode.
        case cardReaderLayout(MagTekHIDError)
        /// `HIDIOCGRDESCSIZE` gave a size outside 1...4096 (HID_MAX_DESCRIPTOR_SIZE).
        case descriptorSize(Int)
        /// The device took fewer bytes of the enabling feature report than were sent.
        case featureReportShort(sent: Int, taken: Int)
        /// The profile's enabling feature report is empty; it needs its report ID first.
        case emptyFeatureReport
    }

    /// The hidraw node.
    public let path: String
    /// What failed.
    public let reason: Reason

    /// An error on `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The node, what failed and what to do.
    public var description: String {
        switch reason {
        case .systemCall(let error):
            return "\(path): \(error)"
        case .descriptor(let error):
            return "\(path): \(error)"
        case .layout(let error):
            return "\(path): \(error); pick the node `lanegate devices` marks as the scanner"
        case .cardReaderLayout(let error):
            return "\(path): \(error); check that the profile with \"hid\": {\"report\": "
                + "\"magtek-msr\"} is the reader's, and that the reader is in HID mode"
        case .descriptorSize(let size):
            return "\(path): HIDIOCGRDESCSIZE gave \(size) bytes, outside 1...4096; "
                + "this is not a hidraw node"
        case .featureReportShort(let sent, let taken):
            return "\(path): the device took \(taken) of the \(sent) bytes of the enabling "
                + "feature report; check the profile's feature report against the manual"
        case .emptyFeatureReport:
            return "\(path): the profile's enabling feature report is empty; write it with "
                + "its report ID first"
        }
    }
}
