/// The three kinds of report a HID main item declares fields of (HID 1.11, section 6.2.2.4).
public enum HIDReportKind: String, Hashable, Sendable {
    /// Device to host: the reports `read(2)` on a hidraw node returns.
    case input
    /// Host to device, on the interrupt OUT pipe or `write(2)`.
    case output
    /// Either way, on the control pipe (`HIDIOCSFEATURE`, `HIDIOCGFEATURE`).
    case feature
}

/// The data bits of an Input, Output or Feature item (HID 1.11, section 6.2.2.5).
public struct HIDMainItemFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    /// Flags as the item's data carries them.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Constant (padding or a fixed value), not data.
    public static let constant = HIDMainItemFlags(rawValue: 1 << 0)
    /// Variable: one usage per field; otherwise an array of usage indexes.
    public static let variable = HIDMainItemFlags(rawValue: 1 << 1)
    /// Relative rather than absolute values.
    public static let relative = HIDMainItemFlags(rawValue: 1 << 2)
    /// Buffered Bytes: the fields form one stream of bytes (Report Size 8).
    public static let bufferedBytes = HIDMainItemFlags(rawValue: 1 << 8)
}

/// The fields one Input, Output or Feature item declares: `count` fields of `bitSize` bits.
public struct HIDReportField: Hashable, Sendable {
    /// Which kind of report the fields belong to.
    public var kind: HIDReportKind
    /// The report ID, nil when the descriptor uses none.
    public var reportID: UInt8?
    /// The first field's offset in bits from the start of the report's data, the report ID
    /// byte not counted.
    public var bitOffset: Int
    /// Report Size: bits per field.
    public var bitSize: Int
    /// Report Count: how many fields.
    public var count: Int
    /// The item's flags.
    public var flags: HIDMainItemFlags
    /// The usages, in the order the fields take them; for an array, the usages its
    /// values index.
    public var usages: [HIDUsage]
    /// Logical Minimum in effect.
    public var logicalMinimum: Int32
    /// Logical Maximum in effect.
    public var logicalMaximum: Int32
    /// The usages of the collections around the item, outermost first.
    public var collectionPath: [HIDUsage]
    /// The offset of the main item in the descriptor.
    public var descriptorOffset: Int

    /// The total width of the fields in bits.
    public var bitLength: Int {
        bitSize * count
    }

    /// The usage of field `index` of a variable item: its own, or the last one listed
    /// when there are fewer usages than fields (HID 1.11, section 6.2.2.8).
    public func usage(ofField index: Int) -> HIDUsage? {
        guard !usages.isEmpty, flags.contains(.variable) || flags.contains(.bufferedBytes)
        else { return nil }
        return usages[min(index, usages.count - 1)]
    }

    /// The index of the first field whose usage is `usage`, for a variable item.
    public func firstField(with usage: HIDUsage) -> Int? {
        guard flags.contains(.variable) || flags.contains(.bufferedBytes),
            let listed = usages.firstIndex(of: usage)
        else { return nil }
        return listed
    }
}

/// One report: its kind, its ID and its fields in order.
public struct HIDReport: Hashable, Sendable {
    /// Which kind of report.
    public var kind: HIDReportKind
    /// The report ID, nil when the descriptor uses none.
    public var id: UInt8?
    /// The fields, in the order they sit in the report.
    public var fields: [HIDReportField]

    /// The report's data length in bits, the report ID byte not counted.
    public var bitLength: Int {
        fields.last.map { $0.bitOffset + $0.bitLength } ?? 0
    }

    /// The length `read(2)` returns for this report: its data rounded up to whole bytes,
    /// plus the report ID byte when there is one.
    public var byteLength: Int {
        (bitLength + 7) / 8 + (id == nil ? 0 : 1)
    }
}

/// A top-level collection of a report descriptor, usually an Application collection:
/// what the device is (its usage) and the reports it sends and takes.
public struct HIDApplicationCollection: Hashable, Sendable {
    /// The collection's usage, `0x8C:0x02` for a bar code scanner.
    public var usage: HIDUsage
    /// The collection type (1 is Application; HID 1.11, section 6.2.2.6).
    public var type: UInt8
    /// The offset of the Collection item in the descriptor.
    public var descriptorOffset: Int
    /// The reports whose fields are declared inside the collection.
    public var reports: [HIDReport]

    /// The report IDs used inside the collection, in order of first use.
    public var reportIDs: [UInt8] {
        var seen: [UInt8] = []
        for report in reports {
            if let id = report.id, !seen.contains(id) {
                seen.append(id)
            }
        }
        return seen
    }

    /// The report of `kind` with `id`, if the collection declares one.
    public func report(_ kind: HIDReportKind, id: UInt8?) -> HIDReport? {
        reports.first { $0.kind == kind && $0.id == id }
    }
}
