/**
 * Turns the measurements into one table per scenario (each figure for
 * bare / bare with message-sized frames / Socket.IO / ours, with the
 * ratios of ours to each) and the issue's target checks as PASS / MISS
 * lines.
 */
import type { FixedResult, SaturationResult } from "./load.ts";
import { median } from "./tracker.ts";

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
  /** The fixed-rate rounds together: percentiles over all their deliveries. */
  fixed: FixedResult;
  /** The saturation rounds together: the median round's rates, every window, the counts summed. */
  saturation: SaturationResult;
  /** Deliveries per second of each saturation round, in the order run. */
  saturationRounds: number[];
  /** Server CPU seconds per delivery over the saturation rounds (user + system, incl. its POSTs). */
  serverCpuPerDelivery: number;
  /** The load generator's CPU seconds per delivery over the saturation rounds (all of its clients). */
  clientCpuPerDelivery: number;
  /** Server CPU seconds per delivery over the fixed-rate rounds (the load the p99 is read at). */
  fixedServerCpuPerDelivery: number;
  /** The load generator's, over the fixed-rate rounds. */
  fixedClientCpuPerDelivery: number;
  /**
   * The host's speed (millions of loops per second, processes.ts `hostSpeed`)
   * read before each fixed-rate and then each saturation round.
   */
  hostSpeeds: number[];
  /** Cores the other targets' servers, idle meanwhile, used during each of those rounds. */
  othersCores: number[];
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
const times = (v: number) => Number.isFinite(v) ? `${v.toFixed(2)}×` : "—";
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b !== 0 ? times(a / b) : "—";

/**
 * Ours' saturation rate against another target's: the median of the
 * ratios of rounds run side by side (round i of each), so that what the
 * machine's speed did during a round reaches both sides of its ratio; the
 * ratio of the two medians when the rounds do not pair up.
 */
export function pairedRatio(ours: TargetResult, other: TargetResult): number {
  const a = ours.saturationRounds, b = other.saturationRounds;
  if (a.length === 0 || a.length !== b.length) {
    return ours.saturation.deliveriesPerSec / other.saturation.deliveriesPerSec;
  }
  return median(a.map((x, i) => x / b[i]));
}

interface Row {
  label: string;
  value: (r: TargetResult) => number;
  digits?: number;
  /** Ours against another target, when not the ratio of the two values. */
  ratio?: (ours: TargetResult, other: TargetResult) => number;
}

/** The table of one scenario as text. */
export function scenarioTable(s: ScenarioResult): string {
  const rows: Row[] = [
    { label: "clients connected", value: (r) => r.connected },
    { label: `p50 latency @ ${s.rate} msg/s (ms)`, value: (r) => r.fixed.p50, digits: 1 },
    { label: `p99 latency @ ${s.rate} msg/s (ms)`, value: (r) => r.fixed.p99, digits: 1 },
    { label: `max latency @ ${s.rate} msg/s (ms)`, value: (r) => r.fixed.max, digits: 1 },
    {
      label: "deliveries/s at saturation",
      value: (r) => r.saturation.deliveriesPerSec,
      ratio: pairedRatio,
    },
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
    {
      label: `server CPU per delivery @ ${s.rate} msg/s (µs)`,
      value: (r) => r.fixedServerCpuPerDelivery * 1e6,
      digits: 1,
    },
    {
      label: `load-generator CPU per delivery @ ${s.rate} msg/s (µs)`,
      value: (r) => r.fixedClientCpuPerDelivery * 1e6,
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
  const results = KEYS.map((k) => ok(s.results[k]));
  const ours = results[3];
  for (const row of rows) {
    const v = results.map((r) => r ? row.value(r) : undefined);
    const against = (i: number) => {
      const other = results[i];
      return row.ratio && ours && other ? times(row.ratio(ours, other)) : ratio(v[3], v[i]);
    };
    lines.push([
      row.label,
      ...v.map((x) => (x === undefined ? "—" : num(x, row.digits))),
      against(0),
      against(1),
      against(2),
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
    const rounds = r.saturationRounds.map((d) => `${Math.round(d / 1000)}k`);
    const p99s = r.fixed.roundP99s.map((p) => num(p, 1));
    const speeds = r.hostSpeeds.map((x) => num(x, 0));
    const others = r.othersCores.map((x) => x.toFixed(2));
    return [
      ...(speeds.length
        ? [`  ${k}: host speed before each round (M loops/s): ${speeds.join(", ")}`]
        : []),
      ...(others.length
        ? [`  ${k}: other servers during each round (cores): ${others.join(", ")}`]
        : []),
      ...(p99s.length > 1 ? [`  ${k}: p99 of each fixed-rate round (ms): ${p99s.join(", ")}`] : []),
      ...(rounds.length > 1
        ? [`  ${k}: saturation rounds (deliveries/s): ${rounds.join(", ")}`]
        : []),
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

/** The issue's targets, checked against what was measured. */
export function checks(all: ScenarioResult[]): Check[] {
  const out: Check[] = [];
  const k1 = find(all, 1000);
  const p99At1k = "p99 < 100 ms at 1,000 clients @ 50 msg/s";
  out.push(
    allConnected(p99At1k, k1.ours) ??
      withRounds(
        compare(p99At1k, k1.ours?.fixed.p99, k1.ours ? 100 : undefined, (o, l) => o < l),
        k1.ours,
      ),
  );
  out.push(saturationCheck(
    "saturation deliveries/s ≥ 80% of bare (1,000 clients)",
    k1.ours,
    k1.bare,
    (r) => r >= 0.8,
  ));
  out.push(saturationCheck(
    "saturation deliveries/s above Socket.IO (1,000 clients)",
    k1.ours,
    k1.socketio,
    (r) => r > 1,
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
      withRounds(
        compare(p99At5k, k5.ours?.fixed.p99, k5.socketio?.fixed.p99, (o, s) => o < s),
        k5.ours,
      ),
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

/** A latency check with what it was pooled from: ours' fixed-rate rounds and their own p99s. */
function withRounds(check: Check, ours: TargetResult | null): Check {
  const p99s = ours?.fixed.roundP99s ?? [];
  if (check.verdict === "n/a" || p99s.length < 2) return check;
  const each = p99s.map((p) => num(p, 1)).join(", ");
  return { ...check, detail: `${check.detail}, over ${p99s.length} rounds (p99 of each: ${each})` };
}

/** A saturation target, judged on the paired ratio of the rounds (see {@link pairedRatio}). */
function saturationCheck(
  target: string,
  ours: TargetResult | null,
  other: TargetResult | null,
  pass: (ratio: number) => boolean,
): Check {
  if (!ours || !other) return { target, verdict: "n/a", detail: "" };
  const r = pairedRatio(ours, other);
  const n = ours.saturationRounds.length;
  const paired = n > 1 && n === other.saturationRounds.length;
  const each = ours.saturationRounds.map((x, i) => times(x / other.saturationRounds[i])).join(", ");
  return {
    target,
    verdict: pass(r) ? "PASS" : "MISS",
    detail: `ours ${num(ours.saturation.deliveriesPerSec)} vs ${
      num(other.saturation.deliveriesPerSec)
    } (${times(r)}${paired ? `, the median of ${n} rounds side by side: ${each}` : ""})`,
  };
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
