import Testing
@testable import Symbology

@Test func layerIsNamed() {
    #expect(SymbologyLayer.name == "Symbology")
}
