/// Walks a report descriptor item by item (HID 1.11, section 6.2.2) and lays out the
/// fields of every report. `HIDReportDescriptor(parsing:)` is its public face.
struct HIDDescriptorParser {
    private struct GlobalState {
        var usagePage: UInt16 = 0
        var logicalMinimum: Int32 = 0
        var logicalMaximum: Int32 = 0
        var reportSize = 0
        var reportCount = 0
        var reportID: UInt8?
    }

    /// A usage as a Local item gave it: 4-byte items name their page, shorter ones
    /// take the Usage Page in effect when the main item comes (as Linux's hid-core does).
    private struct LocalUsage {
        var value: UInt32
        var hasPage: Bool

        func resolved(page: UInt16) -> UInt32 {
            hasPage ? value : UInt32(page) << 16 | value
        }
    }

    private struct LocalState {
        var usages: [LocalUsage] = []
        var minimum: LocalUsage?
        var maximum: LocalUsage?
    }

    private struct OpenCollection {
        var usage: HIDUsage
        var type: UInt8
        var offset: Int
    }

    private struct ReportKey: Hashable {
        var kind: HIDReportKind
        var id: UInt8?
    }

    /// The most usages one Usage Minimum/Maximum pair may list.
    private static let maximumUsageRange: UInt32 = 0x1_0000

    private let bytes: [UInt8]
    private var global = GlobalState()
    private var globalStack: [GlobalState] = []
    private var local = LocalState()
    private var open: [OpenCollection] = []
    private var nextBit: [ReportKey: Int] = [:]
    private var finished: [HIDApplicationCollection] = []
    private var current: HIDApplicationCollection?

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parse() throws(HIDDescriptorError) -> [HIDApplicationCollection] {
        guard !bytes.isEmpty else {
            throw HIDDescriptorError(offset: 0, reason: .empty)
        }
        var offset = 0
        while offset < bytes.count {
            offset = try item(at: offset)
        }
        guard open.isEmpty else {
            throw HIDDescriptorError(
                offset: open[0].offset, reason: .unclosedCollections(open.count))
        }
        if let current {
            finished.append(current)
        }
        return finished
    }

    /// Reads the item at `offset`; returns the offset of the next one.
    private mutating func item(at offset: Int) throws(HIDDescriptorError) -> Int {
        let prefix = bytes[offset]

        // A long item: 0xFE, a data size byte, a tag byte, then the data (6.2.2.3).
        if prefix == 0xFE {
            guard offset + 2 < bytes.count else {
                throw truncated(at: offset, needed: 2)
            }
            let size = Int(bytes[offset + 1])
            try requireData(at: offset, headerLength: 3, size: size)
            return offset + 3 + size
        }

        let sizeCode = Int(prefix & 0x03)
        let size = sizeCode == 3 ? 4 : sizeCode
        let type = (prefix >> 2) & 0x03
        let tag = prefix >> 4
        try requireData(at: offset, headerLength: 1, size: size)
        let data = bytes[(offset + 1)..<(offset + 1 + size)]
        let unsigned = data.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let signed = Self.signExtend(unsigned, size: size)

        switch type {
        case 0: try main(tag: tag, data: unsigned, offset: offset)
        case 1: try globalItem(tag: tag, unsigned: unsigned, signed: signed, offset: offset)
        case 2: localItem(tag: tag, unsigned: unsigned, size: size)
        default: throw HIDDescriptorError(offset: offset, reason: .reservedItemType(prefix: prefix))
        }
        return offset + 1 + size
    }

    private func requireData(
        at offset: Int, headerLength: Int, size: Int
    ) throws(HIDDescriptorError) {
        let available = bytes.count - offset - headerLength
        guard available >= size else {
            throw truncated(at: offset, needed: size, available: max(0, available))
        }
    }

    private func truncated(
        at offset: Int, needed: Int, available: Int? = nil
    ) -> HIDDescriptorError {
        let left = available ?? (bytes.count - offset - 1)
        return HIDDescriptorError(
            offset: offset, reason: .truncatedItem(needed: needed, available: max(0, left)))
    }

    // MARK: Main items (6.2.2.4)

    private mutating func main(
        tag: UInt8, data: UInt32, offset: Int
    ) throws(HIDDescriptorError) {
        switch tag {
        case 0x8: try fields(.input, flags: data, offset: offset)
        case 0x9: try fields(.output, flags: data, offset: offset)
        case 0xB: try fields(.feature, flags: data, offset: offset)
        case 0xA: try beginCollection(type: UInt8(truncatingIfNeeded: data), offset: offset)
        case 0xC: try endCollection(offset: offset)
        default: throw HIDDescriptorError(offset: offset, reason: .unknownMainItem(tag: tag))
        }
        local = LocalState()
    }

    private mutating func beginCollection(
        type: UInt8, offset: Int
    ) throws(HIDDescriptorError) {
        let usages = try resolvedUsages(offset: offset)
        let usage = usages.first ?? HIDUsage(page: global.usagePage, id: 0)
        if open.isEmpty {
            if let current {
                finished.append(current)
            }
            current = HIDApplicationCollection(
                usage: usage, type: type, descriptorOffset: offset, reports: [])
        }
        open.append(OpenCollection(usage: usage, type: type, offset: offset))
    }

    private mutating func endCollection(offset: Int) throws(HIDDescriptorError) {
        guard open.popLast() != nil else {
            throw HIDDescriptorError(offset: offset, reason: .unbalancedEndCollection)
        }
    }

    private mutating func fields(
        _ kind: HIDReportKind, flags raw: UInt32, offset: Int
    ) throws(HIDDescriptorError) {
        let flags = HIDMainItemFlags(rawValue: raw)
        guard global.reportSize > 0, global.reportCount > 0 else {
            throw HIDDescriptorError(offset: offset, reason: .missingReportSizeOrCount)
        }
        if global.reportSize > 32, !flags.contains(.bufferedBytes) {
            throw HIDDescriptorError(
                offset: offset, reason: .reportSizeTooLarge(global.reportSize))
        }

        let key = ReportKey(kind: kind, id: global.reportID)
        let start = nextBit[key, default: 0]
        let field = HIDReportField(
            kind: kind, reportID: global.reportID, bitOffset: start,
            bitSize: global.reportSize, count: global.reportCount, flags: flags,
            usages: try resolvedUsages(offset: offset),
            logicalMinimum: global.logicalMinimum, logicalMaximum: global.logicalMaximum,
            collectionPath: open.map(\.usage), descriptorOffset: offset)
        nextBit[key] = start + field.bitLength
        append(field)
    }

    private mutating func append(_ field: HIDReportField) {
        // Fields outside any collection are rare; they get a collection of their own.
        var collection =
            current
            ?? HIDApplicationCollection(
                usage: HIDUsage(page: 0, id: 0), type: 0xFF,
                descriptorOffset: field.descriptorOffset, reports: [])
        if let index = collection.reports.firstIndex(where: {
            $0.kind == field.kind && $0.id == field.reportID
        }) {
            collection.reports[index].fields.append(field)
        } else {
            collection.reports.append(
                HIDReport(kind: field.kind, id: field.reportID, fields: [field]))
        }
        current = collection
    }

    /// The Usage items, then the Usage Minimum-Maximum range, with their pages.
    private func resolvedUsages(offset: Int) throws(HIDDescriptorError) -> [HIDUsage] {
        let page = global.usagePage
        var usages = local.usages.map { HIDUsage(extended: $0.resolved(page: page)) }
        if let minimum = local.minimum, let maximum = local.maximum {
            let low = minimum.resolved(page: page)
            let high = maximum.resolved(page: page)
            guard low <= high, high - low < Self.maximumUsageRange else {
                throw HIDDescriptorError(
                    offset: offset, reason: .badUsageRange(minimum: low, maximum: high))
            }
            usages += (low...high).map { HIDUsage(extended: $0) }
        }
        return usages
    }

    // MARK: Global items (6.2.2.7)

    private mutating func globalItem(
        tag: UInt8, unsigned: UInt32, signed: Int32, offset: Int
    ) throws(HIDDescriptorError) {
        switch tag {
        case 0x0: global.usagePage = UInt16(truncatingIfNeeded: unsigned)
        case 0x1: global.logicalMinimum = signed
        case 0x2:
            // A maximum written unsigned (26 FF 00 is 255) is kept as such when the
            // minimum is not negative, as every parser in practice does.
            global.logicalMaximum =
                global.logicalMinimum >= 0 ? Int32(truncatingIfNeeded: unsigned) : signed
        case 0x7: global.reportSize = Int(unsigned)
        case 0x8:
            guard unsigned != 0 else {
                throw HIDDescriptorError(offset: offset, reason: .reportIDZero)
            }
            global.reportID = UInt8(truncatingIfNeeded: unsigned)
        case 0x9: global.reportCount = Int(unsigned)
        case 0xA: globalStack.append(global)
        case 0xB:
            guard let saved = globalStack.popLast() else {
                throw HIDDescriptorError(offset: offset, reason: .popWithoutPush)
            }
            global = saved
        default:
            // Physical extents, unit exponent and unit do not move fields.
            break
        }
    }

    // MARK: Local items (6.2.2.8)

    private mutating func localItem(tag: UInt8, unsigned: UInt32, size: Int) {
        let usage = LocalUsage(value: unsigned, hasPage: size == 4)
        switch tag {
        case 0x0: local.usages.append(usage)
        case 0x1: local.minimum = usage
        case 0x2: local.maximum = usage
        default:
            // Designators, strings and delimiters do not move fields.
            break
        }
    }

    private static func signExtend(_ value: UInt32, size: Int) -> Int32 {
        switch size {
        case 1: return Int32(Int8(truncatingIfNeeded: value))
        case 2: return Int32(Int16(truncatingIfNeeded: value))
        default: return Int32(truncatingIfNeeded: value)
        }
    }
}
