// The messages of docs/dashboard-protocol.md (version 1) and the objects they carry
// (schemas/snapshot.schema.json, run.schema.json, results.schema.json). Only the fields the
// page reads are declared; times are ms unless named *_s.

/** Percentiles of one interval or of the whole run, ms; all 0 when nothing was measured. */
export interface Latency {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
  readonly min: number;
}

/** Requests per failure class (http_4xx, connect_timeout, …): every class the run knows. */
export type ErrorCounts = Readonly<Record<string, number>>;

export interface SnapshotEndpoint {
  readonly name: string;
  readonly method: string;
  readonly requests: number;
  readonly failed: number;
  readonly rps: number;
  readonly latency_ms: Latency;
  readonly errors: ErrorCounts;
}

/** One line of snapshots.ndjson: one interval (normally 1 s). */
export interface Snapshot {
  readonly phase: "load" | "drain";
  readonly elapsed_s: number;
  readonly interval_s: number;
  readonly target_vus: number;
  readonly active_vus: number;
  readonly in_flight: number;
  readonly requests: number;
  readonly failed: number;
  readonly rps: number;
  readonly latency_ms: Latency;
  readonly service_ms?: Latency;
  readonly target_rate?: number;
  readonly achieved_rate?: number;
  readonly errors: ErrorCounts;
  readonly endpoints: readonly SnapshotEndpoint[];
}

export interface RunInfo {
  readonly name: string;
  readonly pattern: string;
  readonly duration_s: number;
  readonly tick_s?: number;
  readonly workers: number;
  readonly peak_vus: number;
  readonly peak_rate?: number;
  readonly endpoints: readonly { readonly name: string; readonly method: string }[];
  readonly started_at?: string;
}

export interface Stage {
  readonly index: number;
  readonly kind: string;
  readonly summary: string;
  readonly start_s: number;
  readonly end_s: number;
}

export interface TargetPoint {
  readonly elapsed_s: number;
  readonly target: number;
}

export interface Hello {
  readonly type: "hello";
  readonly protocol: number;
  readonly mode: "live" | "replay";
  readonly run: RunInfo;
  readonly model: "closed" | "open";
  readonly stages: readonly Stage[];
  readonly target_curve: readonly TargetPoint[];
  readonly history_from: number;
  readonly history_count: number;
  readonly finished: boolean;
  readonly server_unix_ms: number;
}

export interface SnapshotMessage {
  readonly type: "snapshot";
  readonly seq: number;
  readonly backfill: boolean;
  readonly delay_ms: number | null;
  readonly dropped: number;
  readonly snapshot: Snapshot;
}

export interface Draining {
  readonly type: "draining";
  readonly in_flight: number;
  readonly grace_s: number;
}

export interface Threshold {
  readonly threshold: string;
  readonly metric: string;
  readonly statistic?: string;
  readonly passed: boolean;
  readonly limit: number;
  readonly unit: string;
  readonly measured_text: string;
}

export interface SummaryEndpoint {
  readonly name: string;
  readonly method: string;
  readonly requests: number;
  readonly failed: number;
  readonly rps: number;
  readonly latency_ms: Latency;
  readonly errors: ErrorCounts;
}

/** summary.json: the whole run. */
export interface Summary {
  readonly duration_s: number;
  readonly load_duration_s?: number;
  readonly interrupted: boolean;
  readonly requests: { readonly total: number; readonly succeeded: number; readonly failed: number };
  readonly rps: number;
  readonly latency_ms: Latency;
  readonly errors: ErrorCounts;
  readonly endpoints: readonly SummaryEndpoint[];
  readonly thresholds?: readonly Threshold[];
}

export interface Final {
  readonly type: "final";
  readonly summary: Summary;
  readonly dropped: number;
}

export type Message = Hello | SnapshotMessage | Draining | Final;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * Reads one text frame. Checks the fields the page relies on to stay consistent (type, seq,
 * the snapshot's elapsed_s); returns null for anything else, which the page ignores rather
 * than crash on (a newer server may add message types).
 */
export function parseMessage(text: string): Message | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw)) return null;
  switch (raw["type"]) {
    case "hello":
      return isRecord(raw["run"]) && Array.isArray(raw["stages"]) && Array.isArray(raw["target_curve"])
        ? (raw as unknown as Hello)
        : null;
    case "snapshot": {
      const snap = raw["snapshot"];
      return isNumber(raw["seq"]) && Number.isInteger(raw["seq"]) && isRecord(snap) && isNumber(snap["elapsed_s"]) &&
          Array.isArray(snap["endpoints"]) && isRecord(snap["errors"]) && isRecord(snap["latency_ms"])
        ? (raw as unknown as SnapshotMessage)
        : null;
    }
    case "draining":
      return isNumber(raw["in_flight"]) ? (raw as unknown as Draining) : null;
    case "final":
      return isRecord(raw["summary"]) ? (raw as unknown as Final) : null;
    default:
      return null;
  }
}
