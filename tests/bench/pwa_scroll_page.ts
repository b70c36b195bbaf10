/**
 * What runs inside the page for the scroll benchmark: a driver that scrolls
 * a message log by a fixed step every animation frame, to the top (through
 * infinite loading) or the bottom, recording each frame's duration (the
 * delta between `requestAnimationFrame` callbacks), long animation frames,
 * and how many `<article>` elements the log holds; and the static baseline
 * page with every message pre-rendered.
 */
import { benchAuthor, benchText } from "./pwa_scroll_seed.ts";

/** Arguments of {@link scrollThrough}. */
export interface DriveArgs {
  /** The scrolling log. */
  log: string;
  /** Present only once the log's history has no more to load (the channel's start). */
  start: string;
  direction: "up" | "down";
  /** Pixels per frame. */
  step: number;
  timeoutMs: number;
}

/** What one drive recorded. */
export interface DriveTrace {
  /** Frame durations in ms. */
  frames: number[];
  /** Durations of long animation frames (≥ 50 ms, by the browser's own account). */
  longFrames: number[];
  maxArticles: number;
  endArticles: number;
  /** Frames spent at the top waiting for older history. */
  waitFrames: number;
  ms: number;
  reached: boolean;
}

/**
 * Scrolls `args.log` one step per frame until the end in `args.direction`
 * (for "up": the top with the channel's start shown). Serialised into the
 * page by Playwright, so it must stand alone.
 */
export function scrollThrough(args: DriveArgs): Promise<DriveTrace> {
  const log = document.querySelector<HTMLElement>(args.log);
  if (!log) throw new Error(`no element ${args.log}`);
  const articles = log.getElementsByTagName("article");
  const longFrames: number[] = [];
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longFrames.push(entry.duration);
    });
    observer.observe({ type: "long-animation-frame" });
  } catch {
    observer?.observe({ type: "longtask" });
  }
  const frames: number[] = [];
  let maxArticles = articles.length;
  let waitFrames = 0;
  const began = performance.now();
  return new Promise((resolve) => {
    let last = 0;
    const finish = (reached: boolean) => {
      observer?.disconnect();
      resolve({
        frames,
        longFrames,
        maxArticles,
        endArticles: articles.length,
        waitFrames,
        ms: performance.now() - began,
        reached,
      });
    };
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      maxArticles = Math.max(maxArticles, articles.length);
      if (now - began > args.timeoutMs) return finish(false);
      if (args.direction === "up") {
        if (log.scrollTop <= 0) {
          if (document.querySelector(args.start)) return finish(true);
          waitFrames++;
        }
        log.scrollTop -= args.step;
      } else {
        if (log.scrollTop + log.clientHeight >= log.scrollHeight - 1) return finish(true);
        log.scrollTop += args.step;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A static page with all `n` messages pre-rendered as articles in a
 * scrolling log of the app's size: the non-virtualised floor.
 */
export function baselineScrollHtml(n: number): string {
  const authors = ["scroll", "peer"];
  const rows: string[] = [];
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const author = benchAuthor(i);
    const head = author !== previous ? `<h3>${authors[author]} <time>12:00</time></h3>` : "";
    previous = author;
    rows.push(`<article>${head}<p>${escape(benchText(i))}</p></article>`);
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title>` +
    `<style>html,body{margin:0;height:100%;font:16px/1.375 sans-serif}` +
    `main{display:flex;flex-direction:column;height:100%}` +
    `.scroller{flex:1;min-height:0;overflow-y:auto}article{padding:2px 16px 2px 72px}` +
    `h3{margin:12px 0 0;font-size:1rem}p{margin:0;white-space:pre-wrap}</style></head>` +
    `<body><main><div class="scroller" role="log" aria-label="Messages">` +
    `<div class="log-top"><h2>#general</h2></div>${rows.join("")}</div></main></body></html>`;
}
