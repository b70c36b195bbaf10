/**
 * Draws the app icons once (`deno run -A server/tools/generate_icons.ts`); the PNGs
 * are committed. Chromium rasterises the same glyph as `favicon.svg`:
 * `icon-192.png` and `icon-512.png` with rounded corners (purpose "any"),
 * and `maskable-512.png` full-bleed with the glyph inside the 80 % safe
 * circle that launchers may crop to.
 */
import { chromium } from "@playwright/test";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL("../../static/icons/", import.meta.url));
const BRAND = "#4752c4";
const BUBBLE =
  "M16 20a6 6 0 0 1 6-6h20a6 6 0 0 1 6 6v16a6 6 0 0 1-6 6H30l-10 8v-8h2a6 6 0 0 1-6-6z";

/** The glyph on a 64×64 canvas; `maskable` fills the square and shrinks the bubble to the safe zone. */
function svg(size: number, maskable: boolean): string {
  const background = maskable
    ? `<rect width="64" height="64" fill="${BRAND}"/>`
    : `<rect width="64" height="64" rx="16" fill="${BRAND}"/>`;
  const bubble = maskable
    ? `<path d="${BUBBLE}" fill="#fff" transform="translate(32 32) scale(0.7) translate(-32 -32)"/>`
    : `<path d="${BUBBLE}" fill="#fff"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}">` +
    background + bubble + `</svg>`;
}

const ICONS = [
  { file: "icon-192.png", size: 192, maskable: false },
  { file: "icon-512.png", size: 512, maskable: false },
  { file: "maskable-512.png", size: 512, maskable: true },
];

const browser = await chromium.launch({
  executablePath: Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  for (const { file, size, maskable } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg(size, maskable)}</body></html>`,
    );
    await page.locator("svg").screenshot({ path: `${OUT}${file}`, omitBackground: true });
    await page.close();
    console.log(`wrote static/icons/${file}`);
  }
} finally {
  await browser.close();
}
