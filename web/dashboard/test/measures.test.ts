import { clock, count, ms, percent, rate } from "../src/format.ts";
import { currentStage, drainText, errorLevel, p95Level, progress, stageText, verdict } from "../src/measures.ts";
import { assertEquals } from "./assert.ts";
import { drainMessage, hello } from "./fixtures.ts";

Deno.test("numbers read as in the HTML report", () => {
  assertEquals([ms(0.4123), ms(12.345), ms(250.12), ms(1234.6)], ["0.412 ms", "12.35 ms", "250.1 ms", "1,235 ms"]);
  assertEquals([count(0), count(999), count(1234567)], ["0", "999", "1,234,567"]);
  assertEquals([rate(0), rate(1234.56), rate(15)], ["0.0", "1,234.6", "15.0"]);
  assertEquals([percent(0), percent(0.00001), percent(0.0031), percent(0.125)], ["0%", "<0.01%", "0.31%", "12.5%"]);
  assertEquals([clock(0), clock(5.4), clock(754), clock(3723)], ["0:00", "0:05", "12:34", "1:02:03"]);
});

Deno.test("the current stage: a snapshot closing a stage's last tick still belongs to it", () => {
  const stages = hello().stages;
  assertEquals(currentStage(stages, 0)?.index, 0);
  assertEquals(currentStage(stages, 3)?.index, 0);
  assertEquals(currentStage(stages, 4)?.index, 1);
  assertEquals(currentStage(stages, 9)?.index, 1, "the drain, past the end, shows the last stage");
  assertEquals(stageText(stages, 4), "stage 2 of 2 · constant 20 VUs for 3s");
  assertEquals(stageText([], 4), null);
  assertEquals(stageText(stages.slice(0, 1), 2), "ramp 0→20 VUs over 3s", "one stage: no numbering");
});

Deno.test("progress: elapsed of total, clamped", () => {
  assertEquals(progress(12, 30), { text: "0:12 of 0:30", fraction: 0.4 });
  assertEquals(progress(35, 30).fraction, 1);
});

Deno.test("verdict and colour levels", () => {
  const t = (passed: boolean) => ({
    threshold: "error_rate <= 1%",
    metric: "error_rate",
    passed,
    limit: 1,
    unit: "%",
    measured_text: "0.5%",
  });
  const summary = (thresholds: ReturnType<typeof t>[]) => ({
    duration_s: 1,
    interrupted: false,
    requests: { total: 0, succeeded: 0, failed: 0 },
    rps: 0,
    latency_ms: { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, min: 0 },
    errors: {},
    endpoints: [],
    thresholds,
  });
  assertEquals(verdict(summary([])), { kind: "none" });
  assertEquals(verdict(summary([t(true), t(true)])), { kind: "passed", total: 2 });
  assertEquals(verdict(summary([t(true), t(false)])).kind, "failed");
  assertEquals([errorLevel(0), errorLevel(0.0099), errorLevel(0.01), errorLevel(0.049), errorLevel(0.05)], [
    "good",
    "good",
    "warn",
    "warn",
    "bad",
  ]);
  assertEquals([p95Level(10, 10, null), p95Level(16, 10, null), p95Level(21, 10, null)], ["good", "warn", "bad"]);
  assertEquals([p95Level(70, 10, 100), p95Level(90, 10, 100), p95Level(101, 10, 100)], ["good", "warn", "bad"]);
});

Deno.test("the drain in words: its length, what finished, what the grace cut", () => {
  assertEquals(drainText(drainMessage(20, 1, 0).snapshot), "drain 4.00 ms: 1 finished, 0 aborted");
  const long = drainMessage(20, 1200, 3).snapshot;
  assertEquals(drainText({ ...long, interval_s: 2.5 }), "drain 2,500 ms: 1,200 finished, 3 aborted");
});
