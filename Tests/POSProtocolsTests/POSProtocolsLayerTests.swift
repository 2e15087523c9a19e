import Testing
@testable import POSProtocols

@Test func layerIsNamed() {
    #expect(POSProtocolsLayer.name == "POSProtocols")
}
