import Testing

@testable import LoadForgeEngine

@Suite struct SlotArrayTests {
  @Test func appendsPastItsFirstAllocationKeepingEveryValue() {
    var slots = SlotArray<[Int]>()
    for i in 0..<100 { slots.append([i, i * i]) }
    #expect(slots.count == 100)
    #expect(slots.indices == 0..<100)
    for i in slots.indices { #expect(slots[i] == [i, i * i]) }
  }

  @Test func writesGoToTheStoredElementInPlace() {
    var slots = SlotArray<VirtualUser>()
    slots.append(VirtualUser())
    slots.append(VirtualUser())
    _ = slots[1].start(scenario: 3)
    slots[1].connectionFD = 7
    #expect(slots[1].isRunning)
    #expect(slots[1].scenario == 3)
    #expect(slots[1].connectionFD == 7)
    #expect(!slots[0].isRunning)
    #expect(slots[0].connectionFD == -1)
  }

  @Test func emptyUntilAppended() {
    let slots = SlotArray<Int>()
    #expect(slots.count == 0)
    #expect(slots.indices.isEmpty)
  }
}
