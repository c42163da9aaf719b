import { buildFigures, type Figure, uiRevision, yAxisTop } from "../src/figures.ts";
import { RunStore } from "../src/store.ts";
import { assertEquals } from "./assert.ts";
import { drainMessage, finalMessage, hello, snapshotMessage } from "./fixtures.ts";

function pointsPerTrace(figure: Figure): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of figure.data) out[t.uid] = t.x.length === t.y.length ? t.x.length : -1;
  return out;
}

Deno.test("every trace gains one point per snapshot; the planned target is whole from the start", () => {
  const store = new RunStore();
  store.apply(hello());
  let figures = buildFigures(store);
  assertEquals(pointsPerTrace(figures.users), { active: 0, planned: 6 });
  for (let seq = 0; seq < 4; seq++) {
    store.apply(snapshotMessage(seq, { failed: seq === 2 ? 1 : 0 }));
    figures = buildFigures(store);
    const n = seq + 1;
    assertEquals(pointsPerTrace(figures.throughput), { rps: n, failed: n });
    assertEquals(pointsPerTrace(figures.latency), { p50: n, p95: n, p99: n });
    assertEquals(pointsPerTrace(figures.users), { active: n, planned: 6 });
    assertEquals(Object.values(pointsPerTrace(figures.errors)), [n]);
  }
  assertEquals(figures.throughput.data[0]?.x, [1, 2, 3, 4]);
  // The class first seen at second 3 is zero-filled before it.
  assertEquals(figures.errors.data.map((t) => t.name), ["http_5xx"]);
  assertEquals(figures.errors.data[0]?.y, [0, 0, 1, 0]);
  assertEquals(figures.errors.data[0]?.stackgroup, "errors");
  for (const f of [figures.throughput, figures.latency, figures.users, figures.errors]) {
    assertEquals(f.layout.uirevision, uiRevision(store));
  }
  assertEquals(figures.latency.data[1]?.y, [8, 8, 8, 8]);
  assertEquals(figures.throughput.data[1]?.y, [0, 0, 1, 0]);
});

Deno.test("a second without any response is a gap in the latency chart", () => {
  const store = new RunStore();
  store.apply(hello());
  const message = snapshotMessage(0);
  const zero = { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, min: 0 };
  const errors = { ...message.snapshot.errors, connection_refused: 15 };
  store.apply({ ...message, snapshot: { ...message.snapshot, failed: 15, latency_ms: zero, errors } });
  const figures = buildFigures(store);
  assertEquals(figures.latency.data[0]?.y, [null]);
  assertEquals(figures.errors.data.map((t) => t.name), ["connection_refused"]);
});

Deno.test("open model: target rate in the throughput chart, VU pool in the users chart", () => {
  const store = new RunStore();
  store.apply(hello({ model: "open" }));
  const m = snapshotMessage(0);
  store.apply({ ...m, snapshot: { ...m.snapshot, target_rate: 12, service_ms: m.snapshot.latency_ms } });
  const figures = buildFigures(store);
  assertEquals(pointsPerTrace(figures.throughput), { rps: 1, failed: 1, "target-rate": 1 });
  assertEquals(pointsPerTrace(figures.users), { active: 1, pool: 1 });
  assertEquals(pointsPerTrace(figures.latency), { p50: 1, p95: 1, p99: 1, "service-p95": 1 });
  assertEquals(figures.throughput.data[2]?.y, [12]);
});

Deno.test("the x axis spans the planned run, and a load phase past it", () => {
  const store = new RunStore();
  store.apply(hello());
  assertEquals(buildFigures(store).latency.layout.xaxis.range, [0, 6.5]);
  for (let seq = 0; seq < 7; seq++) store.apply(snapshotMessage(seq));
  assertEquals(buildFigures(store).latency.layout.xaxis.range, [0, 7.5]);
});

Deno.test("the drain's snapshot adds no point (as in the HTML report): no fake collapse to 0", () => {
  const store = new RunStore();
  store.apply(hello());
  for (let seq = 0; seq < 6; seq++) store.apply(snapshotMessage(seq));
  store.apply(drainMessage(6, 1, 3));
  const figures = buildFigures(store);
  assertEquals(pointsPerTrace(figures.throughput), { rps: 6, failed: 6 });
  assertEquals(pointsPerTrace(figures.latency), { p50: 6, p95: 6, p99: 6 });
  assertEquals(pointsPerTrace(figures.users), { active: 6, planned: 6 });
  assertEquals(figures.users.data[0]?.y, [9, 9, 9, 9, 9, 9]);
  assertEquals(figures.throughput.data[0]?.x, [1, 2, 3, 4, 5, 6]);
  // Its aborted requests draw no spike, nor an empty "aborted" trace.
  assertEquals(figures.errors.data.map((t) => [t.name, t.y]), [["failed requests", [0, 0, 0, 0, 0, 0]]]);
  assertEquals(figures.latency.layout.xaxis.range, [0, 6.5]);
});

Deno.test("uirevision is one per run", () => {
  const store = new RunStore();
  store.apply(hello());
  const before = buildFigures(store).latency.layout.uirevision;
  const other = hello();
  store.apply({ ...other, run: { ...other.run, name: "other" } });
  assertEquals(before === buildFigures(store).latency.layout.uirevision, false);
});

Deno.test("after final, the thresholds over all requests are drawn; one far above the data is named instead", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  const threshold = (text: string, metric: string, limit: number, passed: boolean) => ({
    threshold: text,
    metric,
    passed,
    limit,
    unit: "ms",
    measured_text: "",
  });
  assertEquals(buildFigures(store).latency.layout.shapes, []);
  store.apply(finalMessage(1, [
    threshold("http_req_duration.p95 < 10ms", "http_req_duration", 10, true),
    threshold("http_req_duration{name:home}.p95 < 5ms", "http_req_duration", 5, true),
    threshold("http_req_duration.p99 < 500ms", "http_req_duration", 500, false),
    threshold("rps > 20", "rps", 20, false),
  ]));
  const figures = buildFigures(store);
  assertEquals(figures.latency.layout.shapes.map((s) => [s.y0, s.line.color]), [[10, "#1e8e3e"]]);
  assertEquals(figures.latency.layout.annotations.map((a) => [a.text, a.font?.color]), [
    ["threshold: http_req_duration.p95 < 10ms", "#1e8e3e"],
    ["threshold: http_req_duration.p99 < 500ms (above this scale)", "#c0392b"],
  ]);
  assertEquals(figures.throughput.layout.shapes.map((s) => [s.y0, s.line.color]), [[20, "#c0392b"]]);
});

Deno.test("the y axis ends at a round number 5 % or more above the highest point, stacks summed", () => {
  const trace = (y: (number | null)[], stackgroup?: string): Plotly.ScatterTrace => ({
    type: "scatter",
    mode: "lines",
    name: "t",
    uid: "t",
    x: y.map((_, i) => i + 1),
    y,
    ...(stackgroup === undefined ? {} : { stackgroup }),
  });
  assertEquals(yAxisTop([]), 1, "no data");
  assertEquals(yAxisTop([trace([0, 0, null])]), 1, "only zeros and gaps");
  assertEquals(yAxisTop([trace([100])]), 120, "105 → 120");
  assertEquals(yAxisTop([trace([95])]), 100, "99.75 → 100");
  assertEquals(yAxisTop([trace([0.329])]), 0.4, "0.345 → 0.4");
  assertEquals(yAxisTop([trace([74862])]), 80000);
  assertEquals(yAxisTop([trace([3, 1], "e"), trace([4, 9], "e")]), 12, "stacked: 10 → 12 (unstacked max 9 → 10)");
  const limit: Plotly.Shape = { type: "line", xref: "paper", x0: 0, x1: 1, y0: 50, y1: 50, line: {} };
  assertEquals(yAxisTop([trace([10])], [limit]), 60, "a threshold line stays on the chart");
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  assertEquals(buildFigures(store).throughput.layout.yaxis.range, [0, 20], "15 req/s");
});
