/// xoshiro256** (Blackman & Vigna, 2018): a fast, small-state PRNG for task picks and think
/// times. `SystemRandomNumberGenerator` costs a getrandom(2) call per draw on Linux; this
/// costs a few ns. Not cryptographic, and not meant to be.
struct Xoshiro256StarStar: RandomNumberGenerator {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Seeds the state through SplitMix64, as the authors recommend, so any seed (even 0) works.
  init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// Seeds from the system generator (each worker gets an independent stream).
  init() {
    var system = SystemRandomNumberGenerator()
    self.init(seed: system.next())
  }

  @inline(__always)
  mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inline(__always)
  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
