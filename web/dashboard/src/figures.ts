// The four charts as Plotly figures, built from the store alone (pure: `deno test` checks
// that every trace gains one point per snapshot). Colours and layout follow the HTML report
// (HTMLReportFigures.swift) so the live page and the report of the same run look alike.

import type { RunStore } from "./store.ts";
import { failedPerSecond, snapshotHasLatency } from "./measures.ts";
import type { Latency, Snapshot } from "./protocol.ts";

export interface Figure {
  readonly data: readonly Plotly.ScatterTrace[];
  readonly layout: Plotly.Layout;
}

export interface Figures {
  readonly throughput: Figure;
  readonly latency: Figure;
  readonly users: Figure;
  readonly errors: Figure;
}

export const colours = {
  blue: "#0b6bcb",
  orange: "#e69f00",
  red: "#c0392b",
  grey: "#8a94a6",
  green: "#1e8e3e",
} as const;

/** Per failure class, in RequestOutcome.failureClasses order (as the report colours them). */
const classOrder = [
  "http_4xx",
  "http_5xx",
  "check_failed",
  "connect_timeout",
  "response_timeout",
  "connection_refused",
  "connection_reset",
  "dns_failure",
  "tls_error",
  "protocol_error",
  "client_limit",
  "aborted",
];
const classColours = [
  "#d55e00",
  "#cc79a7",
  "#e69f00",
  "#0072b2",
  "#56b4e9",
  "#009e73",
  "#f0e442",
  "#7f3c8d",
  "#999999",
  "#a6761d",
  "#1b9e77",
  "#666666",
  "#e7298a",
];

export function classColour(cls: string, seenIndex: number): string {
  const known = classOrder.indexOf(cls);
  const i = known >= 0 ? known : classOrder.length + seenIndex;
  return classColours[i % classColours.length] ?? colours.red;
}

/**
 * Plotly keeps zoom, pan and legend clicks across `Plotly.react` while this stays the same:
 * one value per run, so a new run on the same port starts unzoomed.
 */
export function uiRevision(store: RunStore): string {
  const run = store.hello?.run;
  return run === undefined ? "loadforge-dashboard" : `loadforge-dashboard ${run.name} ${run.started_at ?? ""}`;
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

function line(
  uid: string,
  name: string,
  x: readonly number[],
  y: readonly Plotly.Datum[],
  colour: string,
  hover: string,
  extra: Partial<Plotly.ScatterTrace> = {},
): Plotly.ScatterTrace {
  return {
    type: "scatter",
    mode: x.length > 1 ? "lines" : "lines+markers",
    name,
    uid,
    x,
    y,
    line: { color: colour, width: 2, ...(extra.line ?? {}) },
    hovertemplate: hover,
    connectgaps: false,
    ...withoutLine(extra),
  };
}

function withoutLine(extra: Partial<Plotly.ScatterTrace>): Partial<Plotly.ScatterTrace> {
  const { line: _line, ...rest } = extra;
  return rest;
}

/** A round tick step giving at most 12 ticks over `span` s (HTMLReportFigures.tickStep). */
export function tickStep(span: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
  return steps.find((s) => span / s <= 12) ?? 86400;
}

/** The round numbers an axis may end at, per power of ten. */
const roundTops = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The y axis's end: 5 % above the highest point (of the stacked sum for stacked traces, and of
 * every shape's line), rounded up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten;
 * 1 with no positive value. The page sets it rather than letting Plotly autorange each second,
 * so a second that only adds points leaves the layout as it was (extend.ts), and the axis only
 * moves when the data outgrows it.
 */
export function yAxisTop(data: readonly Plotly.ScatterTrace[], shapes: readonly Plotly.Shape[] = []): number {
  let max = 0;
  const stacks = new Map<string, number[]>();
  for (const trace of data) {
    let stack: number[] | null = null;
    if (trace.stackgroup !== undefined) {
      stack = stacks.get(trace.stackgroup) ?? [];
      stacks.set(trace.stackgroup, stack);
    }
    trace.y.forEach((y, i) => {
      if (y === null || !Number.isFinite(y)) return;
      if (stack === null) {
        max = Math.max(max, y);
      } else {
        stack[i] = (stack[i] ?? 0) + y;
        max = Math.max(max, stack[i] ?? 0);
      }
    });
  }
  for (const shape of shapes) max = Math.max(max, shape.y0, shape.y1);
  if (!(max > 0)) return 1;
  const wanted = max * 1.05;
  const power = 10 ** Math.floor(Math.log10(wanted));
  const top = roundTops.find((r) => r * power >= wanted * (1 - 1e-12)) ?? 10;
  return round(top * power, 12);
}

function layout(
  store: RunStore,
  yTitle: string,
  xEnd: number,
  data: readonly Plotly.ScatterTrace[],
  annotations: readonly Plotly.Annotation[] = [],
  shapes: readonly Plotly.Shape[] = [],
): Plotly.Layout {
  return {
    uirevision: uiRevision(store),
    xaxis: {
      title: { text: "seconds since the test started" },
      range: [0, xEnd],
      gridcolor: "#e6e9ef",
      zeroline: false,
      automargin: true,
      tick0: 0,
      dtick: tickStep(xEnd),
    },
    yaxis: {
      title: { text: yTitle },
      range: [0, yAxisTop(data, shapes)],
      gridcolor: "#e6e9ef",
      rangemode: "tozero",
      automargin: true,
      zerolinecolor: "#c9ced8",
    },
    hovermode: "x unified",
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", traceorder: "normal" },
    margin: { l: 60, r: 20, t: 40, b: 50 },
    height: 320,
    autosize: true,
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    font: {
      family: "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
      size: 12,
      color: "#1f2933",
    },
    annotations,
    shapes,
    showlegend: true,
  };
}

/**
 * Lines for the run's thresholds on `metric` over all requests (not those of one endpoint,
 * `http_req_duration{name:home}…`), green when passed, red when not; known once `final` came.
 * A limit over twice `dataMax` would flatten the data into the axis: it is named in a note at
 * the top right instead (as the HTML report does).
 */
export function thresholdLines(
  store: RunStore,
  metric: "http_req_duration" | "rps",
  dataMax: number,
): { shapes: Plotly.Shape[]; notes: Plotly.Annotation[] } {
  const shapes: Plotly.Shape[] = [];
  const notes: Plotly.Annotation[] = [];
  const farAbove: string[] = [];
  let farPassed = true;
  for (const t of store.final?.summary.thresholds ?? []) {
    if (t.metric !== metric || t.threshold.includes("{")) continue;
    const colour = t.passed ? colours.green : colours.red;
    if (dataMax > 0 && t.limit > 2 * dataMax) {
      farAbove.push(t.threshold);
      farPassed &&= t.passed;
      continue;
    }
    const y = round(t.limit, 3);
    shapes.push({
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      y0: y,
      y1: y,
      line: { color: colour, width: 1.5, dash: "dash" },
    });
    notes.push({
      text: "threshold: " + t.threshold,
      xref: "paper",
      yref: "y",
      x: 1,
      y,
      xanchor: "right",
      yanchor: "bottom",
      showarrow: false,
      font: { size: 11, color: colour },
    });
  }
  if (farAbove.length > 0) {
    notes.push({
      text: "threshold: " + farAbove.join(", ") + " (above this scale)",
      xref: "paper",
      yref: "paper",
      x: 1,
      y: 1,
      xanchor: "right",
      yanchor: "top",
      showarrow: false,
      bgcolor: "rgba(255,255,255,0.85)",
      font: { size: 11, color: farPassed ? colours.green : colours.red },
    });
  }
  return { shapes, notes };
}

function centreNote(text: string, colour: string): Plotly.Annotation {
  return { text, xref: "paper", yref: "paper", x: 0.5, y: 0.5, showarrow: false, font: { size: 14, color: colour } };
}

/** The x axis spans the planned run (so the live charts fill up from the left), or more if the load phase runs past it. */
export function xEnd(store: RunStore): number {
  const planned = store.hello?.run.duration_s ?? 0;
  const last = store.latest?.elapsed_s ?? 0;
  const tick = store.hello?.run.tick_s ?? 1;
  return round(Math.max(planned, last, tick) + tick / 2, 3);
}

/** One point per snapshot of the load phase; the drain is shown in the test status, not as a second of load. */
export function buildFigures(store: RunStore): Figures {
  const snaps = store.loadSnapshots;
  const x = snaps.map((s) => round(s.elapsed_s, 3));
  const open = store.hello?.model === "open";
  const end = xEnd(store);
  return {
    throughput: throughput(store, snaps, x, open, end),
    latency: latency(store, snaps, x, open, end),
    users: users(store, snaps, x, open, end),
    errors: errors(store, snaps, x, end),
  };
}

function plannedTarget(store: RunStore, name: string, hover: string): Plotly.ScatterTrace {
  const curve = store.hello?.target_curve ?? [];
  return line(
    "planned",
    name,
    curve.map((p) => round(p.elapsed_s, 3)),
    curve.map((p) => p.target),
    colours.grey,
    hover,
    { meta: "planned", line: { dash: "dash", width: 1.5 } },
  );
}

function throughput(store: RunStore, snaps: readonly Snapshot[], x: number[], open: boolean, end: number): Figure {
  const data: Plotly.ScatterTrace[] = [
    line("rps", "requests/s", x, snaps.map((s) => round(s.rps, 1)), colours.blue, "%{y:.1f} req/s"),
    line(
      "failed",
      "of which failed",
      x,
      snaps.map((s) => round(failedPerSecond(s), 1)),
      colours.red,
      "%{y:.1f} failed/s",
    ),
  ];
  if (open) {
    // The rate the pattern applied each second, one point per snapshot like every other trace.
    data.push(
      line(
        "target-rate",
        "target (iterations/s)",
        x,
        snaps.map((s) => round(s.target_rate ?? 0, 1)),
        colours.grey,
        "%{y:.1f} it/s",
        { line: { dash: "dash" } },
      ),
    );
  }
  const limits = thresholdLines(store, "rps", snaps.reduce((m, s) => Math.max(m, s.rps), 0));
  return { data, layout: layout(store, "requests per second", end, data, limits.notes, limits.shapes) };
}

function latency(store: RunStore, snaps: readonly Snapshot[], x: number[], open: boolean, end: number): Figure {
  // A second without a complete response has no latency: a gap, not a fake 0 ms.
  const series = (pick: (l: Latency) => number) =>
    snaps.map((s) => (snapshotHasLatency(s) ? round(pick(s.latency_ms), 3) : null));
  const data: Plotly.ScatterTrace[] = [
    line("p50", "p50 (median)", x, series((l) => l.p50), colours.blue, "%{y:.2f} ms"),
    line("p95", "p95", x, series((l) => l.p95), colours.orange, "%{y:.2f} ms", {
      fill: "tonexty",
      fillcolor: "rgba(230,159,0,0.15)",
    }),
    line("p99", "p99", x, series((l) => l.p99), colours.red, "%{y:.2f} ms", {
      fill: "tonexty",
      fillcolor: "rgba(192,57,43,0.10)",
    }),
  ];
  if (open) {
    data.push(
      line(
        "service-p95",
        "service time p95",
        x,
        snaps.map((s) => (s.service_ms !== undefined && snapshotHasLatency(s) ? round(s.service_ms.p95, 3) : null)),
        colours.green,
        "%{y:.2f} ms",
        { line: { dash: "dot" } },
      ),
    );
  }
  const notes = snaps.length > 0 && !snaps.some(snapshotHasLatency)
    ? [centreNote("No request got a response yet, so there is no latency to show", colours.red)]
    : [];
  const limits = thresholdLines(store, "http_req_duration", snaps.reduce((m, s) => Math.max(m, s.latency_ms.p99), 0));
  return { data, layout: layout(store, "latency (ms)", end, data, [...notes, ...limits.notes], limits.shapes) };
}

function users(store: RunStore, snaps: readonly Snapshot[], x: number[], open: boolean, end: number): Figure {
  const active = snaps.map((s) => s.active_vus);
  const data: Plotly.ScatterTrace[] = open
    ? [
      line("active", "VUs busy", x, active, colours.green, "%{y} VUs"),
      line("pool", "VU pool (max_vus)", x, snaps.map((s) => s.target_vus), colours.grey, "%{y} VUs", {
        line: { dash: "dash" },
      }),
    ]
    : [
      line("active", "actual (running)", x, active, colours.green, "%{y} VUs"),
      plannedTarget(store, "target (planned)", "target %{y} VUs"),
    ];
  return { data, layout: layout(store, "virtual users", end, data) };
}

function errors(store: RunStore, snaps: readonly Snapshot[], x: number[], end: number): Figure {
  if (store.errorClasses.length === 0) {
    const data = [line("no-failures", "failed requests", x, snaps.map((s) => s.failed), colours.red, "%{y} failed")];
    const notes = snaps.length > 0 ? [centreNote("No request failed so far", colours.green)] : [];
    return { data, layout: layout(store, "failed requests", end, data, notes) };
  }
  // One trace per class ever seen, zero-filled over every second, stacked.
  const data = store.errorClasses.map((cls, i) => {
    const colour = classColour(cls, i);
    return line(`class-${cls}`, cls, x, snaps.map((s) => s.errors[cls] ?? 0), colour, `%{y} ${cls}`, {
      stackgroup: "errors",
      fillcolor: colour,
    });
  });
  return { data, layout: layout(store, "failed requests", end, data) };
}
