import type { Figure } from "./figures.ts";
import { keepZoom, type SentRanges } from "./zoom.ts";

const config: Plotly.Config = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ["lasso2d", "select2d"],
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
