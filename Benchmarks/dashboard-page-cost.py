#!/usr/bin/env python3
"""What the live dashboard page costs the machine it is open on, per second of a run.

usage: dashboard-page-cost.py URL [--warm S] [--measure S] [--profile N]

Opens URL (a `loadforge run --dashboard` page) in headless Chromium (/usr/bin/chromium, or
$LOADFORGE_CHROMIUM) through Playwright, waits --warm seconds (default 10) with the page live,
then measures over --measure seconds (default 20):

- the CPU time (user + system, from /proc/PID/stat) of every Chromium process, per second of
  wall time: what the page takes from a load test running on the same machine;
- the renderer main thread's busy time per second from CDP's Performance.getMetrics
  (TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration);
- with --profile N, the N functions with the most self time in a CDP CPU profile of the
  same window (where a page change should aim).

Prints one JSON object. CPU time is stable enough here to compare two builds of the page in
one sitting; it is not a timing test.
"""

import json
import os
import sys
import time

CHROMIUM = os.environ.get("LOADFORGE_CHROMIUM", "/usr/bin/chromium")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "IntegrationTests", "browser"))
from check_dashboard import cpu_seconds, descendants  # noqa: E402 - the browser test's helpers


def option(name: str, default: float) -> float:
    if name in sys.argv:
        return float(sys.argv[sys.argv.index(name) + 1])
    return default


def main() -> int:
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and not sys.argv[i - 1].startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    url = args[0]
    warm, measure, top = option("--warm", 10), option("--measure", 20), int(option("--profile", 0))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        console: list[str] = []
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.goto(url)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        time.sleep(warm)
        # The browser process is the Playwright driver's child named chromium; its tree holds the
        # renderer, GPU and utility processes.
        roots = [pid for pid in descendants(os.getpid()) if pid != os.getpid() and "chrom" in open(f"/proc/{pid}/comm").read()]
        pids = sorted({d for r in roots for d in descendants(r)})
        if top > 0:
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 500})
            cdp.send("Profiler.start")

        def metrics() -> dict[str, float]:
            return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}

        m0, c0, t0 = metrics(), cpu_seconds(pids), time.monotonic()
        s0 = page.evaluate("window.__loadforge ? window.__loadforge.loadSnapshots : 0")
        time.sleep(measure)
        m1, c1, t1 = metrics(), cpu_seconds(pids), time.monotonic()
        s1 = page.evaluate("window.__loadforge ? window.__loadforge.loadSnapshots : 0")
        wall = t1 - t0
        found = {
            "seconds": round(wall, 2),
            "snapshots_drawn": s1 - s0,
            "chromium_processes": len(pids),
            "chromium_cpu_ms_per_s": round(1000 * (c1 - c0) / wall, 1),
            "main_thread_ms_per_s": {
                k: round(1000 * (m1[k] - m0[k]) / wall, 1)
                for k in ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
            },
            "console": console,
        }
        if top > 0:
            profile = cdp.send("Profiler.stop")["profile"]
            self_us: dict[str, float] = {}
            deltas = profile.get("timeDeltas", [])
            by_id = {n["id"]: n for n in profile["nodes"]}
            for sample, delta in zip(profile.get("samples", []), deltas[1:] + [0]):
                frame = by_id[sample]["callFrame"]
                key = f"{frame['functionName'] or '(anonymous)'} {os.path.basename(frame['url'])}:{frame['lineNumber']}"
                self_us[key] = self_us.get(key, 0) + delta
            found["profile_self_ms_per_s"] = [
                [k, round(v / 1000 / wall, 2)] for k, v in sorted(self_us.items(), key=lambda kv: -kv[1])[:top]
            ]
        print(json.dumps(found, indent=1))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
