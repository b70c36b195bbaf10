/**
 * The scroll benchmark's table and its PASS / MISS line: smooth means a
 * frame p95 of at most 33 ms (no more than one missed vsync at 60 Hz), no
 * frame over 200 ms, and at most 300 message articles in the DOM.
 */
import type { Check } from "./report.ts";
import type { FrameStats, ScrollResult, ScrollRun } from "./pwa_scroll.ts";

const P95_MS = 33;
const MAX_MS = 200;
const ARTICLES = 300;

function frames(s: FrameStats): string {
  return `p50 ${s.p50}  p95 ${s.p95}  max ${s.max}  >50 ms: ${s.over50} of ${s.count}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function runLines(label: string, run: ScrollRun): string[] {
  return [
    `  ${label}: first render ${run.firstRenderMs} ms; up ${(run.upMs / 1000).toFixed(1)} s` +
    (run.waitFrames ? ` (${run.waitFrames} frames waiting for older pages)` : "") +
    `, down ${(run.downMs / 1000).toFixed(1)} s`,
    `    frames (ms)  all:  ${frames(run.frames)}`,
    `                 up:   ${frames(run.upFrames)}`,
    `                 down: ${frames(run.downFrames)}`,
    `    long animation frames ${run.longFrames.count} (max ${run.longFrames.maxMs} ms); ` +
    `articles in the DOM max ${run.maxArticles} (at the end ${run.endArticles}); ` +
    `DOM nodes ${run.domNodes}; JS heap ${mb(run.heapBytes.opened)} opened → ` +
    `${mb(run.heapBytes.scrolled)} after the scroll`,
  ];
}

/** The scroll section of the PWA report. */
export function scrollLines(result: ScrollResult): string[] {
  const { app, baseline } = result;
  return [
    `\n== PWA: scrolling ${result.messages} messages top and bottom, ` +
    `${result.step} px per frame (load average ${result.loadAverage.join(" → ")}) ==`,
    ...runLines("app (virtualised, infinite loading)", app),
    ...runLines("static page, every article pre-rendered", baseline),
    `  ratio app/static: frame p95 ${(app.frames.p95 / baseline.frames.p95).toFixed(2)}×, ` +
    `DOM articles ${(app.maxArticles / baseline.maxArticles).toFixed(3)}×, ` +
    `DOM nodes ${(app.domNodes / baseline.domNodes).toFixed(3)}×`,
  ];
}

/** PASS when the app's scroll is smooth and its DOM bounded. */
export function scrollCheck(result: ScrollResult | { error: string }): Check {
  const target = `${"error" in result ? "10000" : result.messages}-message scroll smooth ` +
    `(p95 ≤ ${P95_MS} ms, no frame > ${MAX_MS} ms, ≤ ${ARTICLES} articles)`;
  if ("error" in result) return { target, verdict: "n/a", detail: result.error };
  const { frames, maxArticles } = result.app;
  const smooth = frames.p95 <= P95_MS && frames.over200 === 0 && maxArticles <= ARTICLES;
  return {
    target,
    verdict: smooth ? "PASS" : "MISS",
    detail: `p95 ${frames.p95} ms, max ${frames.max} ms, ${frames.over50} frames > 50 ms, ` +
      `${maxArticles} articles (static page: p95 ${result.baseline.frames.p95} ms, ` +
      `${result.baseline.maxArticles} articles)`,
  };
}
