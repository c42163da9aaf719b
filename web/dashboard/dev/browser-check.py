#!/usr/bin/env python3
"""Developer check of the dashboard page alone (no LoadForge server): serves
Sources/LoadForgeDashboard/Resources/dashboard like the Swift server does (same paths, same
Content-Security-Policy; plotly.min.js from LoadForgeReport's resources), mocks the WebSocket
with Playwright's route_web_socket, feeds it a hello plus the snapshots of a real results
directory, and checks what issue 8 asks of the page. Screenshots go to web/dashboard/dev/out/.

usage: web/dashboard/dev/browser-check.py [--open] [RESULTS_DIR]   (default: the longest /tmp/lf-out/*)
--open: present the run as an open-model one (target_rate, service_ms added) to see those charts.
Needs: pip install playwright; apt-get install chromium. Exit 0 when every check passed.
"""

import glob
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

from playwright.sync_api import sync_playwright

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ASSETS = os.path.join(ROOT, "Sources/LoadForgeDashboard/Resources/dashboard")
PLOTLY = os.path.join(ROOT, "Sources/LoadForgeReport/Resources/plotly.min.js")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
# DashboardServer.contentSecurityPolicy
CSP = "default-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'"
NAMES = ["app.js", "app.css", "react.production.min.js", "react-dom.production.min.js", "plotly.min.js", "LICENSES.txt"]
CHARTS = ["chart-throughput", "chart-latency", "chart-users", "chart-errors"]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        path = urllib.parse.urlparse(self.path).path
        name = "index.html" if path == "/" else path[len("/assets/"):] if path.startswith("/assets/") else None
        if name not in ["index.html"] + NAMES:
            self.send_error(404)
            return
        file = PLOTLY if name == "plotly.min.js" else os.path.join(ASSETS, name)
        body = open(file, "rb").read()
        kind = {"html": "text/html", "js": "text/javascript", "css": "text/css", "txt": "text/plain"}[name.rsplit(".", 1)[1]]
        self.send_response(200)
        self.send_header("Content-Type", kind + "; charset=utf-8")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def load_run(directory, open_model=False):
    run = json.load(open(os.path.join(directory, "run.json")))
    snaps = [json.loads(line) for line in open(os.path.join(directory, "snapshots.ndjson")) if line.strip()]
    summary = json.load(open(os.path.join(directory, "summary.json")))
    # Some failures, so the stacked error chart and the colours have something to show.
    for i, s in enumerate(snaps):
        if 8 <= i <= 14 and s["endpoints"]:
            e = s["endpoints"][-1]
            cls = "http_5xx" if i % 2 else "connection_reset"
            n = 3 + i % 4
            for obj in (s, e):
                obj["errors"] = dict(obj["errors"], **{cls: obj["errors"].get(cls, 0) + n})
                obj["failed"] += n
    summary["thresholds"] = [
        {"threshold": "http_req_duration.p95 < 1ms", "metric": "http_req_duration", "statistic": "p95",
         "passed": True, "limit": 1, "unit": "ms", "measured": 0.235, "measured_text": "0.235ms",
         "abort_on_fail": False, "aborted_run": False},
        {"threshold": "error_rate <= 0.5%", "metric": "error_rate", "passed": False, "limit": 0.5, "unit": "%",
         "measured": 0.9, "measured_text": "0.9%", "abort_on_fail": False, "aborted_run": False},
    ]
    duration = run["duration_s"]
    half = duration / 2
    stages = [
        {"index": 0, "kind": "ramp", "summary": run["pattern"] + " (first half)", "start_s": 0, "end_s": half},
        {"index": 1, "kind": "ramp", "summary": run["pattern"] + " (second half)", "start_s": half, "end_s": duration},
    ]
    if open_model:
        for s in snaps:
            s["target_rate"] = s["target_vus"] * 10.0
            s["achieved_rate"] = s["rps"] / 3
            s["service_ms"] = dict(s["latency_ms"], p95=s["latency_ms"]["p95"] * 0.8)
    curve = [{"elapsed_s": s["elapsed_s"], "target": s["target_vus"]} for s in snaps if s["phase"] == "load"]
    return run, snaps, summary, stages, curve


class MockServer:
    """What DashboardConnection does, for the page: hello + back-fill from `from`, then live."""

    def __init__(self, run, snaps, summary, stages, curve, model, mode="live"):
        self.run, self.snaps, self.summary, self.stages, self.curve = run, snaps, summary, stages, curve
        self.model = model
        self.mode = mode
        self.refuse = False  # the process is gone: every connection is closed at once
        self.produced = 0  # snapshots the "run" has produced so far
        self.routes = []
        self.froms = []
        self.finished = False
        self.skip_next_for = None  # a route that loses one message (forced gap)

    def hello(self, start):
        return {"type": "hello", "protocol": 1, "mode": self.mode, "run": self.run, "model": self.model,
                "stages": self.stages, "target_curve": self.curve, "history_from": start,
                "history_count": max(0, self.produced - start), "finished": self.finished,
                "server_unix_ms": int(time.time() * 1000)}

    def message(self, seq, backfill, dropped=0):
        return {"type": "snapshot", "seq": seq, "backfill": backfill, "interval_end_unix_ms": 0,
                "sent_unix_ms": 0, "delay_ms": None if backfill else 4.2 + seq % 3, "dropped": dropped,
                "snapshot": self.snaps[seq]}

    def on_route(self, ws):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(ws.url).query)
        start = int(query.get("from", ["0"])[0])
        self.froms.append(start)
        if self.refuse:
            ws.close(code=1011, reason="dev: nobody listens")
            return
        start = min(start, self.produced)
        ws.send(json.dumps(self.hello(start)))
        for seq in range(start, self.produced):
            ws.send(json.dumps(self.message(seq, True)))
        if self.finished:
            ws.send(json.dumps({"type": "final", "summary": self.summary, "dropped": 0}))
        self.routes.append(ws)

    def tick(self, dropped=0):
        seq = self.produced
        self.produced += 1
        for ws in list(self.routes):
            if ws is self.skip_next_for:
                self.skip_next_for = None
                continue
            ws.send(json.dumps(self.message(seq, False, dropped)))

    def broadcast(self, body):
        for ws in list(self.routes):
            ws.send(json.dumps(body))

    def drop_all(self):
        for ws in self.routes:
            ws.close(code=1011, reason="dev: forced drop")
        self.routes.clear()


def main():
    open_model = "--open" in sys.argv
    dirs = [a for a in sys.argv[1:] if a != "--open"] or sorted(glob.glob("/tmp/lf-out/*"), key=lambda d: len(open(d + "/snapshots.ndjson").readlines()))[-1:]
    run, snaps, summary, stages, curve = load_run(dirs[0], open_model)
    server = MockServer(run, snaps, summary, stages, curve, "open" if open_model else "closed")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    os.makedirs(OUT, exist_ok=True)
    problems, console = [], []

    def expect(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            problems.append(what)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        page.route_web_socket("**/ws*", server.on_route)

        state = lambda: page.evaluate("() => Object.assign({}, window.__loadforge)")  # noqa: E731
        status = lambda: page.get_attribute('[data-testid="connection-status"]', "data-status")  # noqa: E731

        def wait(pred, what, seconds=5):
            end = time.time() + seconds
            while time.time() < end:
                if pred():
                    return True
                page.wait_for_timeout(50)
            expect(False, "timed out: " + what)
            return False

        def points():
            return page.evaluate("""(ids) => Object.fromEntries(ids.map(id => [id,
                (document.getElementById(id).data || []).map(t => [t.name, t.meta || '', t.x.length, t.y.length])]))""", CHARTS)

        def check_points(label):
            # One point per load snapshot: the drain's is in the test status, not the charts.
            n = state()["loadSnapshots"]
            bad = [(c, t) for c, ts in points().items() for t in ts
                   if t[1] != "planned" and (t[2] != n or t[3] != n)]
            planned = [t for ts in points().values() for t in ts if t[1] == "planned"]
            expect(not bad and all(t[2] == len(curve) for t in planned),
                   f"{label}: every trace has {n} points (planned target {len(curve)}): {bad or 'yes'}")

        # A run 6 s in when the page opens: the hello's back-fill brings 6 snapshots at once.
        for _ in range(6):
            server.tick()
        page.goto(url)
        wait(lambda: status() == "live" and state()["snapshots"] == 6, "live with the back-fill")
        page.wait_for_timeout(300)
        s = state()
        expect(s["lastSeq"] == 5 and s["messages"] == 7, f"back-fill held: {s}")
        expect(s["draws"] <= 3, f"a back-fill of 6 costs at most a few redraws (draws={s['draws']})")
        check_points("after the back-fill")

        # Live: one snapshot at a time, each chart gains exactly one point.
        for i in range(6):
            draws = state()["draws"]
            server.tick()
            wait(lambda: state()["snapshots"] == 7 + i and state()["draws"] > draws, f"snapshot {7 + i} drawn")
            check_points(f"live snapshot {7 + i}")
        texts = {c: page.inner_text(f'[data-testid="{c}"]') for c in
                 ["card-active-users", "card-rps", "card-p95", "card-p99", "card-error-rate", "test-status"]}
        print(json.dumps(texts, ensure_ascii=False, indent=1))
        expect("stage 1 of 2" in texts["test-status"] and "0:12 of 0:30" in texts["test-status"], "test status")
        expect("picture delay" in texts["test-status"], "picture delay shown")
        expect(" ms" in texts["card-p95"], "p95 card in ms")

        # Zoom survives updates (relayout by API, as the integration test does it).
        page.evaluate("() => Plotly.relayout('chart-latency', {'xaxis.range': [2, 6]})")
        for _ in range(2):
            server.tick()
            page.wait_for_timeout(150)
        kept = page.evaluate("() => document.getElementById('chart-latency').layout.xaxis.range")
        expect([round(v, 3) for v in kept] == [2, 6], f"zoom kept: {kept}")
        other = page.evaluate("() => document.getElementById('chart-rps') ? 1 : document.getElementById('chart-throughput').layout.xaxis.range")
        expect(other[0] == 0, f"other charts keep the page's range: {other}")
        page.evaluate("() => Plotly.relayout('chart-latency', {'xaxis.autorange': true})")

        # Sort both ways, by text and by number.
        def column(key):
            return page.evaluate("""(key) => {
                const t = document.querySelector('[data-testid="endpoint-table"]');
                const ths = [...t.querySelectorAll('thead th')];
                const i = ths.findIndex(th => th.querySelector(`button[data-sort="${key}"]`));
                return { aria: ths[i].getAttribute('aria-sort'), others: ths.filter((_, j) => j != i).map(th => th.getAttribute('aria-sort')),
                         names: [...t.querySelectorAll('tbody tr[data-endpoint]')].map(r => r.dataset.endpoint),
                         cells: [...t.querySelectorAll('tbody tr[data-endpoint]')].map(r => r.children[i].textContent) }; }""", key)

        # Text A→Z first, numbers largest first; the second click reverses.
        for key, num in (("name", False), ("requests", True), ("p95", True), ("errorRate", True)):
            for direction in (("descending", "ascending") if num else ("ascending", "descending")):
                page.click(f'button[data-sort="{key}"]')
                page.wait_for_timeout(80)
                col = column(key)
                vals = [float(c.replace(",", "").replace(" ms", "").replace("%", "")) if num and c[0].isdigit() else c
                        for c in col["cells"]] if num else col["names"]
                ordered = sorted(vals, reverse=direction == "descending")
                expect(col["aria"] == direction and vals == ordered and set(col["others"]) == {"none"},
                       f"sort {key} {direction}: {vals}")

        page.screenshot(path=os.path.join(OUT, ("open-" if open_model else "") + "live-1280.png"), full_page=True)

        # A lost message (seq gap) → reconnect with from = the missing seq, back-fill, no gap.
        n = state()["snapshots"]
        reconnects = state()["reconnects"]
        server.skip_next_for = server.routes[-1]
        server.tick()  # seq n: lost on this connection
        server.tick()  # seq n+1: the page sees the gap
        wait(lambda: state()["snapshots"] == n + 2, "back-fill after a gap")
        expect(server.froms[-1] == n and state()["reconnects"] == reconnects + 1,
               f"gap → reconnect from={server.froms[-1]} (expected {n}), reconnects {state()['reconnects']}")
        check_points("after the gap")

        # A dropped connection → reconnecting → back by itself, from = the next seq.
        server.drop_all()
        wait(lambda: status() == "reconnecting", "status reconnecting")
        expect(status() == "reconnecting", "reconnecting shown")
        server.tick()
        server.tick()
        wait(lambda: status() == "live" and state()["snapshots"] == n + 4, "live again with the missed seconds", 4)
        expect(server.froms[-1] == n + 2, f"drop → reconnect from={server.froms[-1]} (expected {n + 2})")
        check_points("after the drop")

        # Dropped count, then the rest of the run, draining and final.
        server.tick(dropped=3)
        wait(lambda: "3 updates dropped" in page.inner_text('[data-testid="test-status"]'), "dropped shown")
        # As the server sends them: the load phase's seconds, draining, then the drain's snapshot.
        load_count = sum(1 for x in snaps if x["phase"] == "load")
        while server.produced < load_count:
            server.tick()
            page.wait_for_timeout(30)
        server.broadcast({"type": "draining", "in_flight": 12, "grace_s": 5})
        wait(lambda: "draining (12 in flight)" in page.inner_text('[data-testid="test-status"]'), "draining shown")
        while server.produced < len(snaps):
            server.tick()
            page.wait_for_timeout(30)
        page.set_viewport_size({"width": 760, "height": 1000})
        page.wait_for_timeout(500)
        page.screenshot(path=os.path.join(OUT, "live-760.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 1000})
        server.broadcast({"type": "final", "summary": summary, "dropped": 0})
        server.finished = True
        wait(lambda: status() == "finished", "finished")
        final_text = page.inner_text('[data-testid="test-status"]')
        expect("finished" in final_text and "thresholds failed (1 of 2)" in final_text, f"final status: {final_text!r}")
        attempts = len(server.froms)
        server.drop_all()
        page.wait_for_timeout(1500)
        expect(len(server.froms) == attempts and status() == "finished", "no reconnection after final")
        check_points("finished")
        page.wait_for_timeout(400)
        page.screenshot(path=os.path.join(OUT, "finished-1280.png"), full_page=True)
        drains = [x for x in snaps if x["phase"] == "drain"]
        final_state = state()
        expect(final_state["snapshots"] == len(snaps) and final_state["loadSnapshots"] == len(snaps) - len(drains),
               f"all snapshots held, the load phase's drawn: {final_state}")
        if drains:
            text = page.inner_text('[data-testid="test-status"]')
            expect(" finished, " in text and " aborted" in text and "drain " in text, f"the drain in the test status: {text!r}")
        peak = max(x["active_vus"] for x in snaps if x["phase"] == "load")
        users = page.inner_text('[data-testid="card-active-users"]').splitlines()
        expect(users[1:] == [str(peak), f"peak · planned {run['peak_vus']}"], f"Active VUs after final: {users}")

        # A replay (finished, final right after the back-fill), and one of a killed run (no final).
        for finished in (True, False):
            replay = MockServer(run, snaps, summary, stages, curve, server.model, mode="replay")
            replay.produced = len(snaps)
            replay.finished = finished
            rpage = browser.new_page(viewport={"width": 1280, "height": 1000})
            rpage.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            rpage.route_web_socket("**/ws*", replay.on_route)
            rpage.goto(url)
            rpage.wait_for_function(f"() => window.__loadforge && window.__loadforge.snapshots === {len(snaps)}")
            rpage.wait_for_timeout(300)
            brand = rpage.inner_text('[data-testid="brand"]')
            users = rpage.inner_text('[data-testid="card-active-users"]').splitlines()
            expect(brand.lower() == "loadforge · dashboard replay", f"replay header: {brand!r}")
            expect(users[1:] == [str(peak), f"peak · planned {run['peak_vus']}"],
                   f"Active VUs in a replay ({'finished' if finished else 'killed'} run): {users}")
            if finished:
                rpage.screenshot(path=os.path.join(OUT, "replay-1280.png"), full_page=True)
            rpage.close()

        # The process dies (every connection refused): after ~30 s the page says it is not
        # answering; then a new run takes the port: the page starts over with it.
        crash = MockServer(run, snaps, summary, stages, curve, server.model)
        cpage = browser.new_page(viewport={"width": 1280, "height": 1000})
        cpage.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        cpage.clock.install()
        cpage.route_web_socket("**/ws*", crash.on_route)
        for _ in range(8):
            crash.tick()
        cpage.goto(url)
        cpage.wait_for_function("() => window.__loadforge && window.__loadforge.snapshots === 8")
        cstatus = lambda: cpage.get_attribute('[data-testid="connection-status"]', "data-status")  # noqa: E731
        crash.refuse = True
        crash.drop_all()
        seen = []
        for _ in range(45):  # 45 s of the page's clock, one second at a time
            cpage.clock.run_for(1000)
            cpage.wait_for_timeout(40)
            seen.append(cstatus())
        expect(seen[0] == "reconnecting" and seen[-1] == "unreachable" and "unreachable" not in seen[:28],
               f"statuses over 45 s of refused connections: {seen}")
        notice = cpage.inner_text('[data-testid="connection-notice"]')
        expect("not answering" in notice and "loadforge dashboard RUN_DIR" in notice, f"notice: {notice!r}")
        attempts = len(crash.froms)
        for _ in range(20):
            cpage.clock.run_for(1000)
            cpage.wait_for_timeout(40)
        expect(len(crash.froms) - attempts in (2, 3), f"retries every 10 s: {len(crash.froms) - attempts} in 20 s")
        cpage.screenshot(path=os.path.join(OUT, "unreachable-1280.png"), full_page=True)
        crash.run = dict(run, name="checkout", started_at="2026-11-29T23:59:00Z")
        crash.produced = 3
        crash.refuse = False
        for _ in range(12):
            cpage.clock.run_for(1000)
            cpage.wait_for_timeout(40)
        cstate = cpage.evaluate("() => Object.assign({}, window.__loadforge)")
        banner = cpage.inner_text('[data-testid="new-run-notice"]') if cpage.query_selector(
            '[data-testid="new-run-notice"]') else None
        expect(cstatus() == "live" and cstate["snapshots"] == 3 and cstate["lastSeq"] == 2,
               f"the new run alone, from its first second: {cstatus()} {cstate} (asked from={crash.froms[-2:]})")
        expect(banner == "a new run started on this port: checkout", f"new-run notice: {banner!r}")
        expect(cpage.inner_text("h1") == "checkout", "the new run's name")
        cpage.screenshot(path=os.path.join(OUT, "new-run-1280.png"), full_page=True)
        cpage.close()
        expect(not console, f"console: {console}")
        browser.close()
    httpd.shutdown()
    print("problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
