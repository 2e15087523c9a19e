import Testing
@testable import Loyalty

@Test func layerIsNamed() {
    #expect(LoyaltyLayer.name == "Loyalty")
}
