import { count, ms, NONE, percent, rate } from "./format.ts";
import type { Level } from "./measures.ts";
import type { RunStore } from "./store.ts";
import { endpointTable, nextSort, type Sort, type SortKey, sortRows } from "./table.ts";

interface Column {
  readonly key: SortKey;
  readonly label: string;
  /** What the column counts over (the button's tooltip). */
  readonly over: string;
  readonly numeric: boolean;
}

function columns(wholeRun: boolean): readonly Column[] {
  const period = wholeRun ? "whole run (final summary)" : "last second";
  return [
    { key: "name", label: "Endpoint", over: "task name", numeric: false },
    { key: "method", label: "Method", over: "HTTP method", numeric: false },
    { key: "requests", label: "Requests", over: wholeRun ? "whole run" : "run so far", numeric: true },
    { key: "rps", label: "RPS", over: wholeRun ? "average over the load phase" : "last second", numeric: true },
    { key: "errorRate", label: "Error %", over: wholeRun ? "whole run" : "run so far", numeric: true },
    { key: "p50", label: "p50", over: period, numeric: true },
    { key: "p95", label: "p95", over: period, numeric: true },
    { key: "p99", label: "p99", over: period, numeric: true },
  ];
}

function cellClass(level: Level | null): string {
  return level === null ? "num" : `num level-${level}`;
}

/** The per-endpoint table: every header a sort button, cells coloured by the legend's rules. */
export function EndpointTableView(props: { store: RunStore; frame: number }) {
  const [sort, setSort] = React.useState<Sort | null>(null);
  const table = React.useMemo(() => endpointTable(props.store), [props.frame]);
  const rows = sortRows(table.rows, sort);
  const cols = columns(table.wholeRun);
  const show = (v: number | null) => (v === null ? NONE : ms(v));
  return (
    <section className="card">
      <h2>Endpoints</h2>
      <p className="explain">
        {table.wholeRun
          ? "The run is over: whole-run values from the final summary (RPS: the average over the load phase; p50/p95/p99: the whole run)."
          : "Requests and error % over the run so far; RPS and p50/p95/p99 of the last second. Click a header to sort."}
      </p>
      <div className="table-wrap">
        <table data-testid="endpoint-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th
                  key={c.key}
                  className={c.numeric ? "num" : ""}
                  aria-sort={sort !== null && sort.key === c.key ? sort.direction : "none"}
                >
                  <button
                    type="button"
                    data-sort={c.key}
                    title={`${c.label}: ${c.over}; click to sort`}
                    onClick={() => setSort((s) => nextSort(s, c.key))}
                  >
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort !== null && sort.key === c.key ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={cols.length} className="num none">no endpoint yet</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.name} data-endpoint={r.name}>
                <td>{r.name}</td>
                <td>
                  <span className="method">{r.method}</span>
                </td>
                <td className="num">{count(r.requests)}</td>
                <td className="num">{r.rps === null ? NONE : rate(r.rps)}</td>
                <td className={cellClass(r.errorLevel)}>{r.errorRate === null ? NONE : percent(r.errorRate)}</td>
                <td className="num">{show(r.p50)}</td>
                <td className={cellClass(r.p95Level)}>{show(r.p95)}</td>
                <td className="num">{show(r.p99)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend">
        <span className="swatch level-good" /> / <span className="swatch level-warn" /> /{" "}
        <span className="swatch level-bad" /> Error %: green below 1 %, amber below 5 %, red from 5 %. p95: with a{" "}
        <code>http_req_duration.p95</code>{" "}
        threshold (known once the run ends), red above its limit and amber above 80 % of it; otherwise compared with the
        p95 of all requests over the same period, amber above 1.5×, red above 2×.
      </p>
    </section>
  );
}
