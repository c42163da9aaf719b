import { appendedPoints } from "../src/extend.ts";
import { buildFigures } from "../src/figures.ts";
import { RunStore } from "../src/store.ts";
import { assertEquals } from "./assert.ts";
import { finalMessage, hello, snapshotMessage } from "./fixtures.ts";

Deno.test("a second that only adds points is drawn as those points", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  store.apply(snapshotMessage(1));
  const before = buildFigures(store);
  store.apply(snapshotMessage(2, { failed: 1 }));
  const after = buildFigures(store);
  const throughput = appendedPoints(before.throughput, after.throughput);
  assertEquals(throughput, { x: [[3], [3]], y: [[after.throughput.data[0]?.y[2] ?? -1], [1]], indices: [0, 1] });
  // The planned target is whole from the start: only the running VUs gain a point.
  assertEquals(appendedPoints(before.users, after.users)?.indices, [0]);
  assertEquals(appendedPoints(before.latency, after.latency)?.indices, [0, 1, 2]);
  assertEquals(appendedPoints(after.users, after.users), { x: [], y: [], indices: [] }, "nothing new");
});

Deno.test("anything but new points needs a full redraw", () => {
  const store = new RunStore();
  store.apply(hello());
  const empty = buildFigures(store);
  store.apply(snapshotMessage(0));
  const one = buildFigures(store);
  assertEquals(appendedPoints(empty.throughput, one.throughput), null, "the first point moves the y axis off 0–1");
  store.apply(snapshotMessage(1));
  const two = buildFigures(store);
  assertEquals(appendedPoints(one.throughput, two.throughput), null, "markers off from the second point");
  store.apply(snapshotMessage(2, { failed: 1 }));
  const failed = buildFigures(store);
  assertEquals(appendedPoints(two.errors, failed.errors), null, "a new error class is a new trace");
  assertEquals(appendedPoints(two.throughput, failed.throughput)?.indices, [0, 1]);
  const changed = { ...failed.throughput, data: failed.throughput.data.map((t) => ({ ...t, y: [...t.y] })) };
  changed.data[0]?.y.splice(0, 1, 12345);
  assertEquals(appendedPoints(two.throughput, changed), null, "an old point changed value");
  const restyled = { ...failed.throughput, data: failed.throughput.data.map((t) => ({ ...t, name: t.name + "!" })) };
  assertEquals(appendedPoints(two.throughput, restyled), null, "a trace was renamed");
  const shorter = { ...failed.throughput, data: failed.throughput.data.map((t) => ({ ...t, x: [1], y: [1] })) };
  assertEquals(appendedPoints(failed.throughput, shorter), null, "points were taken away");
  store.apply(finalMessage(3, [
    { threshold: "rps > 20", metric: "rps", passed: false, limit: 20, unit: "", measured_text: "15" },
  ]));
  const ended = buildFigures(store);
  assertEquals(appendedPoints(failed.throughput, ended.throughput), null, "a threshold line is a new layout");
  assertEquals(appendedPoints(failed.users, ended.users), { x: [], y: [], indices: [] }, "no threshold on users");
});
