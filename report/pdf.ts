/** Prints the report's HTML to PDF with headless Chromium (the Debian package; see .ci/run). */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** Where Chromium is: `CHROMIUM_PATH`, else the Debian package's path. */
export function chromiumPath(): string | null {
  const candidates = [process.env["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Flags that keep headless Chromium quiet and offline. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Renders HTML to an A4 PDF; an error value (not a throw) when Chromium is missing or fails. */
export async function htmlToPdf(html: string): Promise<{ pdf: Uint8Array } | { error: string }> {
  const executablePath = chromiumPath();
  if (!executablePath) return { error: "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)" };
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    return { pdf };
  } catch (e) {
    return { error: `Chromium could not print the report: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
  } finally {
    await browser?.close();
  }
}
