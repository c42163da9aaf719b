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
 * One Plotly chart, redrawn with Plotly.react. A zoom or pan survives the updates twice over:
 * layout.uirevision keeps what the mouse did, and `keepZoom` also keeps a range set through
 * Plotly.relayout (which uirevision does not track).
 */
export function Chart(props: { id: string; title: string; explain: string; figure: Figure }) {
  const ref = React.useRef<HTMLDivElement | null>(null);
  const sent = React.useRef<SentRanges>({});
  const plotly = typeof Plotly === "undefined" ? null : Plotly;
  React.useEffect(() => {
    const el: Plotly.DrawnElement | null = ref.current;
    if (el === null || plotly === null) return;
    const layout = keepZoom(props.figure.layout, el.layout, sent.current);
    sent.current = { x: props.figure.layout.xaxis.range, y: props.figure.layout.yaxis.range };
    void plotly.react(el, props.figure.data, layout, config);
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
