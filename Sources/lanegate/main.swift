import Foundation
import Lane

/// The lanegate command line: one type per verb, validation before work.
/// Exit 0 on success, 1 on a runtime failure, 2 on bad usage or bad input.
let version = "0.1.0"

@MainActor protocol Command {
    static var name: String { get }
    static var summary: String { get }
    static var help: String { get }
    static func run(_ arguments: inout Arguments) async throws -> Int32
}

let commands: [any Command.Type] = [
    RunCommand.self, DemoCommand.self, ConfigCommand.self, ScanCommand.self, DevicesCommand.self,
    ProfileCommand.self,
]

@MainActor func usage() -> String {
    var text =
        "lanegate \(version): an in-lane loyalty gateway\n\nUsage: lanegate VERB [OPTIONS]\n\n"
    for command in commands {
        text +=
            "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0)
            + command.summary + "\n"
    }
    text +=
        "\nlanegate VERB --help shows a verb's options. lanegate --version prints the version.\n"
    return text
}

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

@MainActor func main() async -> Int32 {
    var words = Array(CommandLine.arguments.dropFirst())
    guard let verb = words.first else {
        writeError(usage())
        return 2
    }
    words.removeFirst()
    if verb == "--version" || verb == "version" {
        print("lanegate \(version)")
        return 0
    }
    if verb == "--help" || verb == "help" || verb == "-h" {
        print(usage(), terminator: "")
        return 0
    }
    guard let command = commands.first(where: { $0.name == verb }) else {
        writeError("lanegate: unknown verb \"\(verb)\"\n\n" + usage())
        return 2
    }
    if words.contains("--help") || words.contains("-h") {
        print(command.help)
        return 0
    }
    var arguments = Arguments(words)
    do {
        return try await command.run(&arguments)
    } catch let error as UsageError {
        writeError("lanegate \(verb): \(error.description)\n\n\(command.help)")
        return 2
    } catch let error as InputError {
        writeError(error.description)
        return 2
    } catch {
        writeError("lanegate \(verb): \(error)")
        return 1
    }
}

exit(await main())
