import Foundation
import Testing

@testable import POSProtocols

/// One `.lanelink` example session, read line by line.
private struct ExampleSession: CustomStringConvertible {
    enum Step { case sent(Int, String), expected(Int, String) }

    let name: String
    let steps: [Step]

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocols/examples")

    static func all() -> [ExampleSession] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".lanelink") }.sorted().map { name in
            let text =
                (try? String(
                    contentsOf: folder.appendingPathComponent(name),
                    encoding: .utf8)) ?? ""
            var steps: [Step] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated()
            {
                if line.hasPrefix("> ") {
                    steps.append(.sent(index + 1, String(line.dropFirst(2))))
                } else if line.hasPrefix("< ") {
                    steps.append(.expected(index + 1, String(line.dropFirst(2))))
                } else if line.hasPrefix("! scan ") || line == "! print" {
                    // Device steps (the lane's scanner and printer) are the lane's to replay.
                    continue
                } else if !(line.isEmpty || line == "#" || line.hasPrefix("# ")) {
                    steps.append(.expected(index + 1, "not a step: " + line))
                }
            }
            return ExampleSession(name: name, steps: steps)
        }
    }

    var description: String { name }
}

@Suite struct LaneLinkExampleTests {
    @Test func theRequiredExamplesExist() {
        let names = ExampleSession.all().map(\.name)
        #expect(names.contains("01-earn.lanelink"))
        #expect(names.contains("02-errors.lanelink"))
    }

    @Test(arguments: ExampleSession.all())
    fileprivate func everyExchangeIsValid(_ session: ExampleSession) throws {
        #expect(!session.steps.isEmpty)
        for (index, step) in session.steps.enumerated() {
            switch step {
            case .sent(let number, let line):
                let next = index + 1 < session.steps.count ? session.steps[index + 1] : nil
                guard case .expected(_, let answer)? = next else {
                    Issue.record("\(session):\(number): a request with no expected reply")
                    continue
                }
                checkRequest(line, answer: answer, place: "\(session):\(number)")
            case .expected(let number, let line):
                do {
                    _ = try LaneLinkReply.decode(Array(Self.concrete(line).utf8))
                } catch {
                    Issue.record("\(session):\(number): not a LaneLink reply: \(error)")
                }
            }
        }
    }

    /// The line with the replay's wildcard `"*"` in a timestamp replaced by a real one, so
    /// the reply's field types can be checked (the lane's replay test matches `"*"`).
    static func concrete(_ line: String) -> String {
        line.replacingOccurrences(
            of: #""expires":"*""#, with: #""expires":"2000-01-01T00:00:00+00:00""#)
    }

    /// A request decodes; or, when the codec's own refusal is expected, it is refused
    /// with exactly that line.
    private func checkRequest(_ line: String, answer: String, place: String) {
        let expected = try? LaneLinkReply.decode(Array(Self.concrete(answer).utf8))
        let codecCodes = [
            LaneLinkErrorCode.badRequest.rawValue,
            LaneLinkErrorCode.unknownOp.rawValue,
        ]
        let codecRefusal =
            expected?.op == "error"
            && expected?.fields.first.map {
                if case .string(let code) = $0.value { codecCodes.contains(code) } else { false }
            } == true

        do {
            let request = try LaneLinkRequest.decode(Array(line.utf8))
            #expect(!codecRefusal, "\(place): expected a refusal, decoded \(request.op)")
            #expect(expected?.id == request.id, "\(place): the reply must echo the id")
        } catch {
            #expect(codecRefusal, "\(place): \(error)")
            if codecRefusal {
                #expect(LaneLinkReply.error(error, txn: nil).serialized == answer, "\(place)")
            }
        }
    }
}
