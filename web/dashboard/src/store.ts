// The page's data: every snapshot once, in seq order, plus running totals. Pure (no DOM, no
// socket), so `deno test` drives it with message sequences.

import type { Draining, Final, Hello, Message, Snapshot, SnapshotMessage } from "./protocol.ts";

/** What the connection must do after a message. */
export type Action =
  | { readonly kind: "none" }
  /** A seq is missing: close this socket and open one with `from` = the first missing seq. */
  | { readonly kind: "resync"; readonly from: number }
  /** The run is over (`final`): nothing follows and the page never reconnects. */
  | { readonly kind: "finished" };

export interface EndpointTotals {
  readonly name: string;
  readonly method: string;
  requests: number;
  failed: number;
}

const none: Action = { kind: "none" };

export class RunStore {
  hello: Hello | null = null;
  /** Snapshots in seq order, each seq once: the load phase's and the drain's. */
  readonly snapshots: Snapshot[] = [];
  /**
   * The load phase's snapshots (one per tick): what the charts draw. The drain's snapshot is
   * no second of load (a few ms of finishing what was in flight), so, as in the HTML report,
   * it is left out of the time series and shown as `drain`.
   */
  readonly loadSnapshots: Snapshot[] = [];
  /** The drain after the load phase (phase "drain"), once its snapshot came. */
  drain: Snapshot | null = null;
  /** Set when a hello described another run than the one held (a new run took the port): its name. */
  newRun: string | null = null;
  /** seq of each entry of `snapshots`. */
  readonly seqs: number[] = [];
  /** The first seq not held yet: what a (re)connection asks for with `from`. */
  nextSeq = 0;
  /** Seqs the server no longer had when we asked for them (history_from past `nextSeq`). */
  lost = 0;
  draining: Draining | null = null;
  final: Final | null = null;
  /** delay_ms of the last live (not back-filled) snapshot message, ms. */
  delayMs: number | null = null;
  /** `dropped` as last reported by the current connection, and the sum over closed ones. */
  private droppedNow = 0;
  private droppedBefore = 0;
  /** Whole run so far: requests and failures, overall and per endpoint (plan order). */
  requests = 0;
  failed = 0;
  readonly endpoints = new Map<string, EndpointTotals>();
  /** Failure classes that have counted at least one request in the load phase, in the order first seen (the errors chart's traces). */
  readonly errorClasses: string[] = [];
  /** Bumped on every change, so views can tell whether to redraw. */
  version = 0;

  get lastSeq(): number {
    return this.seqs.length === 0 ? -1 : this.seqs[this.seqs.length - 1] ?? -1;
  }

  /** The last snapshot of the load phase (the drain's is not a second of load). */
  get latest(): Snapshot | null {
    return this.loadSnapshots[this.loadSnapshots.length - 1] ?? null;
  }

  /** Largest active_vus over the load phase's snapshots held, null before the first. */
  get peakActiveVUs(): number | null {
    if (this.loadSnapshots.length === 0) return null;
    return this.loadSnapshots.reduce((m, s) => Math.max(m, s.active_vus), 0);
  }

  /** Updates lost because the page read too slowly, over every connection so far. */
  get dropped(): number {
    return this.droppedBefore + this.droppedNow;
  }

  /** A connection closed: its drop count becomes history (the next one counts from 0). */
  connectionClosed(): void {
    this.droppedBefore += this.droppedNow;
    this.droppedNow = 0;
  }

  apply(message: Message): Action {
    switch (message.type) {
      case "hello":
        return this.applyHello(message);
      case "snapshot":
        return this.applySnapshot(message);
      case "draining":
        this.draining = message;
        this.version++;
        return none;
      case "final":
        this.final = message;
        this.droppedNow = Math.max(this.droppedNow, message.dropped);
        this.version++;
        return { kind: "finished" };
    }
  }

  private applyHello(hello: Hello): Action {
    const previous = this.hello;
    if (previous !== null && !sameRun(previous, hello)) {
      // Another run on the same port: nothing of the old one is merged into it.
      this.reset();
      this.newRun = hello.run.name;
      this.hello = hello;
      this.version++;
      // It was asked for from the old run's next seq: ask again for the new run from its start.
      return hello.history_from > 0 ? { kind: "resync", from: 0 } : none;
    }
    this.hello = hello;
    // The server keeps what it can; seconds it no longer has cannot be asked for again, so
    // skip them rather than reconnect forever.
    if (hello.history_from > this.nextSeq) {
      this.lost += hello.history_from - this.nextSeq;
      this.nextSeq = hello.history_from;
    }
    this.version++;
    return none;
  }

  private applySnapshot(message: SnapshotMessage): Action {
    this.droppedNow = Math.max(this.droppedNow, message.dropped);
    if (message.seq < this.nextSeq) return none;
    if (message.seq > this.nextSeq) return { kind: "resync", from: this.nextSeq };
    const snap = message.snapshot;
    this.snapshots.push(snap);
    if (snap.phase === "drain") this.drain = snap;
    else this.loadSnapshots.push(snap);
    this.seqs.push(message.seq);
    this.nextSeq = message.seq + 1;
    if (!message.backfill && message.delay_ms !== null && message.delay_ms !== undefined) {
      this.delayMs = message.delay_ms;
    }
    this.requests += snap.requests;
    this.failed += snap.failed;
    for (const e of snap.endpoints) {
      const totals = this.endpoints.get(e.name);
      if (totals === undefined) {
        this.endpoints.set(e.name, { name: e.name, method: e.method, requests: e.requests, failed: e.failed });
      } else {
        totals.requests += e.requests;
        totals.failed += e.failed;
      }
    }
    for (const [cls, count] of Object.entries(snap.errors)) {
      if (snap.phase === "load" && count > 0 && !this.errorClasses.includes(cls)) this.errorClasses.push(cls);
    }
    this.version++;
    return none;
  }

  private reset(): void {
    this.snapshots.length = 0;
    this.loadSnapshots.length = 0;
    this.drain = null;
    this.seqs.length = 0;
    this.nextSeq = 0;
    this.lost = 0;
    this.draining = null;
    this.final = null;
    this.delayMs = null;
    this.droppedNow = 0;
    this.droppedBefore = 0;
    this.requests = 0;
    this.failed = 0;
    this.endpoints.clear();
    this.errorClasses.length = 0;
  }
}

/** Whether two hellos describe the same run (a new run may have taken the port): same name and start. */
export function sameRun(a: Hello, b: Hello): boolean {
  return a.run.name === b.run.name && a.run.started_at === b.run.started_at;
}
