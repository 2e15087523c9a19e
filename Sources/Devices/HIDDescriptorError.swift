/// A report descriptor that cannot be read, with the byte offset of the item at fault.
///
/// The rules are those of the USB "Device Class Definition for HID 1.11", section 6.2.2
/// (Report Descriptor): item prefixes, main, global and local items.
public struct HIDDescriptorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Hashable, Sendable {
        /// The item's data runs past the end of the descriptor.
        case truncatedItem(needed: Int, available: Int)
        /// An End Collection with no Collection open.
        case unbalancedEndCollection
        /// The descriptor ends with this many collections still open.
        case unclosedCollections(Int)
        /// A Pop with nothing pushed.
        case popWithoutPush
        /// Report ID 0, which HID 1.11 section 6.2.2.7 reserves.
        case reportIDZero
        /// Usage Maximum below Usage Minimum, or a range too large to list.
        case badUsageRange(minimum: UInt32, maximum: UInt32)
        /// A Report Size of more than 32 bits on a field that is not Buffered Bytes.
        case reportSizeTooLarge(Int)
        /// A main item declares fields but Report Size or Report Count is zero or missing.
        case missingReportSizeOrCount
        /// An item of the reserved type 3 that is not a long item.
        case reservedItemType(prefix: UInt8)
        /// A main item with a tag HID 1.11 does not define.
        case unknownMainItem(tag: UInt8)
        /// The descriptor is empty.
        case empty
    }

    /// The byte offset of the item's prefix in the descriptor.
    public let offset: Int
    /// What is wrong.
    public let reason: Reason

    /// An error at `offset`.
    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    /// `report descriptor byte 12 (0x0C): ... ; fix: ...`.
    public var description: String {
        "report descriptor byte \(offset) (0x\(HIDUsage.hex(offset, width: 2))): \(problem)"
    }

    private var problem: String {
        switch reason {
        case .truncatedItem(let needed, let available):
            return "item needs \(needed) data bytes but only \(available) remain; the "
                + "descriptor was cut short (read it again, all of it: HIDIOCGRDESCSIZE bytes)"
        case .unbalancedEndCollection:
            return "End Collection without an open Collection"
        case .unclosedCollections(let count):
            return "descriptor ends with \(count) collection(s) still open (End Collection missing)"
        case .popWithoutPush:
            return "Pop without a matching Push"
        case .reportIDZero:
            return "Report ID 0 is reserved (HID 1.11, section 6.2.2.7)"
        case .badUsageRange(let minimum, let maximum):
            return "Usage Minimum 0x\(HIDUsage.hex(minimum, width: 2)) and Usage Maximum "
                + "0x\(HIDUsage.hex(maximum, width: 2)) do not make a usable range"
        case .reportSizeTooLarge(let bits):
            return "Report Size \(bits) bits is more than 32 on a field that is not Buffered Bytes"
        case .missingReportSizeOrCount:
            return "main item declares fields without a Report Size and Report Count"
        case .reservedItemType(let prefix):
            return "item prefix 0x\(HIDUsage.hex(prefix, width: 2)) has the reserved type 3"
        case .unknownMainItem(let tag):
            return "main item tag 0x\(HIDUsage.hex(tag, width: 1)) is not defined by HID 1.11"
        case .empty:
            return "the descriptor is empty"
        }
    }
}
