/// An fd plus the registration id it was registered under, packed into `epoll_event.data.u64`.
///
/// After an fd is closed the kernel may hand the same number to a new socket; events still
/// queued for the old one then carry the old registration id and are dropped (swift-nio's
/// epoll backend does the same).
struct SelectorKey: Hashable, Sendable {
  var fd: Int32
  var registrationID: UInt32

  init(fd: Int32, registrationID: UInt32) {
    self.fd = fd
    self.registrationID = registrationID
  }

  /// Unpacks a value made by `packed`.
  init(packed: UInt64) {
    fd = Int32(bitPattern: UInt32(truncatingIfNeeded: packed))
    registrationID = UInt32(truncatingIfNeeded: packed >> 32)
  }

  /// Registration id in the high 32 bits, fd in the low 32 bits.
  var packed: UInt64 { UInt64(registrationID) << 32 | UInt64(UInt32(bitPattern: fd)) }
}
