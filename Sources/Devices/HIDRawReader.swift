import CShim
import DeviceIO
import Foundation
import Glibc

/// Reads scans from a HID POS scanner's hidraw node (`/dev/hidrawN`), or swipes from a
/// MagTek HID card reader's.
///
/// `start()` opens the node, reads its report descriptor (`HIDIOCGRDESCSIZE`, then
/// `HIDIOCGRDESC`), asks for the device's IDs (`HIDIOCGRAWINFO`, optional), sends the
/// profile's enabling feature report (`HIDIOCSFEATURE`) when there is one, and lays out
/// the report it reads from the descriptor: the Scanned Data Report of HID POS, or the
/// swipe report of a MagTek reader (`Configuration.reportFormat`). A thread of its own
/// then waits in `poll(2)` and reads one input report per `read(2)` (hidraw never joins
/// or splits reports), feeds it to a `HIDPOSDecoder` or a `MagTekHIDDecoder` and delivers
/// the scans on `events`; a swipe comes as a scan of the tracks' text (`%…?;…?`), as a
/// keyboard-emulation reader types it. An unplug (`POLLHUP`, `EIO` or `ENODEV` from
/// `read`) closes the node and ends `events`.
///
/// Every call goes through the `SystemCalls` seam, so recorded traffic replays through
/// this same code.
// TODO: the reader does not reopen the node after an unplug, unlike SerialScanner: a
// hidraw node gets a new number when the scanner comes back, so finding it again
// belongs to udev discovery (match the device's vendor and product IDs and its HID POS
// interface with HIDInterfaceChooser), which does not exist yet. Until then a lane
// whose HID POS scanner was unplugged stops reading scans until lanegate restarts.
// Also, device profiles (devices/*.json, DeviceProfile) have no field yet for the
// enabling feature report; the caller passes it in `Configuration`, so a Honeywell
// profile cannot yet say "send FE 01" by itself.
public actor HIDRawReader {
    /// Which kind of input report the node sends, and so which decoder reads it.
    // TODO: HotplugReaderFactory.standard starts every hidraw reader with the default
    // configuration (HID POS), ignoring the bound profile's `hid.report`, so a MagTek HID
    // card reader the device registry finds is refused there ("no input report with
    // Decoded Data"). The lane's own readers (LaneScannerPlan, by port or by `match`) pass
    // the profile's format and read it; the factory only has the bound profile's name
    // (`binding.profile`), so it would need the loaded profile to pass its format.
    public enum ReportFormat: String, Hashable, Sendable, CaseIterable {
        /// HID POS: the Scanned Data Report of the Barcode Scanner Page (0x8C), read by
        /// `HIDPOSDecoder`.
        case hidPOS = "hid-pos"
        /// A MagTek HID card reader's swipe report on its vendor page 0xFF00, read by
        /// `MagTekHIDDecoder`.
        case magTekMSR = "magtek-msr"
    }

    /// How the node is set up.
    public struct Configuration: Hashable, Sendable {
        /// A feature report to send once the node is open, report ID first, when the
        /// profile says the scanner needs one to send HID POS reports (Honeywell:
        /// `FE 01`).
        public var enablingFeatureReport: [UInt8]?
        /// Which report the node sends; HID POS unless the profile says otherwise.
        public var reportFormat: ReportFormat
        /// The longest scan kept.
        public var maximumScanLength: Int
        /// How long one `poll(2)` waits before the thread looks whether it should stop.
        public var pollMilliseconds: Int32

        /// A configuration; by default HID POS and no feature report.
        public init(
            enablingFeatureReport: [UInt8]? = nil, reportFormat: ReportFormat = .hidPOS,
            maximumScanLength: Int = HIDPOSDecoder.defaultMaximumScanLength,
            pollMilliseconds: Int32 = 250
        ) {
            self.enablingFeatureReport = enablingFeatureReport
            self.reportFormat = reportFormat
            self.maximumScanLength = maximumScanLength
            self.pollMilliseconds = pollMilliseconds
        }
    }

    /// The node as configured.
    public nonisolated let path: String
    /// Everything the reader reports; ends after the device leaves or `stop()`.
    public nonisolated let events: AsyncStream<HIDRawEvent>

    private let configuration: Configuration
    private let system: any SystemCalls
    private let continuation: AsyncStream<HIDRawEvent>.Continuation
    private var pump: HIDRawPump?

    /// A reader of `path`; call `start()` to open it.
    public init(
        path: String, configuration: Configuration = Configuration(),
        system: any SystemCalls = LinuxSystemCalls()
    ) {
        self.path = path
        self.configuration = configuration
        self.system = system
        (events, continuation) = AsyncStream<HIDRawEvent>.makeStream()
    }

    /// Opens and sets up the node, then starts reading; throws when the node cannot be
    /// opened, does not send the configured report (not a HID POS scanner, not a MagTek
    /// card reader), or refuses the enabling feature report.
    public func start() throws(HIDRawReaderError) {
        guard pump == nil else { return }
        let descriptor: Descriptor
        do {
            descriptor = try Descriptor.open(
                path, flags: O_RDWR | O_NONBLOCK | O_CLOEXEC, system: system)
        } catch {
            throw HIDRawReaderError(path: path, reason: .systemCall(error))
        }

        let setUp: (info: HIDRawDeviceInfo?, decoder: HIDRawDecoder)
        do {
            setUp = try prepare(descriptor)
        } catch {
            _ = descriptor.close()
            throw error
        }

        continuation.yield(
            .connected(path: path, info: setUp.info, layout: setUp.decoder.hidPOSLayout))
        let pump = HIDRawPump(
            descriptor: descriptor, decoder: setUp.decoder, continuation: continuation,
            pollMilliseconds: configuration.pollMilliseconds)
        self.pump = pump
        pump.start()
    }

    /// Stops reading, closes the node and ends `events`.
    public func stop() async {
        guard let pump else {
            continuation.finish()
            return
        }
        await pump.stop()
    }

    private func prepare(
        _ descriptor: Descriptor
    ) throws(HIDRawReaderError) -> (info: HIDRawDeviceInfo?, decoder: HIDRawDecoder) {
        let bytes = try readReportDescriptor(descriptor)
        let parsed: HIDReportDescriptor
        do {
            parsed = try HIDReportDescriptor(parsing: bytes)
        } catch {
            throw HIDRawReaderError(path: path, reason: .descriptor(error))
        }
        let decoder = try makeDecoder(parsed)

        // The IDs only label the device for people; a node that does not answer is
        // still read.
        var rawInfo = [UInt8](repeating: 0, count: 8)
        let info = try? ioctl(
            "HIDIOCGRAWINFO", lanegate_ioctl_HIDIOCGRAWINFO(), &rawInfo, on: descriptor)
        if let feature = configuration.enablingFeatureReport {
            try sendFeatureReport(feature, on: descriptor)
        }
        return (info.flatMap { _ in HIDRawDeviceInfo(rawInfo: rawInfo) }, decoder)
    }

    /// The decoder the configuration names, laid out from `parsed`.
    private func makeDecoder(
        _ parsed: HIDReportDescriptor
    ) throws(HIDRawReaderError) -> HIDRawDecoder {
        switch configuration.reportFormat {
        case .hidPOS:
            do {
                return .hidPOS(
                    try HIDPOSDecoder(
                        descriptor: parsed, maximumScanLength: configuration.maximumScanLength))
            } catch {
                throw HIDRawReaderError(path: path, reason: .layout(error))
            }
        case .magTekMSR:
            do {
                return .magTek(try MagTekHIDDecoder(descriptor: parsed))
            } catch {
                throw HIDRawReaderError(path: path, reason: .cardReaderLayout(error))
            }
        }
    }

    /// `HIDIOCGRDESCSIZE` into an `int`, then `HIDIOCGRDESC` into a `struct
    /// hidraw_report_descriptor { __u32 size; __u8 value[HID_MAX_DESCRIPTOR_SIZE]; }`
    /// whose `size` says how many bytes to fill (linux/hidraw.h).
    private func readReportDescriptor(
        _ descriptor: Descriptor
    ) throws(HIDRawReaderError) -> [UInt8] {
        var sizeBuffer = [UInt8](repeating: 0, count: 4)
        try ioctl(
            "HIDIOCGRDESCSIZE", lanegate_ioctl_HIDIOCGRDESCSIZE(), &sizeBuffer, on: descriptor)
        let size = Int(Int32(bitPattern: Self.littleEndian32(sizeBuffer)))
        let maximum = lanegate_hid_max_descriptor_size()
        guard size > 0, size <= maximum else {
            throw HIDRawReaderError(path: path, reason: .descriptorSize(size))
        }

        var buffer = [UInt8](repeating: 0, count: 4 + maximum)
        let sizeField = (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
        buffer.replaceSubrange(0..<4, with: sizeField)
        try ioctl("HIDIOCGRDESC", lanegate_ioctl_HIDIOCGRDESC(), &buffer, on: descriptor)
        return Array(buffer[4..<(4 + size)])
    }

    /// `HIDIOCSFEATURE(len)`: the buffer holds the report ID, then the report's data.
    private func sendFeatureReport(
        _ report: [UInt8], on descriptor: Descriptor
    ) throws(HIDRawReaderError) {
        guard !report.isEmpty else {
            throw HIDRawReaderError(path: path, reason: .emptyFeatureReport)
        }
        var buffer = report
        let taken = try ioctl(
            "HIDIOCSFEATURE", lanegate_ioctl_HIDIOCSFEATURE(report.count), &buffer,
            on: descriptor)
        guard Int(taken) == report.count else {
            throw HIDRawReaderError(
                path: path, reason: .featureReportShort(sent: report.count, taken: Int(taken)))
        }
    }

    @discardableResult
    private func ioctl(
        _ name: String, _ request: UInt, _ buffer: inout [UInt8], on descriptor: Descriptor
    ) throws(HIDRawReaderError) -> Int32 {
        do {
            return try descriptor.perform("ioctl(\(name))") {
                $0.ioctl(descriptor.fd, request: request, buffer: &buffer)
            }
        } catch {
            throw HIDRawReaderError(path: path, reason: .systemCall(error))
        }
    }

    private static func littleEndian32(_ bytes: [UInt8]) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[$1]) << (8 * $1) }
    }
}
