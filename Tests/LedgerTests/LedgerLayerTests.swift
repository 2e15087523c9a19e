import Testing
@testable import Ledger

@Test func layerIsNamed() {
    #expect(LedgerLayer.name == "Ledger")
}
