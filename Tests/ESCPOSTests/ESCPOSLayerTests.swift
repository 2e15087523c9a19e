import Testing
@testable import ESCPOS

@Test func layerIsNamed() {
    #expect(ESCPOSLayer.name == "ESCPOS")
}
