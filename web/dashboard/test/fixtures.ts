// Messages shaped like the server's (docs/dashboard-protocol.md), small enough to read.

import type { Final, Hello, Latency, Snapshot, SnapshotMessage, Threshold } from "../src/protocol.ts";

export const zeroErrors = {
  http_4xx: 0,
  http_5xx: 0,
  check_failed: 0,
  connect_timeout: 0,
  response_timeout: 0,
  connection_refused: 0,
  connection_reset: 0,
  dns_failure: 0,
  tls_error: 0,
  protocol_error: 0,
  client_limit: 0,
  aborted: 0,
};

export function latency(p50: number, p95: number, p99: number): Latency {
  return { p50, p90: p95, p95, p99, p999: p99, max: p99, mean: p50, min: p50 / 2 };
}

export function hello(overrides: Partial<Hello> = {}): Hello {
  return {
    type: "hello",
    protocol: 1,
    mode: "live",
    run: {
      name: "shop",
      pattern: "composite",
      duration_s: 6,
      tick_s: 1,
      workers: 2,
      peak_vus: 20,
      endpoints: [{ name: "home", method: "GET" }, { name: "login", method: "POST" }],
    },
    model: "closed",
    stages: [
      { index: 0, kind: "ramp", summary: "ramp 0→20 VUs over 3s", start_s: 0, end_s: 3 },
      { index: 1, kind: "constant", summary: "constant 20 VUs for 3s", start_s: 3, end_s: 6 },
    ],
    target_curve: [1, 2, 3, 4, 5, 6].map((s) => ({ elapsed_s: s, target: Math.min(20, Math.round((20 * s) / 3)) })),
    history_from: 0,
    history_count: 0,
    finished: false,
    server_unix_ms: 1764450000000,
    ...overrides,
  };
}

/** Snapshot `seq` (elapsed seq+1 s): home 10 req/s, login 5 req/s with `failed` 5xx. */
export function snapshot(seq: number, failed = 0, extra: Partial<Snapshot> = {}): Snapshot {
  const errors = { ...zeroErrors, http_5xx: failed };
  return {
    phase: "load",
    elapsed_s: seq + 1,
    interval_s: 1,
    target_vus: 10,
    active_vus: 9,
    in_flight: 1,
    requests: 15,
    failed,
    rps: 15,
    latency_ms: latency(2, 8, 12),
    errors,
    endpoints: [
      {
        name: "home",
        method: "GET",
        requests: 10,
        failed: 0,
        rps: 10,
        latency_ms: latency(1, 3, 4),
        errors: zeroErrors,
      },
      { name: "login", method: "POST", requests: 5, failed, rps: 5, latency_ms: latency(5, 20, 30), errors },
    ],
    ...extra,
  };
}

export function snapshotMessage(
  seq: number,
  options: { failed?: number; backfill?: boolean; dropped?: number } = {},
): SnapshotMessage {
  return {
    type: "snapshot",
    seq,
    backfill: options.backfill ?? false,
    delay_ms: options.backfill ? null : 3.2,
    dropped: options.dropped ?? 0,
    snapshot: snapshot(seq, options.failed ?? 0),
  };
}

/**
 * The drain's snapshot after `seq` load seconds: 4 ms finishing what was in flight, no VU
 * running any more; `finished` requests completed, `aborted` cut at the grace's end.
 */
export function drainMessage(seq: number, finished = 1, aborted = 0): SnapshotMessage {
  const errors = { ...zeroErrors, aborted };
  const requests = finished + aborted;
  return {
    type: "snapshot",
    seq,
    backfill: false,
    delay_ms: 3.2,
    dropped: 0,
    snapshot: {
      ...snapshot(seq),
      phase: "drain",
      elapsed_s: seq + 0.004,
      interval_s: 0.004,
      target_vus: 0,
      active_vus: 0,
      in_flight: 0,
      requests,
      failed: aborted,
      rps: requests / 0.004,
      latency_ms: latency(0, 0, 0),
      errors,
      endpoints: [],
    },
  };
}

/** The final message after `seconds` s of `snapshot`'s load (15 req/s, none failed), with `thresholds`. */
export function finalMessage(seconds: number, thresholds: readonly Threshold[] = [], dropped = 0): Final {
  return {
    type: "final",
    dropped,
    summary: {
      duration_s: seconds,
      interrupted: false,
      requests: { total: 15 * seconds, succeeded: 15 * seconds, failed: 0 },
      rps: 15,
      latency_ms: latency(2, 8, 12),
      errors: {},
      endpoints: [],
      thresholds,
    },
  };
}
