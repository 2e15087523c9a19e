/// The loyalty program the demo and the bench run on when no program file is given: the
/// same as `examples/program.json` (1 point per 1.00 paid, a 5.00 voucher at 100 points).
public enum EmbeddedProgram {
    public static let koffiekaart = """
        {
          "name": "Koffiekaart",
          "members": { "cards": [{ "prefix": "2900", "length": 13, "check": "ean" }] },
          "earn": [
            { "id": "base", "priority": 100,
              "points": { "per": "1.00", "award": 1, "rounding": "floor" } }
          ],
          "rewards": [
            { "id": "five-off", "title": "5 euro off your next visit",
              "threshold": 100, "value": { "amountOff": "5.00" }, "validDays": 30 }
          ]
        }
        """
}
