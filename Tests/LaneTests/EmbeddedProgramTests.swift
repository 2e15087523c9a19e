import Foundation
import Loyalty
import Testing

@testable import Lane

/// The program the demo and the bench embed is the one `examples/program.json` documents.
@Test func embeddedProgramIsTheExample() throws {
    let example = ExampleReplayTests.root.appendingPathComponent("examples/program.json").path
    #expect(
        try Program.parse(Array(EmbeddedProgram.koffiekaart.utf8), file: "embedded")
            == Program.load(path: example))
}
