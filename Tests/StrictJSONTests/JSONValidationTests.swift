import Foundation
import Testing

@testable import StrictJSON

@Suite struct JSONValidationTests {
    @Test func aMissingFileIsAProblemAtTheStart() {
        let validation = JSONValidation(file: "nowhere.json")
        #expect(validation.load(path: "/nonexistent/nowhere.json") == nil)
        #expect(
            validation.problems.map(\.description) == [
                "nowhere.json:1:1: $: cannot read the file: No such file or directory"
            ])
    }

    @Test func aDirectoryIsAProblemToo() {
        let validation = JSONValidation(file: "tmp")
        #expect(validation.load(path: "/tmp") == nil)
        #expect(
            validation.problems.map(\.description) == [
                "tmp:1:1: $: cannot read the file: Is a directory"
            ])
    }

    @Test func loadsAFile() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("strictjson-\(UUID().uuidString).json").path
        try Data(#"{"store": "S01"}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let validation = JSONValidation(file: "lane.json")
        let root = validation.load(path: path)
        #expect(root?["store"]?.stringValue == "S01")
        #expect(validation.problems.isEmpty)
    }

    @Test func aSyntaxErrorIsAProblem() {
        let validation = JSONValidation(file: "lane.json")
        #expect(validation.parse(Array("{\n  \"a\": 1,\n}".utf8)) == nil)
        #expect(
            validation.problems.map(\.description) == [
                "lane.json:3:1: $: trailing comma: expected a member after ','"
            ])
    }

    @Test func aRootThatIsNotAnObjectIsAProblem() throws {
        let validation = JSONValidation(file: "lane.json")
        let root = try #require(validation.parse(Array("[1]".utf8)))
        #expect(validation.object(root) == nil)
        #expect(
            validation.problems.map(\.description) == [
                "lane.json:1:1: $: expected an object, found an array"
            ])
    }

    @Test func throwIfProblemsFinishesOpenReadersAndThrowsAll() throws {
        let validation = JSONValidation(file: "lane.json")
        let root = try #require(validation.parse(Array(#"{"a": 1, "b": {"c": 2}}"#.utf8)))
        let reader = try #require(validation.object(root))
        _ = reader.integer("a")
        _ = reader.object("b")

        #expect(throws: JSONProblems.self) { try validation.throwIfProblems() }
        do {
            try validation.throwIfProblems()
        } catch {
            #expect(
                error.description
                    == #"lane.json:1:16: $.b.c: unknown key "c" (no keys are valid here)"#)
        }
    }

    @Test func throwIfProblemsIsQuietWhenAllIsWell() throws {
        let validation = JSONValidation(file: "lane.json")
        let root = try #require(validation.parse(Array(#"{"a": 1}"#.utf8)))
        _ = validation.object(root)?.integer("a")
        try validation.throwIfProblems()
    }

    @Test func problemsListOnePerLine() {
        let place = SourcePosition(line: 2, column: 5, offset: 9)
        let problems = JSONProblems(problems: [
            JSONProblem(file: "a.json", position: place, path: "$.x", message: "one"),
            JSONProblem(file: "a.json", position: place, path: "$.y", message: "two"),
        ])
        #expect(problems.description == "a.json:2:5: $.x: one\na.json:2:5: $.y: two")
    }
}
