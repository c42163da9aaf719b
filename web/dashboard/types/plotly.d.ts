// Minimal declarations for the parts of Plotly.js 4.1 the dashboard uses. Plotly is the UMD
// global from assets/plotly.min.js (the report's copy, served by the dashboard server).

declare namespace Plotly {
  type Datum = number | null;

  interface Line {
    color?: string;
    width?: number;
    dash?: "solid" | "dot" | "dash" | "dashdot";
    shape?: "linear" | "hv" | "spline";
  }

  /** A scatter trace (lines, filled bands, stacked areas). */
  interface ScatterTrace {
    type: "scatter";
    mode: "lines" | "lines+markers" | "markers";
    name: string;
    /** Stable identity so Plotly.react keeps a trace's legend visibility across updates. */
    uid: string;
    /** Free-form tag; "planned" marks traces drawn whole from the plan (not one point per snapshot). */
    meta?: string;
    x: readonly number[];
    y: readonly Datum[];
    line?: Line;
    fill?: "none" | "tonexty" | "tozeroy";
    fillcolor?: string;
    stackgroup?: string;
    hovertemplate?: string;
    connectgaps?: boolean;
    showlegend?: boolean;
  }

  interface Axis {
    title?: { text: string };
    range?: readonly [number, number];
    autorange?: boolean;
    rangemode?: "normal" | "tozero";
    gridcolor?: string;
    zeroline?: boolean;
    zerolinecolor?: string;
    automargin?: boolean;
    tick0?: number;
    dtick?: number;
    ticksuffix?: string;
  }

  interface Annotation {
    text: string;
    xref: "paper";
    /** "y": `y` is a data value (a label on a horizontal line). */
    yref: "paper" | "y";
    x: number;
    y: number;
    xanchor?: "left" | "center" | "right";
    yanchor?: "top" | "middle" | "bottom";
    showarrow: boolean;
    bgcolor?: string;
    font?: { size?: number; color?: string };
  }

  /** A horizontal line across the plot (x in paper coordinates, y a data value). */
  interface Shape {
    type: "line";
    xref: "paper";
    x0: number;
    x1: number;
    y0: number;
    y1: number;
    line: Line;
  }

  interface Layout {
    uirevision: string;
    xaxis: Axis;
    yaxis: Axis;
    hovermode: "x unified" | "closest" | "x";
    legend: { orientation: "h" | "v"; x: number; y: number; yanchor: "bottom" | "top"; traceorder: "normal" };
    margin: { l: number; r: number; t: number; b: number };
    height: number;
    autosize: boolean;
    paper_bgcolor: string;
    plot_bgcolor: string;
    font: { family: string; size: number; color: string };
    annotations: readonly Annotation[];
    shapes: readonly Shape[];
    showlegend: boolean;
  }

  interface Config {
    responsive?: boolean;
    displaylogo?: boolean;
    modeBarButtonsToRemove?: readonly string[];
    /** What a double-click on the plot does: "reset" goes back to the ranges of the first draw. */
    doubleClick?: false | "reset" | "autosize" | "reset+autosize";
  }

  /** What Plotly leaves on a chart's element: the layout it drew, changed in place by zoom and relayout. */
  interface DrawnElement extends HTMLElement {
    layout?: {
      xaxis?: { range?: unknown; autorange?: unknown };
      yaxis?: { range?: unknown; autorange?: unknown };
      uirevision?: unknown;
    };
  }

  function react(
    root: HTMLElement,
    data: readonly ScatterTrace[],
    layout: Layout,
    config?: Config,
  ): Promise<HTMLElement>;
  /** Appends points to traces `indices` (one array of x and of y per trace) and redraws. */
  function extendTraces(
    root: HTMLElement,
    update: { x: number[][]; y: Datum[][] },
    indices: number[],
  ): Promise<HTMLElement>;
  /**
   * Replaces the points of traces `traces` and draws only them (`redraw: false`: axes, legend
   * and margins stay as drawn, so the ranges must not need to change).
   */
  function animate(
    root: HTMLElement,
    frame: { data: { x: number[]; y: Datum[] }[]; traces: number[] },
    options: {
      mode: "immediate";
      transition: { duration: number };
      frame: { duration: number; redraw: boolean };
    },
  ): Promise<void>;
  function purge(root: HTMLElement): void;
}
