/**
 * In-browser measurements for the editor benchmark: keystroke-to-markers latency on a generated
 * scheme, and slider-to-ranking time of the what-if view on a large dataset (the county sample
 * replicated). Returns figures; never asserts on time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { generateScheme } from "../../bench/generate-scheme.js";
import { api, ROOT, type Harness } from "./harness.js";
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

/** A large dataset: the county sample's rows `times` over, region names suffixed, numbers nudged. */
function replicate(csv: string, times: number): string {
  const [header, ...rows] = csv.replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/);
  const out = [header!];
  for (let k = 0; k < times; k++) {
    for (const [j, row] of rows.entries()) {
      const cells = row.split(",");
      cells[0] = `${cells[0]}${k}`;
      for (let c = 1; c < cells.length; c++) {
        const v = cells[c]!;
        if (/^-?\d+(\.\d+)?$/.test(v) && v.includes(".")) cells[c] = (Number(v) * (1 - ((k * 31 + j * 7 + c) % 11) / 200)).toFixed(2);
      }
      out.push(cells.join(","));
    }
  }
  return `${out.join("\n")}\n`;
}

/** Runs the open scheme on the replicated county data and moves what-if sliders `moves` times. */
export async function rerankTime(h: Harness, page: Page, times: number, moves: number): Promise<Figures> {
  const dir = join(ROOT, "schemes", "data");
  for (const period of ["2026", "2025"]) {
    const file = period === "2026" ? "county-annual.csv" : "county-annual.prev.csv";
    await api(h, "PUT", `/datasets/county-large/${period}?replace=true`, { type: "text/csv", data: replicate(readFileSync(join(dir, file), "utf8"), times) });
  }
  await page.selectOption("[data-testid=scheme-select]", "county-annual");
  await waitForAnalysis(page);
  await page.click("[data-tab=run]");
  await page.reload();
  await page.waitForFunction(() => window.__yard !== undefined);
  await page.selectOption("[data-testid=scheme-select]", "county-annual");
  await waitForAnalysis(page);
  await page.click("[data-tab=run]");
  await page.locator('[data-testid=dataset-select] option[value="county-large/2026"]').waitFor({ state: "attached" });
  await page.selectOption("[data-testid=dataset-select]", "county-large/2026");
  await page.selectOption("[data-testid=prev-select]", "county-large/2025");
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=results-table] tbody tr").first().waitFor({ timeout: 120_000 });
  const regions = await page.locator("[data-testid=results-table] tbody tr").count();
  await page.click("[data-tab=whatif]");
  const paths = await page.locator("[data-testid=sliders] input[type=range]").evaluateAll((els) => els.map((e) => e.getAttribute("data-path")!));
  for (let i = 0; i < moves; i++) {
    const before = await page.evaluate(() => window.__yard.whatif.timings.length);
    await setSlider(page, paths[i % paths.length]!, i % 3);
    await page.waitForFunction((n) => window.__yard.whatif.timings.length > n, before, { timeout: 120_000 });
  }
  const ms = await page.evaluate(() => window.__yard.whatif.timings.map((t) => t.totalMs));
  return summarise(ms.slice(-moves), { regions });
}
