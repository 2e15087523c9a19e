/// A HID report descriptor, parsed: its top-level collections and the layout of every
/// report they declare.
///
/// Reads the short items of the USB "Device Class Definition for HID 1.11", section 6.2.2:
/// the main items Input, Output, Feature, Collection and End Collection; the global items
/// Usage Page, Logical Minimum and Maximum, Report Size, Report ID, Report Count, Push and
/// Pop; and the local items Usage, Usage Minimum and Usage Maximum. Long items (prefix
/// 0xFE) and the other global and local items (physical extents, units, designators,
/// strings, delimiters) are read past, as they do not change where fields sit.
public struct HIDReportDescriptor: Hashable, Sendable {
    /// The descriptor's bytes, as `HIDIOCGRDESC` or sysfs' `report_descriptor` gives them.
    public let bytes: [UInt8]
    /// The top-level collections, in descriptor order.
    public let collections: [HIDApplicationCollection]

    /// Parses `bytes`; throws with the offset of the first item that cannot be read.
    public init(parsing bytes: [UInt8]) throws(HIDDescriptorError) {
        self.bytes = bytes
        var parser = HIDDescriptorParser(bytes: bytes)
        self.collections = try parser.parse()
    }

    /// Whether any report carries a report ID; then every report's first byte is its ID.
    public var usesReportIDs: Bool {
        collections.contains { collection in collection.reports.contains { $0.id != nil } }
    }

    /// The collection that declares the report of `kind` with `id`.
    public func collection(declaring kind: HIDReportKind, id: UInt8?) -> HIDApplicationCollection? {
        collections.first { $0.report(kind, id: id) != nil }
    }
}
