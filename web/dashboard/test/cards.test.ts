import { cardValues, usersCard } from "../src/cards.ts";
import { RunStore } from "../src/store.ts";
import { assertEquals } from "./assert.ts";
import { drainMessage, hello, latency, snapshotMessage } from "./fixtures.ts";

const text = (store: RunStore) => {
  const c = cardValues(store);
  return [c.users, c.rps, c.p95, c.p99, c.errorRate].map((v) => [v.value, v.sub, v.level]);
};

Deno.test("nothing measured yet: dashes", () => {
  const store = new RunStore();
  store.apply(hello());
  assertEquals(text(store).map((c) => c[0]), ["—", "—", "—", "—", "—"]);
});

Deno.test("live: the last second, the error rate so far beside it", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  store.apply(snapshotMessage(1, { failed: 3 }));
  assertEquals(text(store), [
    ["9", "target 10", null],
    ["15.0", "req/s last second · 30 requests so far", null],
    ["8.00 ms", "last second", null],
    ["12.00 ms", "last second", null],
    ["20.0%", "last second · so far 10.0% (3 of 30)", "bad"],
  ]);
});

Deno.test("final: the whole run, p95 against its threshold", () => {
  const store = new RunStore();
  store.apply(hello());
  store.apply(snapshotMessage(0));
  store.apply({
    type: "final",
    dropped: 0,
    summary: {
      duration_s: 1,
      interrupted: false,
      requests: { total: 200, succeeded: 198, failed: 2 },
      rps: 200,
      latency_ms: latency(2, 250, 400),
      errors: {},
      endpoints: [],
      thresholds: [{
        threshold: "http_req_duration.p95 < 200ms",
        metric: "http_req_duration",
        statistic: "p95",
        passed: false,
        limit: 200,
        unit: "ms",
        measured_text: "250ms",
      }],
    },
  });
  assertEquals(text(store).slice(1), [
    ["200.0", "req/s · whole run", null],
    ["250.0 ms", "whole run · threshold 200.0 ms", "bad"],
    ["400.0 ms", "whole run", null],
    ["1.00%", "whole run · 2 of 200 failed", "warn"],
  ]);
});

const emptySummary = {
  duration_s: 3,
  interrupted: false,
  requests: { total: 45, succeeded: 45, failed: 0 },
  rps: 15,
  latency_ms: latency(2, 8, 12),
  errors: {},
  endpoints: [],
};

Deno.test("Active VUs once the run is over: the peak beside the planned one, drain or not, live or replay", () => {
  const users = (mode: "live" | "replay", drain: boolean, final: boolean) => {
    const store = new RunStore();
    store.apply(hello({ mode }));
    store.apply(snapshotMessage(0));
    const m = snapshotMessage(1);
    store.apply({ ...m, snapshot: { ...m.snapshot, active_vus: 14, target_vus: 20 } });
    const last = snapshotMessage(2);
    store.apply({ ...last, snapshot: { ...last.snapshot, active_vus: 11, target_vus: 11 } });
    if (drain) store.apply(drainMessage(3));
    if (final) store.apply({ type: "final", summary: emptySummary, dropped: 0 });
    const card = usersCard(store);
    return [card.label, card.value, card.sub];
  };
  const peak = ["Active VUs", "14", "peak · planned 20"];
  assertEquals(users("live", false, true), peak, "live, ended without a drain");
  assertEquals(users("live", true, true), peak, "live, after a drain");
  assertEquals(users("replay", true, true), peak, "replay");
  assertEquals(users("replay", false, false), peak, "replay of a killed run (no summary, no final)");
  assertEquals(
    users("live", true, false),
    ["Active VUs", "11", "target 11"],
    "live, the drain's 0 is no second of load",
  );
});

Deno.test("Busy VUs of an open-model run once over: the peak beside the pool", () => {
  const store = new RunStore();
  store.apply(hello({ model: "open", mode: "replay" }));
  store.apply(snapshotMessage(0));
  assertEquals(usersCard(store), { label: "Busy VUs", value: "9", sub: "peak · pool 20", level: null });
});
