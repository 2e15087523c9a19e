import DeviceIO
import Devices

extension TestPage {
    /// Prints the test page for `profile` on `port`, through the same printer code the lane
    /// uses: a printer reporting a fault (paper out, cover open) gets nothing, and the
    /// result says which evidence confirmed the page. `entry` gives the serial settings
    /// that override the profile's (a lane config's printer entry).
    public static func send(
        profile: DeviceProfile, port: String, entry: LaneConfig.DeviceEntry? = nil,
        confirmTimeout: Duration = .seconds(10)
    ) async throws(LaneError) -> ReceiptPrinter.JobResult {
        let page = try bytes(for: profile)
        guard let printer = profile.printer else { return .unconfirmed("not a printer") }
        let parsed: DevicePort
        let options: SerialOptions
        do {
            parsed = try DevicePort(parsing: port)
            let overrides =
                entry
                ?? LaneConfig.DeviceEntry(
                    role: .printer, profile: profile.name, port: port)
            options = try LaneHost.serialOptions(profile.serial, overrides: overrides)
        } catch {
            throw LaneError("\(error)")
        }
        let transport = parsed.printerTransport(serial: options)
        let receipt = ReceiptPrinter(
            transport: transport, settings: printer, confirmTimeout: confirmTimeout)
        let result = await receipt.print(page, id: 1)
        await transport.close()
        return result
    }
}
