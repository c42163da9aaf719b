// Keeping a chart's zoom while data arrives (pure; tested with `deno test`).

/** The axis ranges the page itself last gave Plotly (undefined: autorange). */
export interface SentRanges {
  readonly x?: readonly [number, number] | undefined;
  readonly y?: readonly [number, number] | undefined;
}

type DrawnAxis = { range?: unknown; autorange?: unknown } | undefined;

function isRange(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "number" && typeof value[1] === "number";
}

function same(a: readonly [number, number], b: readonly [number, number]): boolean {
  return Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;
}

/**
 * The page's fixed ticks (`tick0`, `dtick`: a step chosen for the whole run's span) would leave
 * a zoomed or autoranged axis with one label or none: Plotly picks the ticks there.
 */
function withoutFixedTicks(axis: Plotly.Axis): Plotly.Axis {
  const { tick0: _tick0, dtick: _dtick, range: _range, autorange: _autorange, ...rest } = axis;
  return rest;
}

function keepAxis(next: Plotly.Axis, drawn: DrawnAxis, sent: readonly [number, number] | undefined): Plotly.Axis {
  if (drawn === undefined) return next;
  // Somebody zoomed: the drawn range is fixed and is not the one the page set last.
  if (drawn.autorange !== true && isRange(drawn.range) && (sent === undefined || !same(drawn.range, sent))) {
    return { ...withoutFixedTicks(next), range: [drawn.range[0], drawn.range[1]], autorange: false };
  }
  // Somebody asked for autoscale (a double-click, the modebar) over the range the page had
  // fixed: every later second keeps extending it.
  if (drawn.autorange === true && sent !== undefined) {
    return { ...withoutFixedTicks(next), autorange: true };
  }
  return next;
}

/**
 * `next` with the axis ranges of the chart as drawn (`drawn`, Plotly's `el.layout`) wherever
 * they differ from what the page last sent: a zoom by mouse or by `Plotly.relayout` stays.
 * A chart drawn for another run (another `uirevision`) keeps nothing.
 */
export function keepZoom(
  next: Plotly.Layout,
  drawn: { xaxis?: DrawnAxis; yaxis?: DrawnAxis; uirevision?: unknown } | undefined,
  sent: SentRanges,
): Plotly.Layout {
  if (drawn === undefined || drawn.uirevision !== next.uirevision) return next;
  return {
    ...next,
    xaxis: keepAxis(next.xaxis, drawn.xaxis, sent.x),
    yaxis: keepAxis(next.yaxis, drawn.yaxis, sent.y),
  };
}
