// Entry point: wires the store, the socket and React together. React, ReactDOM and Plotly are
// the UMD globals loaded by index.html before this bundle.

import { App } from "./App.tsx";
import { Connection, type Environment, socketURL } from "./connection.ts";
import { FrameClock } from "./frame.ts";
import { RunStore } from "./store.ts";

const store = new RunStore();
const clock = new FrameClock((run) => globalThis.requestAnimationFrame(run));

const probe: LoadForgeProbe = { snapshots: 0, loadSnapshots: 0, lastSeq: -1, reconnects: 0, messages: 0, draws: 0 };
globalThis.window.__loadforge = probe;

const browser: Environment = {
  open(url, handlers) {
    const ws = new WebSocket(url);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      handlers.closed();
    };
    ws.onmessage = (event) => handlers.message(event.data);
    ws.onclose = close;
    ws.onerror = close;
    return { close: () => ws.close() };
  },
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
  now: () => Date.now(),
};

const connection = new Connection(store, (from) => socketURL(globalThis.location.href, from), browser, () => {
  probe.snapshots = store.snapshots.length;
  probe.loadSnapshots = store.loadSnapshots.length;
  probe.lastSeq = store.lastSeq;
  probe.reconnects = connection.reconnects;
  probe.messages = connection.messages;
  clock.notify();
});

const root = document.getElementById("root");
if (root !== null) {
  ReactDOM.createRoot(root).render(
    <App
      store={store}
      connection={connection}
      clock={clock}
      drawn={() => {
        probe.draws++;
      }}
    />,
  );
}
connection.start();
