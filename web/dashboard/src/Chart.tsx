import type { Figure } from "./figures.ts";

const config: Plotly.Config = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ["lasso2d", "select2d"],
};

/** One Plotly chart, redrawn with Plotly.react (zoom and pan survive through layout.uirevision). */
export function Chart(props: { id: string; title: string; explain: string; figure: Figure }) {
  const ref = React.useRef<HTMLDivElement | null>(null);
  const plotly = typeof Plotly === "undefined" ? null : Plotly;
  React.useEffect(() => {
    const el = ref.current;
    if (el !== null && plotly !== null) void plotly.react(el, props.figure.data, props.figure.layout, config);
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
