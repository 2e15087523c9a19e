import Testing

@testable import StrictJSON

/// Reads `text` as the root object of `lane.json` and hands the reader to `body`.
private func problems(
    _ text: String, _ body: (JSONObjectReader) -> Void
) -> [String] {
    let validation = JSONValidation(file: "lane.json")
    guard let root = validation.parse(Array(text.utf8)),
        let reader = validation.object(root)
    else {
        return validation.problems.map(\.description)
    }
    body(reader)
    reader.finish()
    return validation.problems.map(\.description)
}

@Suite struct JSONObjectReaderTests {
    @Test func readsValidMembers() {
        let text =
            #"{"port": "/dev/ttyS0", "baud": 9600, "total": "12.50", "on": true, "#
            + #""parity": "even", "dev": {"x": 1}, "list": [1, 2], "names": ["a", "b"]}"#
        var values: [String] = []
        let found = problems(text) { reader in
            values.append(reader.string("port") ?? "-")
            values.append(String(reader.integer("baud", range: 1200...115_200) ?? -1))
            values.append(reader.decimalString("total") ?? "-")
            values.append(String(reader.bool("on") ?? false))
            values.append(reader.choice("parity", of: ["none", "even", "odd"]) ?? "-")
            let device = reader.object("dev")
            values.append(String(device?.integer("x") ?? -1))
            device?.finish()
            values.append(reader.array("list")?.map(\.path).joined(separator: " ") ?? "-")
            values.append(reader.strings("names")?.joined() ?? "-")
            values.append(String(reader.has("missing")))
            values.append(reader.string("optional", required: false) ?? "none")
        }
        #expect(found == [])
        #expect(
            values == [
                "/dev/ttyS0", "9600", "12.50", "true", "even", "1",
                "$.list[0] $.list[1]", "ab", "false", "none",
            ])
    }

    @Test func reportsMissingKeyAtTheOpeningBrace() {
        let found = problems("\n  {\"role\": \"scanner\"}") { reader in
            _ = reader.string("role")
            _ = reader.string("port")
        }
        #expect(found == [#"lane.json:2:3: $: missing required key "port""#])
    }

    @Test(arguments: [
        (#"{"port": 7}"#, "lane.json:1:10: $.port: expected a string, found a number"),
        (#"{"port": null}"#, "lane.json:1:10: $.port: expected a string, found null"),
        (#"{"port": [1]}"#, "lane.json:1:10: $.port: expected a string, found an array"),
        (#"{"port": {}}"#, "lane.json:1:10: $.port: expected a string, found an object"),
        (#"{"port": false}"#, "lane.json:1:10: $.port: expected a string, found a boolean"),
    ])
    func reportsWrongTypeAtTheValue(_ text: String, _ expected: String) {
        #expect(problems(text) { _ = $0.string("port") } == [expected])
    }

    @Test(arguments: [
        (
            #"{"total": 1.00}"#,
            #"$.total: expected a decimal string such as "1.00", found a number"#
        ),
        (
            #"{"total": true}"#,
            #"$.total: expected a decimal string such as "1.00", found a boolean"#
        ),
        (#"{"total": "1e3"}"#, #"$.total: "1e3" is not a decimal string such as "1.00""#),
        (#"{"total": "1."}"#, #"$.total: "1." is not a decimal string such as "1.00""#),
        (#"{"total": ".5"}"#, #"$.total: ".5" is not a decimal string such as "1.00""#),
        (#"{"total": "+1"}"#, #"$.total: "+1" is not a decimal string such as "1.00""#),
        (#"{"total": " 1"}"#, #"$.total: " 1" is not a decimal string such as "1.00""#),
        (#"{"total": ""}"#, #"$.total: "" is not a decimal string such as "1.00""#),
    ])
    func refusesWhatIsNotADecimalString(_ text: String, _ expected: String) {
        #expect(problems(text) { _ = $0.decimalString("total") } == ["lane.json:1:11: " + expected])
    }

    @Test(arguments: ["0", "-1.25", "12.50", "0.750", "100"])
    func acceptsDecimalStrings(_ decimal: String) {
        var read: String?
        #expect(problems(#"{"d": "\#(decimal)"}"#) { read = $0.decimalString("d") } == [])
        #expect(read == decimal)
    }

    @Test(arguments: [
        (#"{"n": 4}"#, "lane.json:1:7: $.n: 4 is out of range (valid: 5...19)"),
        (#"{"n": 20}"#, "lane.json:1:7: $.n: 20 is out of range (valid: 5...19)"),
        (#"{"n": 1.5}"#, "lane.json:1:7: $.n: expected an integer, found 1.5"),
        (#"{"n": 1e2}"#, "lane.json:1:7: $.n: expected an integer, found 1e2"),
        (#"{"n": "7"}"#, "lane.json:1:7: $.n: expected an integer, found a string"),
        (
            #"{"n": 99999999999999999999}"#,
            "lane.json:1:7: $.n: 99999999999999999999 is out of range (valid: 5...19)"
        ),
    ])
    func refusesBadIntegers(_ text: String, _ expected: String) {
        #expect(problems(text) { _ = $0.integer("n", range: 5...19) } == [expected])
    }

    @Test func refusesAChoiceNotAllowed() {
        let found = problems(#"{"parity": "xml"}"#) {
            _ = $0.choice("parity", of: ["none", "even", "odd"])
        }
        #expect(
            found == [
                #"lane.json:1:12: $.parity: "xml" is not allowed (valid: none, even, odd)"#
            ])
    }

    @Test(arguments: [
        ("busyTimeout", #": did you mean "busyTimeoutMs"?"#), ("Lane", #": did you mean "lane"?"#),
        ("store", #": did you mean "storeId"?"#), ("zzz", ""), ("b", ""),
    ])
    func guessesTheKeyMeantWhenOnlyOneFits(_ key: String, _ guess: String) throws {
        let validation = JSONValidation(file: "lane.json")
        let node = try JSONParser.parse(Array(#"{"\#(key)": 1}"#.utf8))
        let reader = try #require(validation.object(node))
        for valid in ["lane", "storeId", "busyTimeoutMs", "busyHandler"] {
            _ = reader.node(valid)
        }
        reader.finish()
        #expect(
            validation.problems.map(\.message) == [
                "unknown key \"\(key)\"\(guess) (valid: lane, storeId, busyTimeoutMs, busyHandler)"
            ])
    }

    @Test func reportsUnknownKeysAtTheKeyWithTheKeysAskedFor() {
        let text =
            #"{"role": "scanner", "profile": "p", "port": "x", "baud": 9600, "#
            + #""baudrate": 9600}"#
        let found = problems(text) { reader in
            _ = reader.string("role")
            _ = reader.string("profile")
            _ = reader.string("port")
            _ = reader.integer("baud", required: false)
        }
        #expect(
            found == [
                #"lane.json:1:64: $.baudrate: unknown key "baudrate": did you mean "baud"? "#
                    + "(valid: role, profile, port, baud)"
            ])
    }

    @Test func reportsDuplicateKeysAtTheSecondKey() {
        let text = "{\n  \"role\": \"printer\",\n  \"port\": \"a\",\n  \"port\": \"b\"\n}"
        var port: String?
        let found = problems(text) { reader in
            _ = reader.string("role")
            port = reader.string("port")
        }
        #expect(found == [#"lane.json:4:3: $.port: duplicate key "port" (first at 3:3)"#])
        #expect(port == "a")
    }

    /// Small objects compare keys pairwise, large ones hash them: the same reports.
    @Test(arguments: [3, 16, 17, 40])
    func reportsEveryRepeatOfAKeyInObjectsOfAnySize(_ size: Int) {
        // k0 ... k(size-1) on one line, then "k1" twice more at the end.
        let keys = (0..<size).map { "k\($0)" } + ["k1", "k1"]
        let text = "{" + keys.map { "\"\($0)\": 0" }.joined(separator: ", ") + "}"
        let columns = keys.indices.map { index in
            1 + 1 + keys[..<index].map { "\"\($0)\": 0, ".utf8.count }.reduce(0, +)
        }
        let found = problems(text) { reader in
            for index in 0..<size { _ = reader.integer("k\(index)") }
        }
        #expect(
            found == [
                "lane.json:1:\(columns[size]): $.k1: duplicate key \"k1\" (first at 1:\(columns[1]))",
                "lane.json:1:\(columns[size + 1]): $.k1: duplicate key \"k1\" (first at 1:\(columns[1]))",
            ])
    }

    @Test func namesNestedPathsAndOddKeys() {
        let text = #"{"devices": [{"port": 1}, 5], "odd key": {"a b": true}}"#
        let found = problems(text) { reader in
            for device in reader.objects("devices") ?? [] {
                _ = device.string("port")
                device.finish()
            }
            let odd = reader.object("odd key")
            _ = odd?.string("a b")
            odd?.finish()
        }
        #expect(
            found == [
                "lane.json:1:27: $.devices[1]: expected an object, found a number",
                "lane.json:1:23: $.devices[0].port: expected a string, found a number",
                #"lane.json:1:50: $["odd key"]["a b"]: expected a string, found a boolean"#,
            ])
    }

    @Test func reportsStringListElements() {
        let found = problems(#"{"codes": ["a", 2, "c"]}"#) { reader in
            #expect(reader.strings("codes") == ["a", "c"])
        }
        #expect(found == ["lane.json:1:17: $.codes[1]: expected a string, found a number"])
    }

    @Test func nodeAndReportMarkTheKeyAndPlaceTheProblem() {
        let found = problems(#"{"at": "yesterday"}"#) { reader in
            #expect(reader.node("at")?.stringValue == "yesterday")
            reader.report("\"at\" must be RFC 3339", key: "at")
            reader.report("needs \"when\"", key: "when")
        }
        #expect(
            found == [
                #"lane.json:1:8: $.at: "at" must be RFC 3339"#,
                #"lane.json:1:1: $.when: needs "when""#,
            ])
    }

    @Test func finishRunsOnce() {
        let validation = JSONValidation(file: "f")
        let root = validation.parse(Array(#"{"x": 1}"#.utf8))!
        let reader = validation.object(root)!
        reader.finish()
        reader.finish()
        #expect(validation.problems.count == 1)
    }
}
