/**
 * Turns the measurements into one table per scenario (each figure for
 * bare / bare with message-sized frames / Socket.IO / ours, with the
 * ratios of ours to each) and the target checks as PASS / MISS
 * lines.
 */
import type { FixedResult, SaturationResult } from "./load.ts";

/** Everything measured for one target in one scenario. */
export interface TargetResult {
  clients: number;
  connected: number;
  connectSeconds: number;
  connectFailures: Record<string, number>;
  rssIdle0: number;
  rssIdleN: number;
  /** (RSS with N idle connections − RSS with none) / N, in bytes, both read after 10 s idle. */
  rssPerConn: number;
  /** The same, read 2 s after the last connection (with the storm's GC slack). */
  rssPerConnEarly: number;
  fixed: FixedResult;
  saturation: SaturationResult;
  /** Server CPU seconds per delivery during saturation (user + system, incl. its POSTs). */
  serverCpuPerDelivery: number;
  /** The load generator's CPU seconds per delivery during saturation (all of its clients). */
  clientCpuPerDelivery: number;
  lost: number;
  dropped: number;
  /** Gateway frames received, by op or event name (ours only). */
  frames: Record<string, number>;
  /** Mean length of the frames that carried a delivery (NaN where unseen: Socket.IO). */
  meanDeliveryFrame: number;
  problems: Record<string, number>;
}

/** One scenario: every target's result, or why it has none. */
export interface ScenarioResult {
  clients: number;
  rate: number;
  results: Partial<Record<TargetKey, TargetResult | { error: string }>>;
}

/** The targets, in table order. */
export type TargetKey = "bare" | "sized" | "socketio" | "ours";
const KEYS: TargetKey[] = ["bare", "sized", "socketio", "ours"];

/** One target check: PASS, MISS or n/a (not measured). */
export interface Check {
  target: string;
  verdict: "PASS" | "MISS" | "n/a";
  detail: string;
}

function ok(r: TargetResult | { error: string } | undefined): TargetResult | null {
  return r && !("error" in r) ? r : null;
}

const num = (v: number, digits = 0) =>
  Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: digits }) : "—";
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b !== 0
    ? `${(a / b).toFixed(2)}×`
    : "—";

interface Row {
  label: string;
  value: (r: TargetResult) => number;
  digits?: number;
}

/** The table of one scenario as text. */
export function scenarioTable(s: ScenarioResult): string {
  const rows: Row[] = [
    { label: "clients connected", value: (r) => r.connected },
    { label: `p50 latency @ ${s.rate} msg/s (ms)`, value: (r) => r.fixed.p50, digits: 1 },
    { label: `p99 latency @ ${s.rate} msg/s (ms)`, value: (r) => r.fixed.p99, digits: 1 },
    { label: `max latency @ ${s.rate} msg/s (ms)`, value: (r) => r.fixed.max, digits: 1 },
    { label: "deliveries/s at saturation", value: (r) => r.saturation.deliveriesPerSec },
    { label: "messages/s at saturation", value: (r) => r.saturation.messagesPerSec },
    {
      label: "server CPU per delivery (µs)",
      value: (r) => r.serverCpuPerDelivery * 1e6,
      digits: 1,
    },
    {
      label: "load-generator CPU per delivery (µs)",
      value: (r) => r.clientCpuPerDelivery * 1e6,
      digits: 1,
    },
    { label: "lost deliveries", value: (r) => r.lost },
    { label: "delivery frame (chars)", value: (r) => r.meanDeliveryFrame },
    { label: "RSS per idle connection (KB)", value: (r) => r.rssPerConn / 1024, digits: 1 },
    {
      label: "  the same 2 s after connecting (KB)",
      value: (r) => r.rssPerConnEarly / 1024,
      digits: 1,
    },
    { label: "RSS idle, 0 connections (MB)", value: (r) => r.rssIdle0 / 2 ** 20, digits: 1 },
  ];
  const header = ["", "bare", "sized", "socket.io", "ours", "ours/bare", "ours/sized", "ours/sio"];
  const lines = [header];
  for (const row of rows) {
    const v = KEYS.map((k) => {
      const r = ok(s.results[k]);
      return r ? row.value(r) : undefined;
    });
    lines.push([
      row.label,
      ...v.map((x) => (x === undefined ? "—" : num(x, row.digits))),
      ratio(v[3], v[0]),
      ratio(v[3], v[1]),
      ratio(v[3], v[2]),
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  const text = lines.map((l) =>
    l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")
  );
  const notes = KEYS.flatMap((k) => {
    const r = s.results[k];
    if (!r) return [];
    if ("error" in r) return [`  ${k}: not measured: ${r.error}`];
    const extra = Object.entries(r.problems).map(([why, n]) => `${why} ×${n}`);
    const fails = Object.entries(r.connectFailures).map(([why, n]) => `${why} ×${n}`);
    const seen = Object.entries(r.frames).map(([what, n]) => `${what} ×${n}`);
    return [
      ...(seen.length ? [`  ${k}: frames received: ${seen.join(", ")}`] : []),
      ...(fails.length ? [`  ${k}: connect failures: ${fails.join("; ")}`] : []),
      ...(extra.length ? [`  ${k}: ${extra.join("; ")}`] : []),
    ];
  });
  return [
    `== ${num(s.clients)} clients, ${s.rate} msg/s ==`,
    "  (sized: the bare server sending frames shaped and sized like our MESSAGE_CREATE)",
    ...text.map((t) => `  ${t}`),
    ...notes,
  ].join("\n");
}

function find(all: ScenarioResult[], clients: number) {
  const s = all.find((x) => x.clients === clients);
  return {
    bare: ok(s?.results.bare),
    socketio: ok(s?.results.socketio),
    ours: ok(s?.results.ours),
  };
}

/** A MISS when ours did not even hold every client of the scenario. */
function allConnected(target: string, r: TargetResult | null): Check | null {
  if (!r || r.connected >= r.clients) return null;
  return {
    target,
    verdict: "MISS",
    detail: `ours connected only ${num(r.connected)} of ${num(r.clients)} clients`,
  };
}

/** The targets, checked against what was measured. */
export function checks(all: ScenarioResult[]): Check[] {
  const out: Check[] = [];
  const k1 = find(all, 1000);
  const p99At1k = "p99 < 100 ms at 1,000 clients @ 50 msg/s";
  out.push(
    allConnected(p99At1k, k1.ours) ??
      compare(p99At1k, k1.ours?.fixed.p99, k1.ours ? 100 : undefined, (o, l) => o < l),
  );
  const sat = (r: TargetResult | null) => r?.saturation.deliveriesPerSec;
  out.push(compare(
    "saturation deliveries/s ≥ 80% of bare (1,000 clients)",
    sat(k1.ours),
    sat(k1.bare),
    (o, b) => o >= 0.8 * b,
  ));
  out.push(compare(
    "saturation deliveries/s above Socket.IO (1,000 clients)",
    sat(k1.ours),
    sat(k1.socketio),
    (o, s) => o > s,
  ));
  const largest = Math.max(...all.map((s) => s.clients));
  const kL = find(all, largest);
  out.push(compare(
    `memory per connection ≤ 1.3× bare (${num(largest)} clients)`,
    kL.ours?.rssPerConn,
    kL.bare?.rssPerConn,
    (o, b) => o <= 1.3 * b,
  ));
  const k5 = find(all, 5000);
  const p99At5k = "p99 better than Socket.IO at 5,000 clients @ 10 msg/s";
  out.push(
    allConnected(p99At5k, k5.ours) ??
      compare(p99At5k, k5.ours?.fixed.p99, k5.socketio?.fixed.p99, (o, s) => o < s),
  );
  const lost = all.flatMap((s) => {
    const r = ok(s.results.ours);
    return r ? [r.lost] : [];
  });
  out.push({
    target: "no lost deliveries (ours, every scenario)",
    verdict: lost.length === 0 ? "n/a" : lost.every((l) => l === 0) ? "PASS" : "MISS",
    detail: lost.length ? `lost ${lost.map((l) => num(l)).join(" / ")}` : "",
  });
  return out;
}

function compare(
  target: string,
  ours: number | undefined,
  other: number | undefined,
  pass: (ours: number, other: number) => boolean,
): Check {
  if (ours === undefined || other === undefined) return { target, verdict: "n/a", detail: "" };
  return {
    target,
    verdict: pass(ours, other) ? "PASS" : "MISS",
    detail: `ours ${num(ours, 1)} vs ${num(other, 1)} (${ratio(ours, other)})`,
  };
}

/** The check lines as text. */
export function checkLines(list: Check[]): string {
  return ["== targets ==", ...list.map((c) => `  ${c.verdict.padEnd(4)}  ${c.target}  ${c.detail}`)]
    .join("\n");
}
