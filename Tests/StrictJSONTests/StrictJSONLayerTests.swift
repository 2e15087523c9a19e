import Testing
@testable import StrictJSON

@Test func layerIsNamed() {
    #expect(StrictJSONLayer.name == "StrictJSON")
}
