import { RunStore } from "../src/store.ts";
import { assertEquals } from "./assert.ts";
import { drainMessage, finalMessage, hello, snapshotMessage } from "./fixtures.ts";

Deno.test("snapshots are kept once each, in seq order, with running totals", () => {
  const store = new RunStore();
  assertEquals(store.apply(hello()), { kind: "none" });
  for (const seq of [0, 1, 2]) assertEquals(store.apply(snapshotMessage(seq, { failed: seq })), { kind: "none" });
  assertEquals(store.apply(snapshotMessage(1)), { kind: "none" }, "a duplicate is ignored");
  assertEquals(store.seqs, [0, 1, 2]);
  assertEquals(store.lastSeq, 2);
  assertEquals(store.nextSeq, 3);
  assertEquals(store.requests, 45);
  assertEquals(store.failed, 3);
  assertEquals(store.endpoints.get("login")?.failed, 3);
  assertEquals(store.endpoints.get("home")?.requests, 30);
  assertEquals(store.errorClasses, ["http_5xx"]);
  assertEquals(store.delayMs, 3.2);
});

Deno.test("a seq gap asks to resync from the first missing seq and keeps nothing past it", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  store.apply(snapshotMessage(1));
  assertEquals(store.apply(snapshotMessage(4)), { kind: "resync", from: 2 });
  assertEquals(store.seqs, [0, 1]);
  // The reconnection's hello and back-fill: 2…4, with 1 repeated; merged, not restarted.
  store.connectionClosed();
  store.apply(hello({ history_from: 1, history_count: 4 }));
  for (const seq of [1, 2, 3, 4]) store.apply(snapshotMessage(seq, { backfill: true }));
  assertEquals(store.seqs, [0, 1, 2, 3, 4]);
  assertEquals(store.requests, 75);
  assertEquals(store.delayMs, 3.2, "back-filled messages carry no delay; the last live one stays");
});

Deno.test("seconds the server no longer has are skipped, not asked for forever", () => {
  const store = new RunStore();
  store.apply(hello({ history_from: 5, history_count: 2 }));
  assertEquals(store.lost, 5);
  assertEquals(store.apply(snapshotMessage(5)), { kind: "none" });
  assertEquals(store.seqs, [5]);
});

Deno.test("dropped adds up over connections; final finishes", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0, { dropped: 2 }));
  store.connectionClosed();
  store.apply(hello({ history_from: 1 }));
  store.apply(snapshotMessage(1, { dropped: 1 }));
  assertEquals(store.dropped, 3);
  assertEquals(store.apply(finalMessage(2, [], 1)), { kind: "finished" });
  assertEquals(store.final?.summary.rps, 15);
});

Deno.test("a hello for another run starts over", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  const other = hello();
  store.apply({ ...other, run: { ...other.run, name: "other" } });
  assertEquals(store.snapshots.length, 0);
  assertEquals(store.nextSeq, 0);
  assertEquals(store.requests, 0);
});

Deno.test("draining is remembered until final", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply({ type: "draining", in_flight: 12, grace_s: 30 });
  assertEquals(store.draining?.in_flight, 12);
});

Deno.test("the drain's snapshot is held and counted, but is no second of load", () => {
  const store = new RunStore();
  store.apply(hello());
  for (const seq of [0, 1, 2]) store.apply(snapshotMessage(seq));
  store.apply(drainMessage(3, 1, 2));
  assertEquals(store.snapshots.length, 4, "every snapshot, the drain's too");
  assertEquals(store.loadSnapshots.length, 3);
  assertEquals(store.seqs, [0, 1, 2, 3]);
  assertEquals(store.nextSeq, 4);
  assertEquals(store.drain?.interval_s, 0.004);
  assertEquals(store.latest?.elapsed_s, 3, "the last second of load, not the drain");
  assertEquals(store.peakActiveVUs, 9);
  assertEquals(store.requests, 48, "the totals count the drain's requests");
  assertEquals(store.failed, 2);
  assertEquals(store.errorClasses, [], "the errors chart draws the load phase only");
});

Deno.test("another run (name or start differ) resets everything and is named; the same run merges", () => {
  const store = new RunStore();
  const first = hello();
  store.apply({ ...first, run: { ...first.run, started_at: "2026-11-29T22:00:00Z" } });
  store.apply(snapshotMessage(0));
  store.apply(drainMessage(1));
  assertEquals(store.apply({ ...first, history_from: 2, run: { ...first.run, started_at: "2026-11-29T22:00:00Z" } }), {
    kind: "none",
  });
  assertEquals([store.snapshots.length, store.newRun], [2, null]);
  const action = store.apply({
    ...first,
    history_from: 2,
    run: { ...first.run, started_at: "2026-11-29T22:05:00Z" },
  });
  assertEquals(action, { kind: "resync", from: 0 }, "asked from the old run's seq: ask again from 0");
  assertEquals([store.snapshots.length, store.loadSnapshots.length, store.drain, store.nextSeq], [0, 0, null, 0]);
  assertEquals(store.newRun, "shop");
  assertEquals(store.lost, 0);
});
