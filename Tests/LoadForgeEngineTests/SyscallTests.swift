import Glibc
import Testing

@testable import LoadForgeEngine

@Suite struct SyscallTests {
  @Test func emptyNonBlockingReadWouldBlock() throws {
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
    defer { buffer.deallocate() }
    guard case .wouldBlock = try Syscall.read(fds[0], into: buffer) else {
      Issue.record("expected would-block")
      return
    }
    var byte: UInt8 = 7
    #expect(write(fds[1], &byte, 1) == 1)
    guard case .processed(let n) = try Syscall.read(fds[0], into: buffer) else {
      Issue.record("expected a byte")
      return
    }
    #expect(n == 1)
    #expect(buffer[0] == 7)
  }

  @Test func errorsNameTheCallAndTheCause() {
    #expect(throws: SyscallError(call: "socket", errno: EAFNOSUPPORT)) {
      try Syscall.tcpSocket(family: 12_345)
    }
    let error = SyscallError(call: "connect", errno: ECONNREFUSED)
    #expect(error.description == "connect: Connection refused (errno \(ECONNREFUSED))")
  }

  @Test func sendToAClosedPeerThrowsEPIPEInsteadOfRaisingSIGPIPE() throws {
    var fds: [Int32] = [-1, -1]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    close(fds[1])
    defer { close(fds[0]) }
    let bytes: [UInt8] = [1, 2, 3]
    #expect(throws: SyscallError(call: "send", errno: EPIPE)) {
      _ = try bytes.withUnsafeBytes { try Syscall.send(fds[0], $0) }
    }
  }

  @Test func connectToAClosedPortIsRefused() throws {
    let port = TestSupport.closedPort()
    let address = TestSupport.loopback(port)
    let fd = try Syscall.tcpSocket(family: address.family)
    defer { Syscall.close(fd) }
    do {
      switch try Syscall.connect(fd, to: address) {
      case .processed: Issue.record("connected to a closed port")
      case .wouldBlock:
        var poll = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        _ = Glibc.poll(&poll, 1, 1_000)
        #expect(try Syscall.socketError(fd) == ECONNREFUSED)
      }
    } catch {
      #expect(error == SyscallError(call: "connect", errno: ECONNREFUSED))
    }
  }
}
