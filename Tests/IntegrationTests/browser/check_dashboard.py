#!/usr/bin/env python3
"""Opens LoadForge's live dashboard in headless Chromium (Debian's /usr/bin/chromium driven by
Playwright from PyPI; no browser download) while a real run is going on, and checks it as a
person watching it would see it.

usage: check_dashboard.py URL SCREENSHOT_DIR [--watch-only]

The page's WebSocket goes through Playwright's WebSocket route (a transparent relay to the real
server), which lets the script see every server message and cut the connection on purpose.

Checks:
- the page connects (connection status "live"), shows the run, and its header says "live dashboard";
- every trace of every chart (throughput, latency, users, errors) has exactly one point per
  load-phase snapshot received (window.__loadforge.loadSnapshots; the drain's snapshot is no
  second of load and is not drawn), and the snapshots grow by about one per second;
- every live snapshot message carries delay_ms < 100 (end of the second → on the wire);
- the endpoint table sorts: a first click on a text column (name) sorts A→Z, on a number
  column (requests) largest first; a second click reverses each;
- a zoomed chart keeps its zoom while data arrives; a double-click on its plot area then
  autoranges it over all the data (the x range covers the first and the last point, with
  several tick labels), and it keeps covering the last point as seconds arrive;
- a forced drop of the WebSocket (closed, and new connections refused for ~2.5 s) shows
  "reconnecting", then the page reconnects by itself asking for the first second it missed
  (from=N) and back-fills: no gap in the seconds, charts still one point per load snapshot;
- after the run's final message: status "finished", no further connection attempt; the
  snapshots held are the load snapshots plus at most one drain snapshot, which (when there is
  one) the test status describes ("drain … finished, … aborted"); the Active VUs card shows the
  run's peak (the largest point of the users chart) with a "peak · planned N" sub-line;
- no console error, warning or page error.

Screenshots (SCREENSHOT_DIR): dashboard-live.png (1280 px), dashboard-reconnected.png,
dashboard-narrow.png (760 px), dashboard-finished.png.

--watch-only: open the page and keep it until the run's final message, with no checks but the
console, no WebSocket relay and a once-a-second poll (for the throughput-overhead benchmark).
With --wait-for-server as well, Chromium starts first, writes "ready" to stderr, and the page
is opened once URL's port accepts connections: the benchmark starts the run after "ready",
so the browser's own start-up is not counted against the dashboard (a user's browser is
already running; opening the page still is).

Prints one JSON object with what it found; exits 0 when every check passed, 1 when one failed,
2 when Playwright or Chromium is missing.
"""

import json
import os
import sys
import time
import urllib.parse

CHROMIUM = os.environ.get("LOADFORGE_CHROMIUM", "/usr/bin/chromium")
CHARTS = ["chart-throughput", "chart-latency", "chart-users", "chart-errors"]
CARDS = ["card-active-users", "card-rps", "card-p95", "card-p99", "card-error-rate"]


def descendants(root: int) -> list[int]:
    """`root` and every process below it (from /proc/PID/stat's parent field)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of `pids` (fields 14 and 15 of /proc/PID/stat), in s."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wait_for_port(url: str, seconds: float) -> None:
    """Returns once URL's host and port accept a TCP connection (polled every 50 ms), or after `seconds`."""
    import socket

    parts = urllib.parse.urlparse(url)
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection((parts.hostname, parts.port or 80), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    watch_only = "--watch-only" in sys.argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    url, outdir = args
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: python3 -m pip install playwright (.ci/run installs it)", file=sys.stderr)
        return 2
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} not found: apt-get install -y chromium (scripts/install-deps.sh installs it)", file=sys.stderr)
        return 2
    os.makedirs(outdir, exist_ok=True)

    found = {"problems": [], "console": [], "connections": [], "live_delays_ms": [], "sorts": {}}
    problems = found["problems"]
    relay = {"block_until": 0.0, "routes": []}

    def on_route(ws):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(ws.url).query)
        found["connections"].append({"at": time.time(), "from": int(query.get("from", ["0"])[0])})
        if time.time() < relay["block_until"]:
            ws.close(code=1011, reason="test: refused while the connection is down")
            return
        server = ws.connect_to_server()

        def from_server(message):
            if isinstance(message, str):
                try:
                    body = json.loads(message)
                except ValueError:
                    problems.append(f"server message is not JSON: {message[:80]}")
                    body = {}
                if body.get("type") == "snapshot" and not body.get("backfill"):
                    found["live_delays_ms"].append(body.get("delay_ms"))
            ws.send(message)

        server.on_message(from_server)
        ws.on_message(lambda message: server.send(message))
        relay["routes"].append((ws, server))

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("console", lambda m: found["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: found["console"].append(f"pageerror: {e}"))
        if not watch_only:
            # Watching only (the throughput benchmark), the page talks to the server directly: no
            # relay through Playwright adding its own work to every message.
            page.route_web_socket("**/ws*", on_route)
        if "--wait-for-server" in sys.argv:
            print("ready", file=sys.stderr, flush=True)
            wait_for_port(url, 120)
        # What the page costs this machine: the CPU of this script, Playwright's driver and every
        # Chromium process, from opening the page (to its first chart drawn) and to the end.
        cpu_before, wall_before = cpu_seconds(descendants(os.getpid())), time.monotonic()
        page.goto(url)

        def status():
            return page.get_attribute('[data-testid="connection-status"]', "data-status")

        def state():
            return page.evaluate("() => Object.assign({}, window.__loadforge || {})")

        def points():
            return page.evaluate(
                """(ids) => ids.map(id => {
                     const el = document.getElementById(id);
                     return { id, traces: el && el.data ? el.data.map(t => ({ name: t.name, n: (t.x || []).length })) : null };
                   })""",
                CHARTS,
            )

        def wait_for(predicate, seconds, what):
            deadline = time.time() + seconds
            while time.time() < deadline:
                if predicate():
                    return True
                page.wait_for_timeout(100)
            problems.append(f"timed out after {seconds} s waiting for {what}")
            return False

        if watch_only:
            # Polled in the page once a second (not 10 calls a second over the DevTools protocol):
            # the benchmark measures the page, not this script.
            try:
                page.wait_for_function("() => (window.__loadforge?.draws ?? 0) > 1", polling=100, timeout=600_000)
                opened = cpu_seconds(descendants(os.getpid()))
                page.wait_for_function(
                    "() => document.querySelector('[data-testid=\"connection-status\"]')?.dataset.status === 'finished'",
                    polling=1000, timeout=600_000)
                found["cpu_s"] = {
                    "opening": round(opened - cpu_before, 2),
                    "total": round(cpu_seconds(descendants(os.getpid())) - cpu_before, 2),
                    "seconds": round(time.monotonic() - wall_before, 1),
                }
            except Exception as error:  # noqa: BLE001 - reported, not raised
                problems.append(f"the final message did not come: {error}")
            found["state"] = state()
            browser.close()
            print(json.dumps(found, indent=1))
            return 0 if not found["console"] and not problems else 1

        wait_for(lambda: status() == "live", 20, "status live")
        wait_for(lambda: state().get("snapshots", 0) >= 3, 20, "3 snapshots")
        brand = page.query_selector('[data-testid="brand"]')
        found["brand"] = brand.inner_text() if brand else None
        if brand is None or "live dashboard" not in found["brand"].lower():
            problems.append(f"header during a live run: {found['brand']!r}")

        def check_points(label):
            s = state()
            # The charts draw the load phase: one point per load snapshot, none for the drain.
            count = s.get("loadSnapshots", -1)
            for chart in points():
                if chart["traces"] is None:
                    problems.append(f"{label}: {chart['id']} is not a Plotly chart")
                    continue
                if not chart["traces"]:
                    problems.append(f"{label}: {chart['id']} has no trace")
                for trace in chart["traces"]:
                    # The users chart's planned target is drawn whole from the start.
                    if chart["id"] == "chart-users" and trace["name"] and "target" in trace["name"].lower():
                        continue
                    if trace["n"] != count:
                        problems.append(f"{label}: {chart['id']} trace {trace['name']!r} has {trace['n']} points for {count} load snapshots")
            held = s.get("snapshots", 0)
            if s.get("lastSeq", -1) + 1 != held:
                problems.append(f"{label}: {held} snapshots but last seq {s.get('lastSeq')} (a gap)")
            if not 0 <= held - count <= 1:
                problems.append(f"{label}: {held} snapshots for {count} of the load phase (at most one drain snapshot)")
            return count

        # First, while the run has most of its time left (its process, the page's server, exits at
        # the end): a forced drop. Close both sides and refuse new connections for 2.5 s.
        before = state()
        connections_before = len(found["connections"])
        relay["block_until"] = time.time() + 2.5
        for ws, server in relay["routes"]:
            try:
                server.close()
            except Exception:  # noqa: BLE001 - already closed
                pass
            try:
                ws.close(code=1011, reason="test: forced drop")
            except Exception:  # noqa: BLE001
                pass
        relay["routes"].clear()
        wait_for(lambda: status() == "reconnecting", 5, "status reconnecting after the drop")
        found["status_during_drop"] = status()
        wait_for(lambda: status() == "live" and time.time() > relay["block_until"], 20, "status live again")
        wait_for(lambda: state().get("snapshots", 0) >= before.get("snapshots", 0) + 4, 15, "seconds after the reconnect")
        after = state()
        found["drop"] = {"before": before, "after": after,
                         "attempts": found["connections"][connections_before:]}
        accepted = [c for c in found["connections"][connections_before:] if c["at"] >= relay["block_until"]]
        if not accepted:
            problems.append("no connection attempt after the drop window")
        elif accepted[0]["from"] < before.get("lastSeq", -1) + 1:
            # It asks for the seconds it missed, not the whole run again (the gap check above
            # proves it got them).
            problems.append(f"reconnected with from={accepted[0]['from']}, but the page had seqs up to {before.get('lastSeq')}")
        if after.get("reconnects", 0) < 1:
            problems.append(f"window.__loadforge.reconnects is {after.get('reconnects')} after a drop")
        check_points("after the reconnect")
        page.screenshot(path=os.path.join(outdir, "dashboard-reconnected.png"), full_page=True)

        # One point per second: sample, wait 3 s, sample again.
        first = check_points("live")
        t0 = time.time()
        page.wait_for_timeout(3000)
        second = check_points("live +3 s")
        per_second = (second - first) / (time.time() - t0)
        found["snapshots_per_second"] = round(per_second, 2)
        if not 0.6 <= per_second <= 1.4:
            problems.append(f"{per_second:.2f} snapshots per second, expected about 1")
        for card in CARDS:
            text = page.inner_text(f'[data-testid="{card}"]')
            if not text.strip():
                problems.append(f"card {card} is empty")
        found["test_status"] = page.inner_text('[data-testid="test-status"]')
        page.screenshot(path=os.path.join(outdir, "dashboard-live.png"), full_page=True)

        # The endpoint table sorts both ways, by a text and a number column.
        def column(key):
            return page.evaluate(
                """(key) => {
                     const table = document.querySelector('[data-testid="endpoint-table"]');
                     const ths = Array.from(table.querySelectorAll('thead th'));
                     const index = ths.findIndex(th => th.querySelector(`button[data-sort="${key}"]`));
                     const rows = Array.from(table.querySelectorAll('tbody tr[data-endpoint]'));
                     return { index, aria: index < 0 ? null : ths[index].getAttribute('aria-sort'),
                              names: rows.map(r => r.getAttribute('data-endpoint')),
                              cells: rows.map(r => (r.children[index] || {}).textContent || '') };
                   }""",
                key,
            )

        def number(text):
            digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
            return float(digits) if digits else -1.0

        # First click: text A→Z, numbers largest first (k6/Locust habit); the second reverses.
        for key, as_number, expected in (("name", False, ["ascending", "descending"]),
                                         ("requests", True, ["descending", "ascending"])):
            seen = []
            for _ in range(2):
                page.click(f'[data-testid="endpoint-table"] button[data-sort="{key}"]')
                page.wait_for_timeout(150)
                col = column(key)
                values = [number(c) for c in col["cells"]] if as_number else col["names"]
                direction = col["aria"]
                seen.append(direction)
                if len(values) < 2:
                    problems.append(f"the endpoint table has {len(values)} rows, need 2 to see a sort")
                    break
                if direction == "ascending":
                    ok = values == sorted(values)
                elif direction == "descending":
                    ok = values == sorted(values, reverse=True)
                else:
                    ok = False
                if not ok:
                    problems.append(f"sort by {key}: aria-sort {direction} but values {values}")
            found["sorts"][key] = seen
            if seen != expected:
                problems.append(f"sort by {key}: two clicks gave {seen}, expected {expected}")

        # A zoomed chart keeps its zoom while seconds arrive.
        page.evaluate("() => Plotly.relayout('chart-latency', {'xaxis.range': [0, 2]})")
        page.wait_for_timeout(2200)
        kept = page.evaluate("() => (document.getElementById('chart-latency').layout.xaxis.range || []).map(Number)")
        found["zoom_after_updates"] = kept
        if [round(v, 3) for v in kept] != [0, 2]:
            problems.append(f"the latency chart lost its zoom: x range {kept} after updates")

        # A double-click on the plot area (Plotly's autosize): back to all the data, for good.
        def x_cover(chart):
            return page.evaluate(
                """(id) => {
                     const el = document.getElementById(id);
                     const xs = el.data.flatMap(t => Array.from(t.x || []).map(Number));
                     const ax = el._fullLayout.xaxis;
                     return { range: (ax.range || []).map(Number), autorange: ax.autorange,
                              first: Math.min(...xs), last: Math.max(...xs),
                              ticks: el.querySelectorAll('.xtick text').length };
                   }""",
                chart,
            )

        def covers(cover):
            r = cover["range"]
            return len(r) == 2 and r[0] <= cover["first"] + 1e-6 and r[1] >= cover["last"] - 1e-6

        page.dblclick("#chart-latency .nsewdrag")
        page.wait_for_timeout(300)
        found["double_click"] = [x_cover("chart-latency")]
        page.wait_for_timeout(2200)
        found["double_click"].append(x_cover("chart-latency"))
        for i, cover in enumerate(found["double_click"]):
            when = "right after the double-click" if i == 0 else "2 s after the double-click"
            if not covers(cover):
                problems.append(f"{when}: x range {cover['range']} does not cover the points {cover['first']}…{cover['last']}")
            if cover["ticks"] < 2:
                problems.append(f"{when}: {cover['ticks']} x tick labels")
        if found["double_click"][1]["last"] <= found["double_click"][0]["last"]:
            problems.append(f"no second arrived after the double-click: {found['double_click']}")


        page.set_viewport_size({"width": 760, "height": 1000})
        page.wait_for_timeout(700)
        page.screenshot(path=os.path.join(outdir, "dashboard-narrow.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 1000})

        wait_for(lambda: status() == "finished", 90, "status finished (the run's final message)")
        attempts = len(found["connections"])
        page.wait_for_timeout(2500)
        if len(found["connections"]) != attempts:
            problems.append("the page tried to reconnect after the final message")
        found["final_state"] = state()
        found["final_test_status"] = page.inner_text('[data-testid="test-status"]')
        if "finished" not in found["final_test_status"].lower():
            problems.append(f"test status after the end: {found['final_test_status']!r}")
        final = found["final_state"]
        if final.get("snapshots", 0) > final.get("loadSnapshots", 0):
            # The drain's snapshot: in the test status, not in the charts.
            drain = page.query_selector('[data-testid="drain"]')
            found["drain_text"] = drain.inner_text() if drain else None
            if drain is None or "finished" not in found["drain_text"] or "aborted" not in found["drain_text"]:
                problems.append(f"a drain snapshot came but the test status says {found['final_test_status']!r}")
        peak = page.evaluate(
            """() => Math.max(0, ...document.getElementById('chart-users').data
                 .filter(t => t.uid === 'active').flatMap(t => Array.from(t.y).map(Number)))""")
        card = page.inner_text('[data-testid="card-active-users"]')
        found["final_users_card"] = card
        lines = [line.strip() for line in card.splitlines() if line.strip()]
        if len(lines) < 3 or lines[1] != str(peak) or not lines[2].startswith("peak · planned "):
            problems.append(f"Active VUs card after the end: {lines}, expected {peak} (the chart's peak) and 'peak · planned N'")
        check_points("finished")
        page.screenshot(path=os.path.join(outdir, "dashboard-finished.png"), full_page=True)
        browser.close()

    delays = [d for d in found["live_delays_ms"] if d is not None]
    found["max_live_delay_ms"] = max(delays) if delays else None
    if len(delays) < 5 or len(delays) != len(found["live_delays_ms"]):
        problems.append(f"live snapshot messages without delay_ms: {found['live_delays_ms']}")
    elif max(delays) >= 100:
        problems.append(f"a live message left {max(delays)} ms after its second ended (limit 100 ms)")
    if found["console"]:
        problems.append(f"console: {found['console']}")
    print(json.dumps(found, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
