import Foundation
import Testing

@testable import Devices

@Suite struct DeviceProfileTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("devices").path

    @Test(arguments: ["epson-tm-t88v", "generic-58mm", "generic-serial-scanner"])
    func bundledProfileLoads(name: String) throws {
        let profile = try DeviceProfile.load(path: "\(Self.folder)/\(name).json")
        #expect(profile.name == name)
    }
}
