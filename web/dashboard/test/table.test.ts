import { RunStore } from "../src/store.ts";
import { endpointTable, nextSort, sortRows } from "../src/table.ts";
import { assertEquals } from "./assert.ts";
import { hello, latency, snapshotMessage } from "./fixtures.ts";

function liveStore(): RunStore {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0, { failed: 0 }));
  store.apply(snapshotMessage(1, { failed: 1 }));
  return store;
}

Deno.test("rows: totals so far, the last second's rate and percentiles, levels", () => {
  const table = endpointTable(liveStore());
  assertEquals(table.wholeRun, false);
  const [home, login] = table.rows;
  assertEquals(home?.requests, 20);
  assertEquals(home?.rps, 10);
  assertEquals(home?.errorRate, 0);
  assertEquals(home?.errorLevel, "good");
  assertEquals(home?.p95, 3);
  assertEquals(home?.p95Level, "good");
  assertEquals(login?.errorRate, 0.1);
  assertEquals(login?.errorLevel, "bad");
  // 20 ms against 8 ms for all requests: over 2×.
  assertEquals(login?.p95Level, "bad");
});

Deno.test("sorting both ways, unmeasured values last", () => {
  const rows = endpointTable(liveStore()).rows;
  const names = (key: "name" | "p95" | "requests", direction: "ascending" | "descending") =>
    sortRows(rows, { key, direction }).map((r) => r.name);
  assertEquals(names("p95", "ascending"), ["home", "login"]);
  assertEquals(names("p95", "descending"), ["login", "home"]);
  assertEquals(names("name", "descending"), ["login", "home"]);
  assertEquals(sortRows(rows, null).map((r) => r.name), ["home", "login"]);
  const withEmpty = [...rows, { ...rows[0]!, name: "idle", p95: null }];
  assertEquals(sortRows(withEmpty, { key: "p95", direction: "ascending" }).map((r) => r.name), [
    "home",
    "login",
    "idle",
  ]);
  assertEquals(sortRows(withEmpty, { key: "p95", direction: "descending" }).map((r) => r.name), [
    "login",
    "home",
    "idle",
  ]);
});

Deno.test("a first click sorts numbers largest first and text A→Z; a second click flips", () => {
  const first = nextSort(null, "rps");
  assertEquals(first, { key: "rps", direction: "descending" });
  assertEquals(nextSort(first, "rps"), { key: "rps", direction: "ascending" });
  assertEquals(nextSort(nextSort(first, "rps"), "rps"), { key: "rps", direction: "descending" });
  for (const key of ["requests", "errorRate", "p50", "p95", "p99"] as const) {
    assertEquals(nextSort(first, key), { key, direction: "descending" });
  }
  assertEquals(nextSort(first, "name"), { key: "name", direction: "ascending" });
  assertEquals(nextSort(nextSort(first, "name"), "name"), { key: "name", direction: "descending" });
  assertEquals(nextSort(null, "method"), { key: "method", direction: "ascending" });
});

Deno.test("after final the table shows the summary's whole-run values", () => {
  const store = liveStore();
  const endpoint = (name: string, method: string, requests: number, failed: number, p95: number) => ({
    name,
    method,
    requests,
    failed,
    rps: requests / 2,
    latency_ms: latency(1, p95, p95 + 1),
    errors: {},
  });
  store.apply({
    type: "final",
    dropped: 0,
    summary: {
      duration_s: 2,
      interrupted: false,
      requests: { total: 30, succeeded: 29, failed: 1 },
      rps: 15,
      latency_ms: latency(2, 10, 12),
      errors: {},
      endpoints: [endpoint("home", "GET", 20, 0, 3), endpoint("login", "POST", 10, 1, 9)],
      thresholds: [{
        threshold: "http_req_duration.p95 < 10ms",
        metric: "http_req_duration",
        statistic: "p95",
        passed: true,
        limit: 10,
        unit: "ms",
        measured_text: "10ms",
      }],
    },
  });
  const table = endpointTable(store);
  assertEquals(table.wholeRun, true);
  assertEquals(table.rows.map((r) => [r.name, r.requests, r.rps, r.p95, r.p95Level]), [
    ["home", 20, 10, 3, "good"],
    ["login", 10, 5, 9, "warn"],
  ]);
});
