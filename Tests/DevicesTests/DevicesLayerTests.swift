import Testing
@testable import Devices

@Test func layerIsNamed() {
    #expect(DevicesLayer.name == "Devices")
}
