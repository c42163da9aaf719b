// Numbers as the HTML report writes them (Sources/LoadForgeReport/HTMLReportFormat.swift), so
// the dashboard and the report of the same run read the same.

/** Shown where nothing was measured yet. */
export const NONE = "—";

/** An integer with thousands separators: `12,345`. */
export function count(value: number): string {
  const n = Math.round(value);
  const digits = String(Math.abs(n));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

/** A latency in ms with precision that fits its size: `0.412 ms`, `12.35 ms`, `250.1 ms`, `1,235 ms`. */
export function ms(value: number): string {
  if (value < 1) return value.toFixed(3) + " ms";
  if (value < 100) return value.toFixed(2) + " ms";
  if (value < 1000) return value.toFixed(1) + " ms";
  return count(value) + " ms";
}

/** A rate per second with one decimal: `1,234.5`. */
export function rate(value: number): string {
  if (!Number.isFinite(value)) return NONE;
  const tenths = Math.round(value * 10);
  return count(Math.trunc(tenths / 10)) + "." + String(Math.abs(tenths % 10));
}

/** A fraction 0…1 as a percentage: `0%`, `<0.01%`, `0.31%`, `12.5%`. */
export function percent(fraction: number): string {
  const p = fraction * 100;
  if (p === 0) return "0%";
  if (p < 0.01) return "<0.01%";
  return (p < 10 ? p.toFixed(2) : p.toFixed(1)) + "%";
}

/** Seconds as a clock: `0:05`, `12:30`, `1:02:03`. */
export function clock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds + 1e-9));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}
