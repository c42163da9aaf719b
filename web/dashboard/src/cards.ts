// The five top cards' texts (pure; tested with `deno test`): the last second while the run
// goes on, the whole run from the summary once `final` came.

import { count, ms, NONE, percent, rate } from "./format.ts";
import { errorLevel, hasLatency, type Level, p95Limit, snapshotHasLatency } from "./measures.ts";
import type { RunStore } from "./store.ts";

export interface CardValue {
  readonly label: string;
  readonly value: string;
  readonly sub: string;
  readonly level: Level | null;
}

export interface CardValues {
  readonly users: CardValue;
  readonly rps: CardValue;
  readonly p95: CardValue;
  readonly p99: CardValue;
  readonly errorRate: CardValue;
}

export function cardValues(store: RunStore): CardValues {
  const s = store.latest;
  const summary = store.final?.summary ?? null;

  const users = usersCard(store);

  if (summary !== null) {
    const total = summary.requests.total;
    const measured = hasLatency(total, summary.errors, summary.latency_ms);
    const fraction = total > 0 ? summary.requests.failed / total : null;
    const limit = p95Limit(summary);
    return {
      users,
      rps: { label: "Requests/s", value: rate(summary.rps), sub: "req/s · whole run", level: null },
      p95: {
        label: "p95 latency",
        value: measured ? ms(summary.latency_ms.p95) : NONE,
        sub: limit === null ? "whole run" : `whole run · threshold ${ms(limit)}`,
        level: limit === null || !measured ? null : summary.latency_ms.p95 > limit ? "bad" : "good",
      },
      p99: { label: "p99 latency", value: measured ? ms(summary.latency_ms.p99) : NONE, sub: "whole run", level: null },
      errorRate: {
        label: "Error rate",
        value: fraction === null ? NONE : percent(fraction),
        sub: `whole run · ${count(summary.requests.failed)} of ${count(total)} failed`,
        level: fraction === null ? null : errorLevel(fraction),
      },
    };
  }

  const measured = s !== null && snapshotHasLatency(s);
  const second = s !== null && s.requests > 0 ? s.failed / s.requests : null;
  const soFar = store.requests > 0 ? store.failed / store.requests : null;
  return {
    users,
    rps: {
      label: "Requests/s",
      value: s === null ? NONE : rate(s.rps),
      sub: s === null ? "last second" : `req/s last second · ${count(store.requests)} requests so far`,
      level: null,
    },
    p95: { label: "p95 latency", value: measured ? ms(s.latency_ms.p95) : NONE, sub: "last second", level: null },
    p99: { label: "p99 latency", value: measured ? ms(s.latency_ms.p99) : NONE, sub: "last second", level: null },
    errorRate: {
      label: "Error rate",
      value: second === null ? NONE : percent(second),
      sub: soFar === null
        ? "last second"
        : `last second · so far ${percent(soFar)} (${count(store.failed)} of ${count(store.requests)})`,
      level: second === null ? null : errorLevel(second),
    },
  };
}

/**
 * Active (closed model) or busy (open model) VUs: the last second while the run goes on; once
 * it is over (`final`, or any replay) the run's peak, whether or not a drain or a kill
 * ended it, beside the planned peak (run.peak_vus: the VU pool in the open model).
 */
export function usersCard(store: RunStore): CardValue {
  const s = store.latest;
  const open = store.hello?.model === "open";
  const label = open ? "Busy VUs" : "Active VUs";
  const over = store.final !== null || store.hello?.mode === "replay";
  if (over) {
    const peak = store.peakActiveVUs;
    const planned = store.hello?.run.peak_vus;
    const plan = planned === undefined ? "" : open ? ` · pool ${count(planned)}` : ` · planned ${count(planned)}`;
    return { label, value: peak === null ? NONE : count(peak), sub: `peak${plan}`, level: null };
  }
  return {
    label,
    value: s === null ? NONE : count(s.active_vus),
    sub: s === null
      ? "no snapshot yet"
      : open
      ? `busy of ${count(s.target_vus)} · target ${rate(s.target_rate ?? 0)} it/s`
      : `target ${count(s.target_vus)}`,
    level: null,
  };
}
