/// A deterministic random number generator (SplitMix64) for tests and the fixed-random
/// test mode: the same seed gives the same sequence on every platform.
///
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014) adds the golden-ratio increment 0x9E3779B97F4A7C15 to its state and mixes
/// the result with two multiply-xorshift rounds. Not for production codes: the lane uses
/// `SystemRandomNumberGenerator` there.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
