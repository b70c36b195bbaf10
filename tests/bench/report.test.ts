/**
 * The benchmark's verdicts: saturation judged on rounds run side by side,
 * so a round the VM slowed down does not decide a target; latency pooled
 * over the fixed-rate rounds, so no one stretch of the run decides it.
 */
import { describe, expect, it } from "vitest";
import { combineRounds, groupsThatFit } from "./scenario.ts";
import type { Target } from "./targets.ts";
import { combineFixed, type FixedRound, type SaturationResult } from "./load.ts";
import { checks, pairedRatio, type ScenarioResult, type TargetResult } from "./report.ts";
import { median } from "./tracker.ts";

function round(deliveriesPerSec: number, lost = 0): SaturationResult {
  return {
    seconds: 4,
    deliveriesPerSec,
    messagesPerSec: deliveriesPerSec / 1000,
    windows: [deliveriesPerSec],
    sent: 4,
    accepted: 4,
    rejected: 0,
    expected: 4000,
    received: 4000 - lost,
    lost,
    duplicates: 0,
  };
}

/** A fixed-rate round whose deliveries took `latencies` ms. */
function fixedRound(latencies: number[], lost = 0): FixedRound {
  const sorted = Float64Array.from(latencies).sort();
  return { ...round(0, lost), rate: 50, seconds: 10, latencies: sorted };
}

function target(rounds: number[], fixed = combineFixed([fixedRound([10, 20, 30])])): TargetResult {
  const results = rounds.map((r) => round(r));
  return {
    clients: 1000,
    connected: 1000,
    connectSeconds: 1,
    connectFailures: {},
    rssIdle0: 0,
    rssIdleN: 0,
    rssPerConn: 30_000,
    rssPerConnEarly: 30_000,
    fixed,
    saturation: combineRounds(results),
    saturationRounds: rounds,
    serverCpuPerDelivery: 1e-5,
    clientCpuPerDelivery: 1e-5,
    fixedServerCpuPerDelivery: 1e-5,
    fixedClientCpuPerDelivery: 1e-5,
    hostSpeeds: [],
    othersCores: [],
    lost: 0,
    dropped: 0,
    frames: {},
    meanDeliveryFrame: 450,
    problems: {},
  };
}

const verdict = (ours: number[], bare: number[]) => {
  const scenario: ScenarioResult = {
    clients: 1000,
    rate: 50,
    results: { bare: target(bare), ours: target(ours) },
  };
  return checks([scenario]).find((c) => c.target.startsWith("saturation deliveries/s ≥ 80%"));
};

describe("saturation rounds", () => {
  it("takes the median round, the middle two averaged when their number is even", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    const combined = combineRounds([round(90_000), round(60_000, 5), round(120_000)]);
    expect(combined.deliveriesPerSec).toBe(90_000);
    expect(combined.lost).toBe(5);
    expect(combined.seconds).toBe(12);
  });

  it("compares ours with bare round by round, so a slow spell of the machine cancels out", () => {
    // The machine slowed down during the second pair of rounds. Ours is at
    // 0.8×, 0.83× and 0.78× of bare round by round; the ratio of the two
    // medians (70k against 90k, from different rounds) would say 0.78×.
    const bare = [100_000, 60_000, 90_000];
    const ours = [80_000, 50_000, 70_000];
    expect(pairedRatio(target(ours), target(bare))).toBeCloseTo(0.8);
    expect(verdict(ours, bare)?.verdict).toBe("PASS");
    expect(verdict(ours, bare)?.detail).toContain("the median of 3 rounds side by side");
  });

  it("misses when ours stays below 80% of bare in most pairs of rounds", () => {
    expect(verdict([96_000, 70_000, 45_000], [120_000, 100_000, 60_000])?.verdict).toBe("MISS");
  });

  it("falls back to the ratio of the medians when the rounds do not pair up", () => {
    expect(pairedRatio(target([80_000, 90_000]), target([100_000]))).toBeCloseTo(0.85);
  });
});

describe("fixed-rate rounds", () => {
  it("takes the percentiles over every delivery of every round, and keeps each round's p99", () => {
    // Two rounds of 100 deliveries, each with 2 slow ones: 12 ms in the
    // first, a 300 ms stall in the second. Each round's p99 is its 99th
    // delivery; over all 200, the 198th is one of the first round's.
    const rounds = [
      fixedRound([...Array(98).fill(10), 12, 12]),
      fixedRound([...Array(98).fill(10), 300, 300], 3),
    ];
    const fixed = combineFixed(rounds);
    expect(fixed.p50).toBe(10);
    expect(fixed.p99).toBe(12);
    expect(fixed.max).toBe(300);
    expect(fixed.roundP99s).toEqual([12, 300]);
    expect(fixed.lost).toBe(3);
    expect(fixed.seconds).toBe(20);
  });

  it("judges the 1,000-client p99 on the pooled figure and shows each round's", () => {
    const p99 = (rounds: number[][]) => {
      const ours = target([80_000], combineFixed(rounds.map((r) => fixedRound(r))));
      const scenario: ScenarioResult = { clients: 1000, rate: 50, results: { ours } };
      return checks([scenario]).find((c) => c.target.startsWith("p99 < 100 ms"));
    };
    const calm = [...Array(99).fill(40), 60],
      stalled = [...Array(90).fill(40), ...Array(10).fill(180)];
    expect(p99([calm, calm, calm])?.verdict).toBe("PASS");
    // One round in three stalled for 10% of its deliveries: 3.3% of all.
    const missed = p99([calm, stalled, calm]);
    expect(missed?.verdict).toBe("MISS");
    expect(missed?.detail).toContain("over 3 rounds (p99 of each: 40, 180, 40)");
  });
});

describe("targets that do not all fit under the open-files limit", () => {
  const all = (["bare", "sized", "socketio", "ours"] as const).map((key): Target => ({
    key,
    label: key,
    start: () => Promise.reject(new Error("not started in this test")),
  }));
  const keys = (groups: Target[][]) => groups.map((g) => g.map((t) => t.key));

  it("run together when they fit", () => {
    expect(keys(groupsThatFit(all, 1000, 20_000))).toEqual([["ours", "socketio", "bare", "sized"]]);
  });

  it("put ours with the targets its checks compare it to when only some fit", () => {
    // 5,000 clients under this machine's hard limit of 20,000 open files: three fit.
    expect(keys(groupsThatFit(all, 5000, 20_000))).toEqual([
      ["ours", "socketio", "bare"],
      ["sized"],
    ]);
    expect(keys(groupsThatFit(all, 5000, 13_000))).toEqual([["ours", "socketio"], [
      "bare",
      "sized",
    ]]);
  });

  it("run one at a time when not even two fit", () => {
    expect(keys(groupsThatFit(all, 5000, 8_000))).toEqual([["ours"], ["socketio"], ["bare"], [
      "sized",
    ]]);
  });
});
