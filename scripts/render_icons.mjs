// Renders the app icons (www/icons/icon-192.png, icon-512.png) from www/icons/icon.svg with
// Debian's Chromium. Run after changing the SVG:   node scripts/render_icons.mjs
// The SVG fills its square and keeps its drawing in the middle 60%, so it also serves as a
// "maskable" icon (launchers cut it to a circle or rounded square).

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";

const ICONS = join(import.meta.dirname, "..", "www", "icons");
const svg = await readFile(join(ICONS, "icon.svg"), "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: join(ICONS, `icon-${size}.png`) });
    await page.close();
  }
} finally {
  await browser.close();
}
