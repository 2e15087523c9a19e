import StrictJSON

/// `"match"`: the keys a plugged-in device is bound to this profile by.
///
/// ```json
/// "match": { "usb": [{ "vendor": "0c2e", "product": "0b81" }], "usagePage": "0x8C" }
/// ```
/// USB ids are four hex digits as `lsusb` shows them; a usage page is `0x` and up to four hex
/// digits; IEEE 1284 fields are the printer's device id keys (`MFG`, `MDL`, `CMD`, `CLS`,
/// `DES`).
extension DeviceProfile {
    /// The subsystems a profile can name (`DeviceIdentity.subsystem`).
    static let matchSubsystems = ["tty", "hidraw", "input", "usbmisc"]

    /// The IEEE 1284 device id keys a profile can match on (IEEE 1284-2000, 7.6: MFG and MDL
    /// (or MANUFACTURER and MODEL) and CMD are required in every device id; CLS and DES are
    /// common).
    static let ieee1284Keys = ["MFG", "MDL", "CMD", "CLS", "DES"]

    /// The match an object of `"match"` keys names, or nil after reporting its problems.
    package static func decodeMatch(_ object: JSONObjectReader) -> ProfileMatch? {
        defer { object.finish() }
        var problem = false
        var usb: [ProfileMatch.USBID] = []
        for entry in object.objects("usb", required: false) ?? [] {
            let vendor = usbID(entry, "vendor", required: true)
            let product = usbID(entry, "product", required: false)
            entry.finish()
            if let vendor = vendor?.value, let product {
                usb.append(ProfileMatch.USBID(vendor: vendor, product: product.value))
            } else {
                problem = true
            }
        }
        let models = object.strings("models", required: false) ?? []
        if models.contains("") {
            object.report(
                "a model string must not be empty (valid: part of the USB product string, "
                    + "e.g. \"Xenon\")", key: "models")
            problem = true
        }
        var usagePage: UInt16?
        if let text = object.string("usagePage", required: false) {
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : ""
            if (1...4).contains(digits.count), let page = UInt16(digits, radix: 16) {
                usagePage = page
            } else {
                object.report(
                    "\(JSON.string(text).serialized) is not a HID usage page (valid: \"0x\" and "
                        + "up to four hex digits, e.g. \"0x8C\" for HID POS)", key: "usagePage")
                problem = true
            }
        }
        var ieee1284: [String: String] = [:]
        if let fields = object.object("ieee1284", required: false) {
            for member in fields.allMembers() {
                guard ieee1284Keys.contains(member.key) else {
                    fields.report(
                        "\(JSON.string(member.key).serialized) is not an IEEE 1284 device id key "
                            + "(valid: " + ieee1284Keys.joined(separator: ", ") + ")",
                        at: member.keyPosition, path: JSONPath.member(member.key, of: fields.path))
                    problem = true
                    continue
                }
                guard case .string(let text) = member.value.value, !text.isEmpty else {
                    fields.report(
                        "expected the field's text as the printer reports it, found "
                            + member.value.typeName, key: member.key)
                    problem = true
                    continue
                }
                ieee1284[member.key] = text
            }
            fields.finish()
        }
        let subsystems = object.strings("subsystems", required: false) ?? []
        for subsystem in subsystems where !matchSubsystems.contains(subsystem) {
            object.report(
                "\(JSON.string(subsystem).serialized) is not a subsystem lanegate reads (valid: "
                    + matchSubsystems.joined(separator: ", ") + ")", key: "subsystems")
            problem = true
        }
        let match = ProfileMatch(
            usb: usb, models: models, usagePage: usagePage, ieee1284: ieee1284,
            subsystems: subsystems)
        if !problem, match == ProfileMatch() {
            object.report(
                "a match needs at least one key (valid: usb, models, usagePage, ieee1284, "
                    + "subsystems)", at: object.node.position, path: object.path)
            return nil
        }
        return problem ? nil : match
    }

    /// A USB id written as four hex digits; `Found(value: nil)` when absent and optional.
    private static func usbID(_ entry: JSONObjectReader, _ key: String, required: Bool)
        -> Found<UInt16>?
    {
        guard let text = entry.string(key, required: required) else {
            return !required && entry.node(key) == nil ? Found(value: nil) : nil
        }
        guard text.count == 4, let id = UInt16(text, radix: 16) else {
            entry.report(
                "\(JSON.string(text).serialized) is not a USB \(key) id (valid: four hex "
                    + "digits as lsusb shows them, e.g. \"0c2e\")", key: key)
            return nil
        }
        return Found(value: id)
    }
}
