/** Page helpers for the editor tests: open the editor, read markers, type, move sliders. */
import type { Page } from "playwright-core";
import type { Harness } from "./harness.js";

/** The part of a Monaco text model the tests use. */
interface ModelLike {
  getValue(): string;
  setValue(text: string): void;
  getVersionId(): number;
  getLineCount(): number;
  readonly uri: unknown;
}

/** The part of the editor's test handle (editor/src/app.ts `AppHandle`) the tests use. */
interface YardHandle {
  readonly monaco: {
    editor: { getModelMarkers(filter: { owner: string; resource: unknown }): { severity: number; startLineNumber: number; startColumn: number; endLineNumber: number; message: string }[] };
    MarkerSeverity: { Error: number };
  };
  readonly write: {
    readonly model: ModelLike;
    readonly client: { readonly latest: { version: number } | null; readonly timings: { totalMs: number; workerMs: number; lines: number }[] };
  };
  readonly whatif: {
    readonly timings: { totalMs: number; paintedMs: number; workerMs: number; drawMs: number; regions: number; via: "worker" | "server" }[];
    readonly mode: "idle" | "preparing" | "worker" | "server";
    overrides(): string[];
  };
}

declare global {
  interface Window {
    /** The editor's test handle (see editor/src/main.ts). */
    __yard: YardHandle;
  }
}

/** A marker as the tests compare it. */
export interface MarkerView {
  readonly severity: "error" | "warning";
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly message: string;
}

/** Opens the editor with the admin token and waits for it to start. */
export async function openPage(h: Harness): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("pageerror", (e) => console.log(`browser error: ${e.message}`));
  await page.goto(h.url);
  await page.waitForFunction(() => window.__yard !== undefined);
  return page;
}

/** Waits until the language worker has analysed the editor's current text. */
export async function waitForAnalysis(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__yard.write.client.latest?.version === window.__yard.write.model.getVersionId());
}

/** The editor's Yardstick markers, sorted by position, with the message's first line. */
export async function markers(page: Page): Promise<MarkerView[]> {
  return page.evaluate(() => {
    const { monaco, write } = window.__yard;
    return monaco.editor.getModelMarkers({ owner: "yardstick", resource: write.model.uri })
      .sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn)
      .map((m) => ({
        severity: m.severity === monaco.MarkerSeverity.Error ? "error" as const : "warning" as const,
        line: m.startLineNumber, col: m.startColumn, endLine: m.endLineNumber, message: m.message.split("\n")[0]!,
      }));
  });
}

/** Types a new last line into the editor with the keyboard. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator("[data-testid=editor] .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Home");
  await page.keyboard.insertText(text);
}

/** Sets a what-if slider as a user's drag would (value, then an input event). */
export async function setSlider(page: Page, path: string, value: number): Promise<void> {
  await page.locator(`[data-testid=sliders] input[data-path="${path}"]`).evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/** Sets the what-if sliders to 0 one after another until some ranking row moves; returns how many rows moved (0: none did). */
export async function zeroSlidersUntilRowsMove(page: Page): Promise<number> {
  const paths = await page.locator("[data-testid=sliders] input[type=range]").evaluateAll((els) => els.map((e) => e.getAttribute("data-path")!));
  for (const path of paths) {
    const before = await page.evaluate(() => window.__yard.whatif.timings.length);
    await setSlider(page, path, 0);
    await page.waitForFunction((n) => window.__yard.whatif.timings.length > n, before);
    const moved = await page.locator("[data-testid=whatif-table] tr.moved").count();
    if (moved > 0) return moved;
  }
  return 0;
}
