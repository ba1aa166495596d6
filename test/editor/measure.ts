/**
 * In-browser measurements for the editor benchmark: keystroke-to-markers latency on a generated
 * scheme, and slider-to-ranking time of the what-if view on the county benchmark workload (2,844
 * regions × 200 indicators, bench/county-workload.ts). Returns figures; never asserts on time.
 */
import type { Page } from "playwright-core";
import { COUNTY_REGIONS, countyCsv, countyData, countyScheme, countySpec } from "../../bench/county-workload.js";
import { generateScheme } from "../../bench/generate-scheme.js";
import { api, type Harness } from "./harness.js";
import { setSlider, waitForAnalysis } from "./page.js";

/** Summary of a list of milliseconds. */
export interface Figures {
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly [extra: string]: number;
}

function summarise(ms: readonly number[], extra: Record<string, number>): Figures {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return { samples: s.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1), ...extra };
}

/** Types `count` characters one at a time into a `lines`-line scheme, each time waiting for its markers. */
export async function diagnosticsLatency(page: Page, lines: number, count: number): Promise<Figures> {
  const text = generateScheme(lines);
  await page.click("[data-tab=write]");
  await page.evaluate((t) => window.__yard.write.model.setValue(t), text);
  await waitForAnalysis(page);
  const real = await page.evaluate(() => window.__yard.write.model.getLineCount());
  const ms: number[] = [];
  const worker: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(() => window.__yard.write.client.timings.length);
    await page.evaluate(() => {
      const e = (window.__yard.write as unknown as { editor: { setPosition(p: object): void; focus(): void } }).editor;
      e.setPosition({ lineNumber: 1, column: 1000 });
      e.focus();
    });
    await page.keyboard.type(i % 2 === 0 ? " " : "x");
    await page.waitForFunction((n) => window.__yard.write.client.timings.length > n && window.__yard.write.client.latest?.version === window.__yard.write.model.getVersionId(), before);
    const last = await page.evaluate(() => window.__yard.write.client.timings.at(-1)!);
    ms.push(last.totalMs);
    worker.push(last.workerMs);
  }
  return summarise(ms, { lines: real, workerMedianMs: summarise(worker, {}).medianMs });
}

/** The county benchmark workload (bench/county-workload.ts) stored through the API: its scheme and two periods. */
async function storeCountyWorkload(h: Harness): Promise<{ scheme: string; indicators: number }> {
  const spec = countySpec();
  const { data, prev } = countyData(spec, COUNTY_REGIONS);
  const scheme = "county-bench";
  await api(h, "POST", "/schemes", { type: "application/json", data: JSON.stringify({ name: scheme, source: countyScheme(spec), message: "county benchmark workload" }) });
  await api(h, "PUT", `/datasets/${scheme}/2026?replace=true`, { type: "text/csv", data: countyCsv(data) });
  await api(h, "PUT", `/datasets/${scheme}/2025?replace=true`, { type: "text/csv", data: countyCsv(prev) });
  return { scheme, indicators: spec.indicators.length };
}

/** Slider values to cycle through by tree depth (points: dimensions 25, sub-dimensions 5, indicators 0.5). */
const MOVES: Readonly<Record<number, readonly number[]>> = { 0: [20, 30, 15, 35], 1: [3, 7, 4, 6], 2: [1, 0, 1.5, 0.5] };

/** Which sliders to move, in order: a mix of every level of the tree (2 dimensions : 4 sub-dimensions : 6 indicators). */
function moveList(paths: readonly string[], count: number): { path: string; value: number; depth: number }[] {
  const byDepth = [0, 1, 2].map((d) => paths.filter((p) => p.split(".").length - 1 === d));
  const pattern = [0, 2, 1, 2, 2, 1, 0, 2, 1, 2, 1, 2];
  const used = [0, 0, 0];
  return Array.from({ length: count }, (_, i) => {
    const depth = pattern[i % pattern.length]!;
    const k = used[depth]!++;
    const list = byDepth[depth]!;
    // Spread over the tree: step through the level's sliders by a stride coprime with their count.
    return { path: list[(k * 7) % list.length]!, value: MOVES[depth]![k % 4]!, depth };
  });
}

/**
 * Stores the county workload (2,844 regions × 200 indicators), runs it, waits for the what-if
 * worker's base run, then moves `moves` sliders one at a time (each answered before the next),
 * and drags one slider through `drag` values at 60 Hz without waiting (coalesced). Timings are
 * from the input event to the ranking redrawn (and to the next painted frame).
 */
export async function rerankTime(h: Harness, page: Page, moves: number, drag: number): Promise<{ rerank: Figures; drag: Figures }> {
  const { scheme, indicators } = await storeCountyWorkload(h);
  await page.reload();
  await page.waitForFunction(() => window.__yard !== undefined);
  await page.selectOption("[data-testid=scheme-select]", scheme);
  await waitForAnalysis(page);
  await page.click("[data-tab=run]");
  await page.locator(`[data-testid=dataset-select] option[value="${scheme}/2026"]`).waitFor({ state: "attached" });
  await page.selectOption("[data-testid=dataset-select]", `${scheme}/2026`);
  await page.selectOption("[data-testid=prev-select]", `${scheme}/2025`);
  const t0 = Date.now();
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=results-table] tbody tr").first().waitFor({ timeout: 300_000 });
  const runMs = Date.now() - t0;
  const regions = await page.locator("[data-testid=results-table] tbody tr").count();
  await page.click("[data-tab=whatif]");
  await page.waitForFunction(() => window.__yard.whatif.mode === "worker" || window.__yard.whatif.mode === "server", null, { timeout: 300_000 });
  const readyMs = Date.now() - t0;
  const mode = await page.evaluate(() => window.__yard.whatif.mode);
  const paths = await page.locator("[data-testid=sliders] input[type=range]").evaluateAll((els) => els.map((e) => e.getAttribute("data-path")!));
  const list = moveList(paths, moves);
  const start = await page.evaluate(() => window.__yard.whatif.timings.length);
  for (const m of list) {
    const before = await page.evaluate(() => window.__yard.whatif.timings.length);
    await setSlider(page, m.path, m.value);
    await page.waitForFunction((n) => window.__yard.whatif.timings.length > n, before, { timeout: 120_000 });
  }
  const timed = (await page.evaluate(() => window.__yard.whatif.timings)).slice(start);
  const at = (d: number): number[] => timed.filter((_, k) => list[k]!.depth === d).map((x) => x.totalMs);
  const dragged = await dragSlider(page, list.find((m) => m.depth === 1)!.path, drag);
  return {
    rerank: summarise(timed.map((x) => x.totalMs), {
      regions, indicators, worker: mode === "worker" ? 1 : 0, runToResultsMs: runMs, runToWorkerReadyMs: readyMs,
      paintedMedianMs: summarise(timed.map((x) => x.paintedMs), {}).medianMs, paintedP95Ms: summarise(timed.map((x) => x.paintedMs), {}).p95Ms,
      workerMedianMs: summarise(timed.map((x) => x.workerMs), {}).medianMs,
      drawMedianMs: summarise(timed.map((x) => x.drawMs), {}).medianMs,
      firstHalfMedianMs: summarise(timed.slice(0, moves / 2).map((x) => x.totalMs), {}).medianMs,
      secondHalfMedianMs: summarise(timed.slice(moves / 2).map((x) => x.totalMs), {}).medianMs,
      dimensionMedianMs: summarise(at(0), {}).medianMs, subDimensionMedianMs: summarise(at(1), {}).medianMs, indicatorMedianMs: summarise(at(2), {}).medianMs,
    }),
    drag: dragged,
  };
}

/** Drags one slider through `count` values (down to 0 and back), one input event per 16 ms frame, without waiting for answers. */
async function dragSlider(page: Page, path: string, count: number): Promise<Figures> {
  const before = await page.evaluate(() => window.__yard.whatif.timings.length);
  await page.locator(`[data-testid=sliders] input[data-path="${path}"]`).evaluate(async (el, n) => {
    const input = el as HTMLInputElement;
    // Down from the current value to 0 and back, so the siblings' shares never add up to more than before.
    const steps = Math.max(1, Math.round(Number(input.value) / 0.5));
    for (let k = 0; k < n; k++) {
      const phase = k % (2 * steps);
      input.value = String((phase <= steps ? steps - phase : phase - steps) * 0.5);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 16));
    }
  }, count);
  // The last value is always computed; wait until nothing is pending (no new timing for 500 ms).
  let seen = -1;
  for (;;) {
    const now = await page.evaluate(() => window.__yard.whatif.timings.length);
    if (now === seen) break;
    seen = now;
    await page.waitForTimeout(500);
  }
  const timed = (await page.evaluate(() => window.__yard.whatif.timings)).slice(before);
  return summarise(timed.map((x) => x.totalMs), { inputs: count, answered: timed.length });
}
