import Testing
@testable import Lane

@Test func layerIsNamed() {
    #expect(LaneLayer.name == "Lane")
}
