import { type Connection, type Status, UNREACHABLE_AFTER_MS, UNREACHABLE_BACKOFF_MS } from "./connection.ts";
import { buildFigures } from "./figures.ts";
import type { FrameClock } from "./frame.ts";
import { type CardValue, cardValues } from "./cards.ts";
import { count, ms } from "./format.ts";
import { drainText, progress, stageText, verdict } from "./measures.ts";
import type { RunStore } from "./store.ts";
import { Chart } from "./Chart.tsx";
import { EndpointTableView } from "./EndpointTableView.tsx";

export interface AppProps {
  store: RunStore;
  connection: Connection;
  clock: FrameClock;
  /** Called after each redraw of the charts. */
  drawn: () => void;
}

const statusText: Record<Status, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  unreachable: "not answering",
  finished: "finished",
  replay: "replay",
};

export function App(props: AppProps) {
  const frame = React.useSyncExternalStore(props.clock.subscribe, props.clock.current);
  const { store, connection } = props;
  const figures = React.useMemo(() => buildFigures(store), [frame]);
  React.useEffect(() => {
    props.drawn();
  }, [figures]);
  const run = store.hello?.run ?? null;
  const open = store.hello?.model === "open";
  return (
    <>
      <header className="top">
        <div className="wrap">
          <div className="title-row">
            <div className="title">
              <div className="brand" data-testid="brand">
                {store.hello?.mode === "replay" ? "LoadForge · dashboard replay" : "LoadForge · live dashboard"}
              </div>
              <h1>{run?.name ?? "waiting for the run"}</h1>
              <p className="meta">
                {run === null
                  ? "connecting to the LoadForge server"
                  : `${run.pattern} · ${
                    open ? "open model (arrival rate)" : "closed model (virtual users)"
                  } · ${run.workers} worker${run.workers === 1 ? "" : "s"}`}
              </p>
            </div>
            <span
              className={`pill ${connection.status}`}
              data-testid="connection-status"
              data-status={connection.status}
            >
              {statusText[connection.status]}
            </span>
          </div>
          <TestStatus store={store} connection={connection} />
        </div>
      </header>
      <main className="wrap">
        <Cards store={store} />
        <div className="charts">
          <Chart
            id="chart-throughput"
            title="Throughput"
            explain={open
              ? "Requests finished per second, the failed ones, and the arrival rate the pattern asks for (dashed)."
              : "Requests finished per second, and how many of them failed."}
            figure={figures.throughput}
          />
          <Chart
            id="chart-latency"
            title="Latency percentiles"
            explain="p50, p95 and p99 of each second's complete responses, ms; the shaded bands are the tail. A gap: no response that second."
            figure={figures.latency}
          />
          <Chart
            id="chart-users"
            title={open ? "Virtual users" : "Active users: target vs actual"}
            explain={open
              ? "VUs running an iteration, against the pool (max_vus)."
              : "The whole planned target (dashed) and the VUs actually running."}
            figure={figures.users}
          />
          <Chart
            id="chart-errors"
            title="Errors by class"
            explain="Failed requests per second, stacked by failure class."
            figure={figures.errors}
          />
        </div>
        <EndpointTableView store={store} frame={frame} />
      </main>
      <footer>
        LoadForge dashboard · React, Plotly.js: <a href="assets/LICENSES.txt">licences</a>
      </footer>
    </>
  );
}

function TestStatus(props: { store: RunStore; connection: Connection }) {
  const { store, connection } = props;
  const hello = store.hello;
  const latest = store.latest;
  const elapsed = latest?.elapsed_s ?? 0;
  const total = hello?.run.duration_s ?? 0;
  const stage = hello === null ? null : stageText(hello.stages, elapsed);
  const p = progress(elapsed, total);
  const final = store.final;
  const outcome = final === null ? null : verdict(final.summary);
  return (
    <div className="test-status" data-testid="test-status">
      <div className="status-line">
        {stage !== null && <span className="stage">{stage}</span>}
        <span className="elapsed">{p.text}</span>
        <span
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(p.fraction * 100)}
        >
          <span className="progress-fill" style={{ width: `${(p.fraction * 100).toFixed(1)}%` }} />
        </span>
        {store.draining !== null && final === null && store.drain === null && (
          <span className="state draining">draining ({count(store.draining.in_flight)} in flight)</span>
        )}
        {store.drain !== null && <span className="state drain" data-testid="drain">{drainText(store.drain)}</span>}
        {final !== null && (
          <span className="state finished">{final.summary.interrupted ? "finished (stopped early)" : "finished"}</span>
        )}
        {outcome !== null && outcome.kind === "passed" && (
          <span className="verdict pass">thresholds passed ({outcome.total} of {outcome.total})</span>
        )}
        {outcome !== null && outcome.kind === "failed" && (
          <span className="verdict fail">thresholds failed ({outcome.failed.length} of {outcome.total})</span>
        )}
        {outcome !== null && outcome.kind === "none" && <span className="verdict none">no thresholds</span>}
      </div>
      {connection.status === "unreachable" && (
        <p className="notice warn-text" data-testid="connection-notice">
          The run's process is not answering (no connection for {UNREACHABLE_AFTER_MS / 1000} s; still trying every{" "}
          {UNREACHABLE_BACKOFF_MS / 1000} s). If the run ended, <code>loadforge dashboard RUN_DIR</code> shows it again.
        </p>
      )}
      {store.newRun !== null && (
        <p className="notice" data-testid="new-run-notice">a new run started on this port: {store.newRun}</p>
      )}
      <div className="status-sub">
        {store.delayMs !== null && <span>picture delay {ms(store.delayMs)}</span>}
        {store.dropped > 0 && <span className="warn-text">{count(store.dropped)} updates dropped</span>}
        {store.lost > 0 && <span className="warn-text">{count(store.lost)} s of history no longer on the server</span>}
        {outcome !== null && outcome.kind === "failed" &&
          outcome.failed.map((t) => (
            <span key={t.threshold} className="bad">✗ {t.threshold} (measured {t.measured_text})</span>
          ))}
      </div>
    </div>
  );
}

function Card(props: { testid: string; card: CardValue }) {
  const { card } = props;
  return (
    <div className={`kpi${card.level === null ? "" : " " + card.level}`} data-testid={props.testid}>
      <div className="kpi-label">{card.label}</div>
      <div className="kpi-value">{card.value}</div>
      <div className="kpi-sub">{card.sub}</div>
    </div>
  );
}

function Cards(props: { store: RunStore }) {
  const cards = cardValues(props.store);
  return (
    <section className="kpis" aria-label="current values">
      <Card testid="card-active-users" card={cards.users} />
      <Card testid="card-rps" card={cards.rps} />
      <Card testid="card-p95" card={cards.p95} />
      <Card testid="card-p99" card={cards.p99} />
      <Card testid="card-error-rate" card={cards.errorRate} />
    </section>
  );
}
