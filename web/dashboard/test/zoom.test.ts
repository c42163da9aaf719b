import { buildFigures } from "../src/figures.ts";
import { RunStore } from "../src/store.ts";
import { keepZoom } from "../src/zoom.ts";
import { assertEquals } from "./assert.ts";
import { hello } from "./fixtures.ts";

function layout() {
  const store = new RunStore();
  store.apply(hello());
  return buildFigures(store).latency.layout;
}

Deno.test("a range set by zoom or relayout is kept; the page's own range follows the data", () => {
  const next = layout();
  const ui = next.uirevision;
  const sent = { x: [0, 6.5] as const, y: [0, 1] as const };
  assertEquals(next.yaxis.range, [0, 1], "the page sets the y range too (no data yet: 0 to 1)");
  assertEquals(keepZoom(next, undefined, sent).xaxis.range, [0, 6.5], "first draw");
  const own = keepZoom(next, { xaxis: { range: [0, 6.5] }, uirevision: ui }, sent).xaxis;
  assertEquals([own.range, own.dtick], [[0, 6.5], 1], "not zoomed: the page's range and ticks");
  const zoomed = keepZoom(next, {
    xaxis: { range: [0, 2], autorange: false },
    yaxis: { range: [0, 3], autorange: true },
    uirevision: ui,
  }, sent);
  assertEquals(zoomed.xaxis.range, [0, 2]);
  assertEquals(zoomed.xaxis.autorange, false);
  assertEquals([zoomed.xaxis.dtick, zoomed.xaxis.tick0], [undefined, undefined], "Plotly picks a zoom's ticks");
  assertEquals([zoomed.yaxis.range, zoomed.yaxis.autorange], [undefined, true], "an autoscaled y axis stays so");
  const yZoomed = keepZoom(next, { yaxis: { range: [1, 4], autorange: false }, uirevision: ui }, sent);
  assertEquals(yZoomed.yaxis.range, [1, 4]);
});

Deno.test("a double-click (autosize) autoranges over all the data for good; a new zoom still wins", () => {
  const next = layout();
  const ui = next.uirevision;
  const sent = { x: [0, 6.5] as const };
  // Plotly's double-click relayouts xaxis.autorange: true; the drawn range is the data's.
  const autoscaled = keepZoom(next, { xaxis: { range: [1, 3], autorange: true }, uirevision: ui }, sent);
  assertEquals([autoscaled.xaxis.range, autoscaled.xaxis.autorange], [undefined, true]);
  assertEquals(autoscaled.xaxis.dtick, undefined, "no fixed step over an autorange (labels would vanish)");
  // A later second: the page sends its own range again, the chart stays autoranged.
  const later = keepZoom(layout(), { xaxis: { range: [1, 4], autorange: true }, uirevision: ui }, sent);
  assertEquals([later.xaxis.range, later.xaxis.autorange], [undefined, true]);
  const zoomedAgain = keepZoom(layout(), { xaxis: { range: [2, 3], autorange: false }, uirevision: ui }, sent);
  assertEquals(zoomedAgain.xaxis.range, [2, 3]);
});

Deno.test("a chart drawn for another run keeps none of its zoom", () => {
  const next = layout();
  const kept = keepZoom(next, { xaxis: { range: [0, 2], autorange: false }, uirevision: "another run" }, {
    x: [0, 6.5],
  });
  assertEquals(kept, next);
});
