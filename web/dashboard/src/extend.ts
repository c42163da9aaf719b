// Drawing a second as new points instead of a whole new figure (pure; tested with `deno test`).
//
// A full `Plotly.react` of the four charts each second took about 45 ms of the browser's main
// thread per second (Benchmarks/dashboard-page-cost.py): enough to cost a flat-out load test
// on the same two cores a few percent. Most seconds change nothing but the points at the end
// of each trace, which Chart.tsx then draws without redrawing axes, legend or margins.

import type { Figure } from "./figures.ts";

/** The points to append, in `Plotly.extendTraces` form: one array per trace in `indices`. */
export interface Appended {
  readonly x: number[][];
  readonly y: Plotly.Datum[][];
  readonly indices: number[];
}

function sameValues<T>(a: readonly T[], b: readonly T[], count: number): boolean {
  for (let i = 0; i < count; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** A trace without its points: what must not change for an append to be enough. */
function style(trace: Plotly.ScatterTrace): string {
  const { x: _x, y: _y, ...rest } = trace;
  return JSON.stringify(rest);
}

/**
 * What `next` adds to `drawn` when it only appends points: the layout and every trace's
 * style are the same, and each trace's old points are a prefix of its new ones. Null when
 * anything else changed (a new trace, a restyle, a new axis end, threshold lines, a point
 * that changed value): the chart then needs a full `Plotly.react`. An empty `indices` means
 * nothing to draw.
 */
export function appendedPoints(drawn: Figure, next: Figure): Appended | null {
  if (drawn === next) return { x: [], y: [], indices: [] };
  if (drawn.data.length !== next.data.length) return null;
  if (JSON.stringify(drawn.layout) !== JSON.stringify(next.layout)) return null;
  const appended: Appended = { x: [], y: [], indices: [] };
  for (let i = 0; i < next.data.length; i++) {
    const old = drawn.data[i];
    const now = next.data[i];
    if (old === undefined || now === undefined) return null;
    const count = old.x.length;
    if (old.y.length !== count || now.x.length !== now.y.length || now.x.length < count) return null;
    if (style(old) !== style(now)) return null;
    if (!sameValues(old.x, now.x, count) || !sameValues(old.y, now.y, count)) return null;
    if (now.x.length === count) continue;
    appended.x.push(now.x.slice(count));
    appended.y.push(now.y.slice(count));
    appended.indices.push(i);
  }
  return appended;
}
