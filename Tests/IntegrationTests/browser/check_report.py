#!/usr/bin/env python3
"""Opens a LoadForge HTML report in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright from PyPI; no browser download) and checks it as a reader's browser sees it.

usage: check_report.py REPORT.html EXPECTED_POINTS SCREENSHOT_DIR

Checks: no console error or page error; no request but the report file itself (it must work
offline); every section present; every chart drawn by Plotly; every trace of a time-series
chart has EXPECTED_POINTS points (one per second of the run); at a 760 px wide window, no chart's
note (annotation) sits in its legend's row. Saves report-top.png (first viewport),
report-bottom.png (last viewport) and report-narrow-latency.png (the latency chart at 760 px) in
SCREENSHOT_DIR. Prints one JSON object with
what it found; exits 0 when every check passed, 1 when one failed, 2 when Playwright or Chromium
is missing.
"""

import json
import os
import sys

SECTIONS = ["summary", "throughput", "latency", "distribution", "endpoints", "errors", "users", "raw-data", "glossary"]
CHARTS = ["throughput", "latency", "distribution", "endpoints", "errors", "users"]
CHROMIUM = os.environ.get("LOADFORGE_CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    report, expected, outdir = os.path.abspath(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: python3 -m pip install playwright (.ci/run installs it)", file=sys.stderr)
        return 2
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} not found: apt-get install -y chromium (scripts/install-deps.sh installs it)", file=sys.stderr)
        return 2

    problems = []
    console_errors = []
    foreign_requests = []
    url = "file://" + report
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console_errors.append(f"page error: {e}"))
        page.on("request", lambda r: foreign_requests.append(r.url) if r.url != url else None)
        page.goto(url, wait_until="load")
        try:
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot').length === {len(CHARTS)}", timeout=20000)
        except Exception:  # reported below as charts not drawn
            pass
        missing = page.evaluate("ids => ids.filter(id => !document.getElementById(id))", SECTIONS)
        charts = page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-figure]')).map(el => ({
                 id: el.id,
                 timeseries: el.dataset.timeseries === 'true',
                 drawn: el.classList.contains('js-plotly-plot') && el.querySelector('svg.main-svg') !== null,
                 explained: el.parentElement.querySelector('p.explain') !== null,
                 traces: (el.data || []).map(t => ({name: t.name, x: (t.x || []).length, y: (t.y || []).length}))
               }))""")
        verdict = page.evaluate("() => document.getElementById('verdict')?.innerText ?? null")
        raw_rows = page.evaluate("() => document.querySelectorAll('#raw-table tbody tr').length")
        os.makedirs(outdir, exist_ok=True)
        page.screenshot(path=os.path.join(outdir, "report-top.png"))
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(300)
        page.screenshot(path=os.path.join(outdir, "report-bottom.png"))
        # A narrow window (a tablet, a split screen): Plotly redraws each chart (responsive), and a
        # note must not sit on the legend's row above the plot.
        page.set_viewport_size({"width": 760, "height": 900})
        page.wait_for_timeout(800)
        overlaps = page.evaluate(
            """() => {
                 // The legend's whole row, not just its entries: a longer legend or note would meet there.
                 const hit = (a, b) => a.top < b.bottom && b.top < a.bottom;
                 const out = [];
                 for (const el of document.querySelectorAll('.js-plotly-plot')) {
                   const legend = el.querySelector('g.legend');
                   if (!legend) continue;
                   const l = legend.getBoundingClientRect();
                   for (const a of el.querySelectorAll('g.annotation')) {
                     if (hit(l, a.getBoundingClientRect())) out.push(el.id + ': ' + a.textContent);
                   }
                 }
                 return out;
               }""")
        page.locator("#chart-latency").screenshot(path=os.path.join(outdir, "report-narrow-latency.png"))
        browser.close()

    if console_errors:
        problems.append(f"console errors: {console_errors}")
    if foreign_requests:
        problems.append(f"requests beyond the report file (it must work offline): {foreign_requests[:5]}")
    if overlaps:
        problems.append(f"notes in a legend's row at 760 px: {overlaps}")
    if missing:
        problems.append(f"sections missing: {missing}")
    if sorted(c["id"] for c in charts) != sorted("chart-" + c for c in CHARTS):
        problems.append(f"charts: {[c['id'] for c in charts]}")
    for c in charts:
        if not c["drawn"]:
            problems.append(f"{c['id']} was not drawn by Plotly")
        if not c["explained"]:
            problems.append(f"{c['id']} has no explanation")
        if not c["traces"]:
            problems.append(f"{c['id']} has no data")
        if c["timeseries"]:
            for t in c["traces"]:
                if t["x"] != expected or t["y"] != expected:
                    problems.append(f"{c['id']} trace {t['name']!r}: {t['x']} x, {t['y']} y, expected {expected}")
    result = {
        "problems": problems, "console_errors": console_errors, "charts": charts, "verdict": verdict,
        "raw_rows": raw_rows, "overlaps": overlaps,
        "screenshots": [
            os.path.join(outdir, n) for n in ("report-top.png", "report-bottom.png", "report-narrow-latency.png")],
    }
    print(json.dumps(result))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
