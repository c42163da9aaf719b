// The WebSocket side: connect with `from` = the first seq still needed, feed the store,
// reconnect by itself (0.5 s doubling to 5 s; every 10 s once nothing answered for 30 s) and at
// once on a seq gap, stop after `final`.
// The socket and the clock are injected, so `deno test` drives it without a network.

import { parseMessage } from "./protocol.ts";
import { type RunStore, sameRun } from "./store.ts";

/** `unreachable`: reconnecting, but nothing answered for UNREACHABLE_AFTER_MS (the process may be gone). */
export type Status = "connecting" | "live" | "reconnecting" | "unreachable" | "finished" | "replay";

export interface SocketHandlers {
  message(data: unknown): void;
  /** The socket closed or failed to open (called once). */
  closed(): void;
}

export interface Socket {
  close(): void;
}

export interface Environment {
  open(url: string, handlers: SocketHandlers): Socket;
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** A clock in ms (Date.now in the browser). */
  now(): number;
}

/** First and largest wait before reconnecting, ms. */
export const FIRST_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 5000;
/**
 * After this long without a hello the run's process is taken as not answering (it crashed,
 * was killed, or ended while the page was away): the page says so and retries less often, ms.
 */
export const UNREACHABLE_AFTER_MS = 30_000;
/** The wait between attempts once the process is not answering, ms. */
export const UNREACHABLE_BACKOFF_MS = 10_000;

export class Connection {
  status: Status = "connecting";
  /** Connections opened after the first. */
  reconnects = 0;
  /** Messages received over every connection (duplicates and unknown types included). */
  messages = 0;
  /** The wait before the next reconnection after a close, ms. */
  backoffMs = FIRST_BACKOFF_MS;
  private socket: Socket | null = null;
  private opened = 0;
  private timer: number | null = null;
  private finished = false;
  private lastResyncFrom = -1;
  /** When the connection was lost (env.now(), ms); null while connected or before the first loss. */
  private downSince: number | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly url: (from: number) => string,
    private readonly env: Environment,
    private readonly changed: () => void,
  ) {}

  start(): void {
    this.open();
  }

  private open(): void {
    this.timer = null;
    if (this.opened > 0) this.reconnects++;
    this.opened++;
    let socket: Socket | null = null;
    const handlers: SocketHandlers = {
      message: (data) => {
        if (socket !== null && socket === this.socket) this.receive(data);
      },
      closed: () => {
        if (socket !== null && socket === this.socket) this.closed();
      },
    };
    socket = this.env.open(this.url(this.store.nextSeq), handlers);
    this.socket = socket;
  }

  private receive(data: unknown): void {
    this.messages++;
    const message = typeof data === "string" ? parseMessage(data) : null;
    if (message === null) {
      this.changed();
      return;
    }
    const before = this.store.hello;
    const action = this.store.apply(message);
    if (message.type === "hello") {
      // Another run: the resync guard's memory is about the old one's seqs.
      if (before !== null && !sameRun(before, message)) this.lastResyncFrom = -1;
      this.backoffMs = FIRST_BACKOFF_MS;
      this.downSince = null;
      this.status = message.mode === "replay" ? "replay" : "live";
    }
    switch (action.kind) {
      case "finished":
        this.finished = true;
        if (this.status !== "replay") this.status = "finished";
        break;
      case "resync":
        this.resync(action.from);
        break;
      case "none":
        break;
    }
    this.changed();
  }

  /** A seq gap: this socket lost messages; ask again from the first missing one. */
  private resync(from: number): void {
    this.detach();
    this.status = "reconnecting";
    // At once, unless the last attempt already asked for the same seq and got a gap again.
    if (from !== this.lastResyncFrom) {
      this.lastResyncFrom = from;
      this.open();
    } else {
      this.schedule();
    }
  }

  private closed(): void {
    this.socket = null;
    this.store.connectionClosed();
    if (this.finished) return;
    const now = this.env.now();
    this.downSince ??= now;
    this.status = now - this.downSince >= UNREACHABLE_AFTER_MS ? "unreachable" : "reconnecting";
    this.schedule();
    this.changed();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = this.status === "unreachable" ? UNREACHABLE_BACKOFF_MS : this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.timer = this.env.setTimeout(() => this.open(), wait);
  }

  private detach(): void {
    const socket = this.socket;
    this.socket = null;
    this.store.connectionClosed();
    socket?.close();
  }

  /** Stops for good (page unload, tests). */
  stop(): void {
    this.finished = true;
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.detach();
  }
}

/** The socket URL, relative to the page: http→ws, https→wss, same host and path prefix. */
export function socketURL(page: string, from: number): string {
  const url = new URL("ws", page);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = `?from=${from}`;
  url.hash = "";
  return url.toString();
}
