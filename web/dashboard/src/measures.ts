// What a snapshot or summary measured, read the way the HTML report reads it
// (HTMLReportFigures.hasLatency): all-zero percentiles mean "no response", never 0 ms.

import type { ErrorCounts, Latency, Snapshot, Stage, Summary, Threshold } from "./protocol.ts";
import { clock, count, ms } from "./format.ts";

/** Failure classes without a complete response, hence without a latency sample. */
const noResponseClasses = [
  "connect_timeout",
  "response_timeout",
  "connection_refused",
  "connection_reset",
  "dns_failure",
  "tls_error",
  "protocol_error",
  "client_limit",
  "aborted",
  // Names of files written before the classes were split.
  "timeout",
  "connection_error",
];

/** Whether `latency` measured anything: some of `requests` got a complete response. */
export function hasLatency(requests: number, errors: ErrorCounts, latency: Latency): boolean {
  if (latency.max > 0) return true;
  let noResponse = 0;
  for (const cls of noResponseClasses) noResponse += errors[cls] ?? 0;
  return requests - noResponse > 0;
}

export function snapshotHasLatency(s: Snapshot): boolean {
  return hasLatency(s.requests, s.errors, s.latency_ms);
}

/** Failed requests per second of a snapshot, with the same denominator as its rps. */
export function failedPerSecond(s: Snapshot): number {
  if (s.requests > 0) return (s.rps * s.failed) / s.requests;
  return s.interval_s > 0 ? s.failed / s.interval_s : 0;
}

/** The stage running at `elapsed` s: the one whose (start, end] holds it (a snapshot at 30 s closes a tick of the stage ending at 30 s). */
export function currentStage(stages: readonly Stage[], elapsed: number): { index: number; stage: Stage } | null {
  if (stages.length === 0) return null;
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    if (stage !== undefined && elapsed <= stage.end_s + 1e-9) return { index: i, stage };
  }
  const last = stages.length - 1;
  const stage = stages[last];
  return stage === undefined ? null : { index: last, stage };
}

/** "stage 2 of 3 · ramp 5→20 VUs over 30s", or the summary alone for a one-stage pattern. */
export function stageText(stages: readonly Stage[], elapsed: number): string | null {
  const found = currentStage(stages, elapsed);
  if (found === null) return null;
  if (stages.length === 1) return found.stage.summary;
  return `stage ${found.index + 1} of ${stages.length} · ${found.stage.summary}`;
}

/** "0:12 of 0:30" and the fraction done (0…1) for the progress bar. */
export function progress(elapsed: number, total: number): { text: string; fraction: number } {
  const fraction = total > 0 ? Math.min(1, Math.max(0, elapsed / total)) : elapsed > 0 ? 1 : 0;
  return { text: `${clock(elapsed)} of ${clock(total)}`, fraction };
}

export type Verdict =
  | { readonly kind: "none" }
  | { readonly kind: "passed"; readonly total: number }
  | { readonly kind: "failed"; readonly failed: readonly Threshold[]; readonly total: number };

/** The thresholds' verdict from summary.thresholds (absent or empty: no thresholds). */
export function verdict(summary: Summary): Verdict {
  const all = summary.thresholds ?? [];
  if (all.length === 0) return { kind: "none" };
  const failed = all.filter((t) => !t.passed);
  return failed.length === 0 ? { kind: "passed", total: all.length } : { kind: "failed", failed, total: all.length };
}

/** The whole-run p95 limit of a `http_req_duration.p95 < …` threshold (not one endpoint's), ms. */
export function p95Limit(summary: Summary | null): number | null {
  if (summary === null) return null;
  for (const t of summary.thresholds ?? []) {
    if (t.metric === "http_req_duration" && t.statistic === "p95" && t.unit === "ms" && !t.threshold.includes("{")) {
      return t.limit;
    }
  }
  return null;
}

export type Level = "good" | "warn" | "bad";

/** Error % colour: green below 1 %, amber below 5 %, red from 5 %. */
export function errorLevel(fraction: number): Level {
  if (fraction < 0.01) return "good";
  if (fraction < 0.05) return "warn";
  return "bad";
}

/**
 * An endpoint's p95 colour. With a p95 threshold: red above its limit, amber above 80 % of it.
 * Without: against the p95 of all requests over the same period, amber above 1.5×, red above
 * 2× (the endpoints that make the tail).
 */
export function p95Level(p95: number, overallP95: number, limit: number | null): Level {
  if (limit !== null) {
    if (p95 > limit) return "bad";
    return p95 > 0.8 * limit ? "warn" : "good";
  }
  if (overallP95 <= 0) return "good";
  if (p95 > 2 * overallP95) return "bad";
  return p95 > 1.5 * overallP95 ? "warn" : "good";
}

/**
 * The drain after the load phase, from its snapshot: "drain 3.00 ms: 1 finished, 0 aborted"
 * (interval_s is the drain's length; aborted requests are counted in `requests` too).
 */
export function drainText(drain: Snapshot): string {
  const aborted = drain.errors["aborted"] ?? 0;
  return `drain ${ms(drain.interval_s * 1000)}: ${count(drain.requests - aborted)} finished, ${count(aborted)} aborted`;
}
