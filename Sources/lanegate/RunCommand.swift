import Dispatch
import Foundation
import Lane

/// `lanegate run --config FILE`: runs one lane until SIGTERM or SIGINT.
enum RunCommand: Command {
    static let name = "run"
    static let summary = "run a lane: its devices, its POS link, the engine and the store"
    static let help = """
        Usage: lanegate run --config FILE

        Runs the lane that FILE describes: listens for the POS (LaneLink v1), reads the
        scanner, prints on the receipt printer, and keeps the loyalty state in the
        database the config names. SIGTERM or SIGINT finish the request in flight,
        close the devices and exit 0. Logs go to standard error, one line per event.
        When the POS listeners are bound, a line "event=ready store=S lane=L pos=HOST:PORT"
        is logged.

        For tests, LANEGATE_CLOCK=2026-12-03T10:15:00+01:00 freezes the wall clock and
        LANEGATE_SEED=42 fixes the random source (docs/testing.md).

        Example:
          lanegate run --config /etc/lanegate/lane.json
        """

    static func run(_ arguments: inout Arguments) async throws -> Int32 {
        guard let configPath = try arguments.option("--config") else {
            throw UsageError("--config FILE is required")
        }
        _ = try arguments.positionals()
        let environment = try LaneEnvironment.fromProcessEnvironment()
        let setup: LaneSetup
        do {
            setup = try LaneSetup.load(configPath: configPath)
        } catch {
            throw InputError(error.description)
        }
        let host = try await LaneHost(setup: setup, environment: environment)

        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let signals = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            // @Sendable: the handler runs on a global queue, not on the main actor this
            // function is isolated to.
            source.setEventHandler { @Sendable in
                Log.info("stopping", ["signal": number == SIGTERM ? "SIGTERM" : "SIGINT"])
                host.stop()
            }
            source.resume()
            return source
        }
        Log.info(
            "ready",
            [
                "store": setup.config.store, "lane": setup.config.lane,
                "pos": host.posPorts.map { "127.0.0.1:\($0)" }.joined(separator: ","),
            ])
        await host.run()
        signals.forEach { $0.cancel() }
        Log.info("stopped", [:])
        return 0
    }
}
