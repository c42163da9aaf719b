/// Names one scheduled timer; stays unique after the timer fires or is cancelled (the slot's
/// generation changes), so cancelling an old id never hits a newer timer.
struct TimerID: Hashable, Sendable {
  var slot: UInt32
  var generation: UInt32
}
