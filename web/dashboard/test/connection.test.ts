import { Connection, type Environment, type SocketHandlers, socketURL } from "../src/connection.ts";
import { RunStore } from "../src/store.ts";
import { assert, assertEquals } from "./assert.ts";
import { hello, snapshotMessage } from "./fixtures.ts";

class FakeSocket {
  closedByPage = false;
  constructor(readonly url: string, readonly handlers: SocketHandlers) {}
  send(message: unknown): void {
    this.handlers.message(JSON.stringify(message));
  }
  close(): void {
    this.closedByPage = true;
  }
}

class FakeEnvironment implements Environment {
  readonly sockets: FakeSocket[] = [];
  readonly timers = new Map<number, { run: () => void; ms: number }>();
  private nextTimer = 1;
  /** The fake clock, ms: `fire()` moves it by the timer's wait. */
  time = 0;
  now(): number {
    return this.time;
  }
  open(url: string, handlers: SocketHandlers) {
    const socket = new FakeSocket(url, handlers);
    this.sockets.push(socket);
    return socket;
  }
  setTimeout(run: () => void, ms: number): number {
    const id = this.nextTimer++;
    this.timers.set(id, { run, ms });
    return id;
  }
  clearTimeout(id: number): void {
    this.timers.delete(id);
  }
  /** Runs the one pending timer and returns its wait, ms. */
  fire(): number {
    const [id, timer] = [...this.timers.entries()][0] ?? [];
    assert(id !== undefined && timer !== undefined, "a timer is pending");
    this.timers.delete(id);
    this.time += timer.ms;
    timer.run();
    return timer.ms;
  }
  get last(): FakeSocket {
    const s = this.sockets[this.sockets.length - 1];
    assert(s !== undefined, "a socket was opened");
    return s;
  }
}

function setUp() {
  const env = new FakeEnvironment();
  const store = new RunStore();
  let changes = 0;
  const connection = new Connection(store, (from) => socketURL("http://127.0.0.1:9000/", from), env, () => changes++);
  connection.start();
  return { env, store, connection, changes: () => changes };
}

Deno.test("connects from 0, goes live on hello, counts messages", () => {
  const { env, connection, store } = setUp();
  assertEquals(env.last.url, "ws://127.0.0.1:9000/ws?from=0");
  assertEquals(connection.status, "connecting");
  env.last.send(hello());
  env.last.send(snapshotMessage(0));
  assertEquals(connection.status, "live");
  assertEquals(connection.messages, 2);
  assertEquals(store.lastSeq, 0);
});

Deno.test("a seq gap closes the socket and reconnects at once from the first missing seq", () => {
  const { env, connection, store } = setUp();
  env.last.send(hello());
  env.last.send(snapshotMessage(0));
  env.last.send(snapshotMessage(1));
  const first = env.last;
  first.send(snapshotMessage(3));
  assert(first.closedByPage, "the socket that lost messages is closed");
  assertEquals(env.sockets.length, 2);
  assertEquals(env.last.url, "ws://127.0.0.1:9000/ws?from=2");
  assertEquals(connection.reconnects, 1);
  assertEquals(connection.status, "reconnecting");
  // Late messages on the old socket are ignored.
  first.send(snapshotMessage(2));
  assertEquals(store.lastSeq, 1);
  env.last.send(hello({ history_from: 2, history_count: 2 }));
  env.last.send(snapshotMessage(2, { backfill: true }));
  env.last.send(snapshotMessage(3, { backfill: true }));
  assertEquals(store.seqs, [0, 1, 2, 3]);
  assertEquals(connection.status, "live");
});

Deno.test("a dropped connection reconnects with backoff 0.5 s doubling to 5 s, reset by hello", () => {
  const { env, connection } = setUp();
  env.last.send(hello());
  env.last.send(snapshotMessage(0));
  const waits: number[] = [];
  for (let i = 0; i < 6; i++) {
    env.last.handlers.closed();
    assertEquals(connection.status, "reconnecting");
    waits.push(env.fire());
  }
  assertEquals(waits, [500, 1000, 2000, 4000, 5000, 5000]);
  assertEquals(env.last.url, "ws://127.0.0.1:9000/ws?from=1");
  assertEquals(connection.reconnects, 6);
  env.last.send(hello({ history_from: 1 }));
  env.last.handlers.closed();
  assertEquals(env.fire(), 500);
});

Deno.test("after final the page is finished and never reconnects", () => {
  const { env, connection } = setUp();
  env.last.send(hello());
  env.last.send({ type: "final", summary: { requests: { total: 0, succeeded: 0, failed: 0 } }, dropped: 0 });
  assertEquals(connection.status, "finished");
  env.last.handlers.closed();
  assertEquals(env.timers.size, 0);
  assertEquals(env.sockets.length, 1);
  assertEquals(connection.status, "finished");
});

Deno.test("replay mode shows replay, also after final", () => {
  const { env, connection } = setUp();
  env.last.send(hello({ mode: "replay", finished: true }));
  assertEquals(connection.status, "replay");
  env.last.send({ type: "final", summary: { requests: { total: 0, succeeded: 0, failed: 0 } }, dropped: 0 });
  assertEquals(connection.status, "replay");
});

Deno.test("unknown or broken frames are counted and ignored", () => {
  const { env, connection, store } = setUp();
  env.last.handlers.message("not json");
  env.last.send({ type: "news" });
  env.last.handlers.message(new Uint8Array(2));
  assertEquals(connection.messages, 3);
  assertEquals(store.hello, null);
});

Deno.test("the socket URL is relative to the page", () => {
  assertEquals(socketURL("http://127.0.0.1:8080/", 0), "ws://127.0.0.1:8080/ws?from=0");
  assertEquals(socketURL("https://example.test/dash/?x=1#top", 7), "wss://example.test/dash/ws?from=7");
});

Deno.test("after 30 s without an answer: unreachable, retried every 10 s, live again on hello", () => {
  const { env, connection } = setUp();
  env.last.send(hello());
  env.last.send(snapshotMessage(0));
  const statuses: string[] = [];
  const waits: number[] = [];
  // The process died: every attempt is refused at once.
  env.last.handlers.closed();
  while (env.time < 60_000) {
    statuses.push(connection.status);
    waits.push(env.fire());
    env.last.handlers.closed();
  }
  assertEquals(waits.slice(0, 9), [500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000]);
  // 27.5 s of failures: still reconnecting; the close at 32.5 s says the process is not answering.
  assertEquals(statuses.slice(0, 9).every((s) => s === "reconnecting"), true);
  assertEquals(statuses[9], "unreachable");
  assertEquals(waits.slice(9), [10_000, 10_000, 10_000]);
  assertEquals(connection.status, "unreachable");
  env.fire();
  env.last.send(hello({ history_from: 1 }));
  assertEquals(connection.status, "live");
  env.last.handlers.closed();
  assertEquals(connection.status, "reconnecting", "the 30 s count starts again");
  assertEquals(env.fire(), 500);
});

Deno.test("a reconnection that lands on another run starts over from its first second", () => {
  const { env, connection, store } = setUp();
  env.last.send(hello());
  for (const seq of [0, 1, 2, 3]) env.last.send(snapshotMessage(seq));
  env.last.handlers.closed();
  env.fire();
  assertEquals(env.last.url, "ws://127.0.0.1:9000/ws?from=4");
  const other = hello({ history_from: 2, history_count: 0 });
  const started = env.sockets.length;
  env.last.send({ ...other, run: { ...other.run, name: "checkout", started_at: "2026-11-29T23:00:00Z" } });
  // Asked for from=4 of the old run, got 2…: the new run is asked for again from 0.
  assertEquals(env.sockets.length, started + 1);
  assertEquals(env.last.url, "ws://127.0.0.1:9000/ws?from=0");
  assertEquals(store.snapshots.length, 0);
  assertEquals(store.newRun, "checkout");
  env.last.send({
    ...other,
    history_from: 0,
    run: { ...other.run, name: "checkout", started_at: "2026-11-29T23:00:00Z" },
  });
  env.last.send(snapshotMessage(0, { backfill: true }));
  assertEquals(store.seqs, [0]);
  assertEquals(store.lost, 0);
  assertEquals(connection.status, "live");
});
