import Testing
@testable import DeviceIO

@Test func layerIsNamed() {
    #expect(DeviceIOLayer.name == "DeviceIO")
}
