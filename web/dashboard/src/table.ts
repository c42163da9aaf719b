// Rows of the per-endpoint table and their order (pure; tested with `deno test`).

import type { RunStore } from "./store.ts";
import { errorLevel, hasLatency, type Level, p95Level, p95Limit } from "./measures.ts";

export type SortKey = "name" | "method" | "requests" | "rps" | "errorRate" | "p50" | "p95" | "p99";
export type SortDirection = "ascending" | "descending";
export interface Sort {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

export interface EndpointRow {
  readonly name: string;
  readonly method: string;
  /** Whole run so far. */
  readonly requests: number;
  /** Last second, or the whole run's average after `final`. */
  readonly rps: number | null;
  /** Whole run so far, 0…1; null before any request. */
  readonly errorRate: number | null;
  /** Last second, or the whole run after `final`; null when nothing was measured. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly errorLevel: Level | null;
  readonly p95Level: Level | null;
}

export interface EndpointTable {
  readonly rows: readonly EndpointRow[];
  /** true after `final`: RPS and percentiles are whole-run values from the summary. */
  readonly wholeRun: boolean;
}

/** One row per endpoint in plan order (run.json), then any the plan did not name. */
export function endpointTable(store: RunStore): EndpointTable {
  const summary = store.final?.summary ?? null;
  const names: { name: string; method: string }[] = [...(store.hello?.run.endpoints ?? [])];
  const add = (name: string, method: string) => {
    if (!names.some((n) => n.name === name)) names.push({ name, method });
  };
  for (const e of store.endpoints.values()) add(e.name, e.method);
  for (const e of summary?.endpoints ?? []) add(e.name, e.method);

  const limit = p95Limit(summary);
  if (summary !== null) {
    const overall = summary.latency_ms.p95;
    const rows = names.map((n): EndpointRow => {
      const e = summary.endpoints.find((x) => x.name === n.name);
      if (e === undefined) return emptyRow(n.name, n.method);
      const measured = hasLatency(e.requests, e.errors, e.latency_ms);
      const rate = e.requests > 0 ? e.failed / e.requests : null;
      return {
        name: e.name,
        method: e.method,
        requests: e.requests,
        rps: e.rps,
        errorRate: rate,
        p50: measured ? e.latency_ms.p50 : null,
        p95: measured ? e.latency_ms.p95 : null,
        p99: measured ? e.latency_ms.p99 : null,
        errorLevel: rate === null ? null : errorLevel(rate),
        p95Level: measured ? p95Level(e.latency_ms.p95, overall, limit) : null,
      };
    });
    return { rows, wholeRun: true };
  }

  const latest = store.latest;
  const overall = latest?.latency_ms.p95 ?? 0;
  const rows = names.map((n): EndpointRow => {
    const totals = store.endpoints.get(n.name);
    const second = latest?.endpoints.find((x) => x.name === n.name);
    const requests = totals?.requests ?? 0;
    const rate = totals !== undefined && totals.requests > 0 ? totals.failed / totals.requests : null;
    const measured = second !== undefined && hasLatency(second.requests, second.errors, second.latency_ms);
    return {
      name: n.name,
      method: totals?.method ?? n.method,
      requests,
      rps: second?.rps ?? null,
      errorRate: rate,
      p50: measured ? second.latency_ms.p50 : null,
      p95: measured ? second.latency_ms.p95 : null,
      p99: measured ? second.latency_ms.p99 : null,
      errorLevel: rate === null ? null : errorLevel(rate),
      p95Level: measured ? p95Level(second.latency_ms.p95, overall, limit) : null,
    };
  });
  return { rows, wholeRun: false };
}

function emptyRow(name: string, method: string): EndpointRow {
  return {
    name,
    method,
    requests: 0,
    rps: null,
    errorRate: null,
    p50: null,
    p95: null,
    p99: null,
    errorLevel: null,
    p95Level: null,
  };
}

/** Rows in `sort` order (stable); unmeasured values (null) last in both directions. */
export function sortRows(rows: readonly EndpointRow[], sort: Sort | null): EndpointRow[] {
  const out = [...rows];
  if (sort === null) return out;
  const sign = sort.direction === "ascending" ? 1 : -1;
  out.sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === "string" && typeof y === "string") return sign * x.localeCompare(y);
    return sign * (Number(x) - Number(y));
  });
  return out;
}

/** Columns of text; every other one holds numbers. */
export function isTextColumn(key: SortKey): boolean {
  return key === "name" || key === "method";
}

/**
 * A header click: a new column sorts largest first when it holds numbers (the busiest or
 * slowest endpoint on top, as k6 and Locust users expect), A→Z when it holds text; the same
 * column flips direction.
 */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  if (current === null || current.key !== key) {
    return { key, direction: isTextColumn(key) ? "ascending" : "descending" };
  }
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}
