import CLinux
import Glibc
import Testing

@testable import LoadForgeEngine

@Suite struct SelectorKeyTests {
  @Test(
    arguments: [
      (0, 1), (3, 0xFFFF_FFFF), (Int32.max, 12_345), (1_048_575, 0x8000_0000),
    ] as [(Int32, UInt32)])
  func packsAndUnpacksFdAndRegistrationID(fd: Int32, id: UInt32) {
    let key = SelectorKey(fd: fd, registrationID: id)
    #expect(key.packed == UInt64(id) << 32 | UInt64(fd))
    #expect(SelectorKey(packed: key.packed) == key)
  }

  /// A connection closed and a new one that gets the same fd number must not be confused: the
  /// same fd registered again gets a new registration ID. The fd is kept open and re-registered
  /// (rather than closed and hoped to be reused by the kernel, which parallel tests opening
  /// descriptors of their own make racy).
  @Test func aReusedFdGetsANewRegistrationID() throws {
    let selector = try EpollSelector()
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    let first = try selector.register(fd: fds[0], interest: EPOLLIN.rawValue)
    try selector.deregister(first)
    let second = try selector.register(fd: fds[0], interest: EPOLLIN.rawValue)
    #expect(second.fd == first.fd)
    #expect(second.registrationID != first.registrationID)
    #expect(second != first)
  }

  @Test func eventsCarryTheKeyTheyWereRegisteredWith() throws {
    let selector = try EpollSelector()
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    let key = try selector.register(fd: fds[0], interest: EPOLLIN.rawValue)
    var byte: UInt8 = 1
    #expect(write(fds[1], &byte, 1) == 1)
    var seen: [SelectorEvent] = []
    let count = try selector.wait(timeoutMillis: 1_000) { seen.append($0) }
    #expect(count == 1)
    #expect(seen.first?.key == key)
    #expect(seen.first?.isReadable == true)
    // Writability interest only: the pipe's read end never becomes writable.
    try selector.modify(key, interest: EPOLLOUT.rawValue)
    let none = try selector.wait(timeoutMillis: 0) { _ in }
    #expect(none == 0)
  }
}
