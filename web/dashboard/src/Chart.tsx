import { appendedPoints } from "./extend.ts";
import type { Figure } from "./figures.ts";
import { keepZoom, type SentRanges } from "./zoom.ts";

const config: Plotly.Config = {
  responsive: true,
  displaylogo: false,
  // Plotly's "reset axes" goes back to the ranges of the chart's first draw (before the run's
  // length was known: [0, 1.5] s), which the page would then keep as a zoom. A double-click
  // autoranges over all the data instead, and later seconds keep extending it (zoom.ts).
  modeBarButtonsToRemove: ["lasso2d", "select2d", "resetScale2d"],
  doubleClick: "autosize",
};

/**
 * One Plotly chart. A second that only adds points (extend.ts) redraws only the traces, with
 * Plotly.animate and no transition: no axis, legend or margin is drawn again, about a quarter
 * of the work of a whole redraw. After a double-click or autoscale, Plotly.extendTraces
 * instead, so that Plotly refits the axes. Anything else goes through Plotly.react. A zoom or
 * pan survives those redraws twice over: layout.uirevision keeps what the mouse did, and
 * `keepZoom` also keeps a range set through Plotly.relayout (which uirevision does not track).
 */
export function Chart(props: { id: string; title: string; explain: string; figure: Figure }) {
  const ref = React.useRef<HTMLDivElement | null>(null);
  const sent = React.useRef<SentRanges>({});
  const drawn = React.useRef<Figure | null>(null);
  const plotly = typeof Plotly === "undefined" ? null : Plotly;
  React.useEffect(() => {
    const el: Plotly.DrawnElement | null = ref.current;
    if (el === null || plotly === null) return;
    const appended = drawn.current === null ? null : appendedPoints(drawn.current, props.figure);
    drawn.current = props.figure;
    if (appended !== null) {
      if (appended.indices.length === 0) return;
      if (el.layout?.xaxis?.autorange === true || el.layout?.yaxis?.autorange === true) {
        // Someone asked Plotly to fit the data (double-click, autoscale): it refits on a redraw.
        void plotly.extendTraces(el, { x: appended.x, y: appended.y }, appended.indices);
      } else {
        // The ranges are the page's (or a zoom): new points need no axis, legend or margin
        // redrawn. Plotly keeps what it is given, so it gets copies.
        const traces = appended.indices.map((i) => props.figure.data[i]);
        void plotly.animate(el, {
          data: traces.map((t) => ({ x: t?.x.slice() ?? [], y: t?.y.slice() ?? [] })),
          traces: appended.indices,
        }, { mode: "immediate", transition: { duration: 0 }, frame: { duration: 0, redraw: false } });
      }
      return;
    }
    const layout = keepZoom(props.figure.layout, el.layout, sent.current);
    sent.current = { x: props.figure.layout.xaxis.range, y: props.figure.layout.yaxis.range };
    // Plotly keeps and changes what it is given (autorange writes the y range into the layout,
    // extendTraces appends to the arrays): it gets copies, so `drawn` stays what the page built.
    void plotly.react(el, structuredClone(props.figure.data), structuredClone(layout), config);
  }, [props.figure]);
  React.useEffect(() => () => {
    const el = ref.current;
    if (el !== null && plotly !== null) plotly.purge(el);
  }, []);
  return (
    <section className="card chart-card">
      <h2>{props.title}</h2>
      <p className="explain">{props.explain}</p>
      {plotly === null
        ? <p className="note warn">Chart unavailable: assets/plotly.min.js did not load.</p>
        : <div id={props.id} className="chart" ref={ref} />}
    </section>
  );
}
