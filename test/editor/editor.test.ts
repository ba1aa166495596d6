/**
 * The web editor end to end in headless Chromium against the real server: open a sample scheme,
 * type an error and see its marker where the checker puts it, fix it, run on a stored dataset,
 * open a region's explanation, move a what-if slider and see ranks change, compare two versions.
 * Screenshots of each step go to test-artifacts/editor/. Skips without Chromium unless
 * YARDSTICK_REQUIRE_ALL=1.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, formatSource } from "../../dsl/index.js";
import { ARTIFACTS, api, missingBrowser, startHarness, type Harness } from "./harness.js";
import { diagnosticsLatency, rerankTime } from "./measure.js";
import { byRank, expectedTable, rankingRows, readSheet } from "./oracle.js";
import { markers, openPage, typeAtEnd, waitForAnalysis, zeroSlidersUntilRowsMove, type MarkerView } from "./page.js";

const SCHEME = "county-annual";
const DATASET = "county-annual/2026";
const PREV = "county-annual/2025";
const missing = missingBrowser();
const required = process.env["YARDSTICK_REQUIRE_ALL"] === "1";

if (missing && !required) console.log(`test/editor: skipped: ${missing}`);

it("has Chromium when every environment-dependent test is required (YARDSTICK_REQUIRE_ALL=1)", () => {
  expect(required ? missing : null).toBeNull();
});

describe.skipIf(missing !== null)("the web editor", () => {
  let h: Harness;
  let page: Page;
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  beforeAll(async () => {
    h = await startHarness();
    page = await openPage(h);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it("opens a sample scheme with its outline and no problems", async () => {
    const head = await api<{ version: { source: string } }>(h, "GET", `/schemes/${SCHEME}/versions/head`);
    await page.selectOption("[data-testid=scheme-select]", SCHEME);
    await page.waitForFunction((src) => window.__yard.write.model.getValue() === src, head.version.source);
    await waitForAnalysis(page);
    expect(await page.locator("[data-testid=outline] .node").count()).toBeGreaterThan(3);
    expect(await markers(page)).toEqual([]);
    await expect.poll(() => page.locator("[data-testid=problem-count]").textContent()).toBe("没有发现问题");
    await shot("01-open");
  });

  it("shows a typed error where the checker puts it, then clears it when fixed", async () => {
    const before = await page.evaluate(() => window.__yard.write.model.getValue());
    const typed = "input 错误字段 percnt label \"拼错的类型\"";
    await typeAtEnd(page, typed);
    const text = await page.evaluate(() => window.__yard.write.model.getValue());
    const expected: MarkerView[] = compile(text).diagnostics.map((d) => ({
      severity: d.severity, line: d.span.line, col: d.span.col, endLine: d.span.endLine, message: d.message,
    }));
    expect(expected.length).toBeGreaterThan(0);
    const typedLine = text.split("\n").findIndex((l) => l.includes("percnt")) + 1;
    expect(expected[0]!.line).toBe(typedLine);
    await expect.poll(() => markers(page)).toEqual(expected);
    await page.locator(".squiggly-error").first().waitFor();
    await page.locator("[data-testid=problems] .problem.error").first().waitFor();
    const box = await page.locator(".squiggly-error").first().boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    const firstError = expected.find((m) => m.severity === "error")!;
    await page.locator(".monaco-hover").getByText(firstError.message).first().waitFor({ timeout: 10_000 });
    await shot("02-error");

    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+End");
    await page.keyboard.press("Delete");
    await page.keyboard.press("Backspace");
    await page.waitForFunction((src) => window.__yard.write.model.getValue() === src, before);
    await expect.poll(() => markers(page)).toEqual([]);
    await shot("03-fixed");
  });

  it("runs on a stored dataset and shows the results table", async () => {
    await page.click("[data-tab=run]");
    await page.locator(`[data-testid=dataset-select] option[value="${DATASET}"]`).waitFor({ state: "attached" });
    await page.selectOption("[data-testid=dataset-select]", DATASET);
    expect(await page.locator("[data-testid=prev-select]").inputValue()).toBe("county-annual/2025");
    await page.click("[data-testid=run]");
    await page.locator("[data-testid=results-table] tbody tr").first().waitFor();
    const rows = await page.locator("[data-testid=results-table] tbody tr").count();
    expect(rows).toBe(40);
    expect(await page.locator("[data-testid=results-table] .grade").count()).toBe(40);
    await page.click("[data-testid=results-table] th[data-key=total]");
    const totals = await page.locator("[data-testid=results-table] tbody td.col-total").allTextContents();
    const nums = totals.map(Number);
    expect([...nums].sort((a, b) => b - a)).toEqual(nums);
    await shot("04-results");
  });

  it("opens a region's explanation with a contribution chart", async () => {
    const region = await page.locator("[data-testid=results-table] tbody tr").first().getAttribute("data-region");
    await page.locator("[data-testid=results-table] tbody tr").first().click();
    await page.locator("[data-testid=contribution-chart] svg .bar").first().waitFor();
    expect(await page.locator("[data-testid=explain] .panel-title").textContent()).toContain(region!);
    expect(await page.locator("[data-testid=contribution-chart] svg .bar").count()).toBeGreaterThan(1);
    await shot("05-explain");
  });

  it("exports the results as XLSX, written in the browser from the engine's results table", async () => {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click("[data-testid=export-xlsx]")]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheet = await readSheet(await download.path());
    const expected = await expectedTable(h, SCHEME, DATASET, PREV);
    expect(sheet[0]).toEqual(expected.columns.map((c) => c.label));
    expect(sheet.slice(1)).toEqual(expected.rows.map((r) => r.map((c) => c ?? null)));
  });

  it("re-ranks live in the browser when a what-if slider moves, as the server would", async () => {
    await page.click("[data-tab=whatif]");
    await page.locator("[data-testid=sliders] input[type=range]").first().waitFor();
    await page.waitForFunction(() => window.__yard.whatif.mode === "worker");
    expect(await zeroSlidersUntilRowsMove(page)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__yard.whatif.timings.at(-1)!.via)).toBe("worker");
    const overrides = await page.evaluate(() => window.__yard.whatif.overrides());
    const server = await api<{ results: { regions: { region: string; total: number; grade: string | null; ranks: Record<string, number> }[] } }>(h, "POST", `/schemes/${SCHEME}/versions/head/whatif`,
      { type: "application/json", data: JSON.stringify({ overrides, stored: DATASET, prevStored: PREV }) });
    const want = server.results.regions.map((r) => [r.region, String(r.ranks["overall"]), String(Math.round(r.total * 100) / 100), r.grade ?? "—"]).sort(byRank);
    expect(await rankingRows(page)).toEqual(want);
    await shot("06-whatif");
  });

  it("runs the sensitivity job with progress and draws rank intervals", async () => {
    await page.click("[data-tab=sensitivity]");
    await page.fill("[data-testid=samples]", "200");
    await page.click("[data-testid=sensitivity-run]");
    await page.locator("[data-testid=sensitivity-chart] svg .interval").first().waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid=sensitivity-chart] svg .interval").count()).toBe(40);
    await shot("08-sensitivity");
  });

  it("formats the document with the shared formatter", async () => {
    await page.click("[data-tab=write]");
    const text = await page.evaluate(() => window.__yard.write.model.getValue());
    const messy = text.replace(/^(dimension .*)$/m, "   $1   ");
    await page.evaluate((t) => window.__yard.write.model.setValue(t), messy);
    await page.click("[data-testid=format]");
    await page.waitForFunction((t) => window.__yard.write.model.getValue() === t, formatSource(messy).text!);
    await page.evaluate((t) => window.__yard.write.model.setValue(t), text);
  });

  it("compares two versions side by side with the structural diff", async () => {
    await page.click("[data-tab=write]");
    await page.evaluate(() => {
      const m = window.__yard.write.model;
      m.setValue(m.getValue().replace(/^scheme "([^"]*)"/m, 'scheme "$1（修订）"'));
    });
    await page.click("[data-testid=save]");
    await page.fill("[data-testid=dialog-input]", "修订标题");
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=notice-info]").waitFor();
    await page.click("[data-tab=history]");
    await page.locator("[data-testid=compare-2]").click();
    await page.locator("[data-testid=diff-summary] .change").first().waitFor();
    expect(await page.locator("[data-testid=diff-summary] .change").first().textContent()).toContain("（修订）");
    await page.locator("[data-testid=diff-editor] .modified-in-monaco-diff-editor .line-insert").first().waitFor({ state: "attached" });
    await shot("07-diff");
  });

  it("falls back to the server when the browser cannot compute", async () => {
    const csv = await (await fetch(`${h.server.url}/api/datasets/${DATASET}`, { headers: { Authorization: `Bearer ${h.token}` } })).text();
    const fewer = `${csv.trimEnd().split("\n").slice(0, -1).join("\n")}\n`;
    await api(h, "PUT", "/datasets/county-fallback/2026?replace=true", { type: "text/csv", data: fewer });
    await page.route("**/api/datasets/county-fallback/2026", (r) => r.fulfill({ status: 503, contentType: "application/problem+json", body: JSON.stringify({ title: "unavailable", status: 503 }) }));
    try {
      await page.reload();
      await page.waitForFunction(() => window.__yard !== undefined);
      await page.selectOption("[data-testid=scheme-select]", SCHEME);
      await waitForAnalysis(page);
      await page.click("[data-tab=run]");
      await page.locator('[data-testid=dataset-select] option[value="county-fallback/2026"]').waitFor({ state: "attached" });
      await page.selectOption("[data-testid=dataset-select]", "county-fallback/2026");
      await page.selectOption("[data-testid=prev-select]", PREV);
      await page.click("[data-testid=run]");
      await page.locator("[data-testid=results-table] tbody tr").first().waitFor();
      await page.click("[data-tab=whatif]");
      await page.waitForFunction(() => window.__yard.whatif.mode === "server");
      expect(await zeroSlidersUntilRowsMove(page)).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.__yard.whatif.timings.at(-1)!.via)).toBe("server");
      expect(await page.locator("[data-testid=whatif-table] tbody tr").count()).toBe(39);
    } finally {
      await page.unroute("**/api/datasets/county-fallback/2026");
    }
  });

  it("measures diagnostics latency and slider re-rank time (printed, not asserted)", async () => {
    const figures = { diagnostics: await diagnosticsLatency(page, 1000, 20), ...(await rerankTime(h, page, 48, 60)) };
    await shot("09-whatif-county");
    console.log(`editor bench: ${JSON.stringify(figures)}`);
    writeFileSync(join(ARTIFACTS, "bench.json"), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
    expect(figures.diagnostics.samples).toBe(20);
    expect(figures.rerank.samples).toBe(48);
    expect(figures.rerank["regions"]).toBe(2844);
    expect(figures.rerank["worker"]).toBe(1);
    expect(figures.drag["answered"]).toBeGreaterThan(0);
    // The ranking is virtualised: a window of rows, and scrolled to the end it shows what the server computes.
    const rows = page.locator("[data-testid=whatif-table] tbody tr");
    expect(await rows.count()).toBeLessThan(200);
    await page.locator(".ranking-scroll").evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const overrides = await page.evaluate(() => window.__yard.whatif.overrides());
    const server = await api<{ results: { regions: { region: string; total: number; grade: string | null; ranks: Record<string, number> }[] } }>(h, "POST", "/schemes/county-bench/versions/head/whatif",
      { type: "application/json", data: JSON.stringify({ overrides, stored: "county-bench/2026", prevStored: "county-bench/2025" }) });
    const want = server.results.regions.map((r) => [r.region, String(r.ranks["overall"]), String(Math.round(r.total * 100) / 100), r.grade ?? "—"]).sort(byRank);
    await expect.poll(() => rows.last().getAttribute("data-region")).toBe(want.at(-1)![0]);
    const shown = await rankingRows(page);
    expect(shown).toEqual(want.slice(want.length - shown.length));
  }, 600_000);
});
