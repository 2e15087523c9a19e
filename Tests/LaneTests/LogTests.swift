import Testing

@testable import Lane

@Suite struct LogTests {
    @Test(arguments: [
        (
            #"unknown op "x4111111111111111" (valid: open)"#,
            #"unknown op "x411111******1111" (valid: open)"#
        ),
        ("card 6012345678901 and 4111111111111111", "card 601234***8901 and 411111******1111"),
        (
            "twelve 123456789012 stays, as do 2026-12-03 and 7.00",
            "twelve 123456789012 stays, as do 2026-12-03 and 7.00"
        ),
        ("twenty 12345678901234567890 stays", "twenty 12345678901234567890 stays"),
    ])
    func freeTextHasCardNumbersMasked(_ text: String, _ expected: String) {
        #expect(Log.scrubbed(text) == expected)
    }
}
