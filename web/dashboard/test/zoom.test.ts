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
  const sent = { x: [0, 6.5] as const };
  assertEquals(keepZoom(next, undefined, sent).xaxis.range, [0, 6.5], "first draw");
  assertEquals(keepZoom(next, { xaxis: { range: [0, 6.5] } }, sent).xaxis.range, [0, 6.5], "not zoomed");
  const zoomed = keepZoom(next, {
    xaxis: { range: [0, 2], autorange: false },
    yaxis: { range: [0, 3], autorange: true },
  }, sent);
  assertEquals(zoomed.xaxis.range, [0, 2]);
  assertEquals(zoomed.xaxis.autorange, false);
  assertEquals(zoomed.yaxis.range, undefined, "an autoranged y axis stays autoranged");
  const yZoomed = keepZoom(next, { yaxis: { range: [1, 4], autorange: false } }, sent);
  assertEquals(yZoomed.yaxis.range, [1, 4]);
  const autoscaled = keepZoom(next, { xaxis: { range: [0, 3.2], autorange: true } }, sent);
  assertEquals([autoscaled.xaxis.range, autoscaled.xaxis.autorange], [undefined, true]);
});
