// What the page exposes for browser tests (docs/dashboard-protocol.md; issue 8).

interface LoadForgeProbe {
  /** Snapshots held (deduplicated by seq), the drain's included. */
  snapshots: number;
  /** Snapshots of the load phase held: the charts' points (the drain's is not one). */
  loadSnapshots: number;
  /** Highest seq held, -1 before the first. */
  lastSeq: number;
  /** WebSocket connections opened after the first. */
  reconnects: number;
  /** Messages received over every connection, duplicates included. */
  messages: number;
  /** Times the charts were redrawn (at most once per animation frame). */
  draws: number;
}

interface Window {
  __loadforge: LoadForgeProbe;
}
