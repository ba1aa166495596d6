/**
 * The bulletin (考核通报): a golden test of its HTML on the engine's county fixture (compared
 * with the same run without last year's data, so rank changes show), and a real PDF printed by headless Chromium whose
 * pages, turned to images by pdftoppm, must not be blank.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { buildBulletin } from "../../engine/bulletin/model.js";
import { loadDataset } from "../../engine/data/index.js";
import { buildProgram, evaluate, type Results } from "../../engine/index.js";
import { bulletinHtml } from "../../report/html.js";
import { chromiumPath, htmlToPdf } from "../../report/pdf.js";

const FIXTURE = "test/engine/golden/county";
const GOLDEN = "test/golden/report/county.html";
const requireAll = process.env["YARDSTICK_REQUIRE_ALL"] === "1";

async function run(dataFile: string, prevFile?: string): Promise<Results> {
  const checked = compile(readFileSync(`${FIXTURE}.yard`, "utf8"), "county.yard");
  const load = async (file: string, previous = false) => {
    const { dataset, issues } = await loadDataset(checked, { name: file, text: readFileSync(file, "utf8") }, { previous });
    if (!dataset) throw new Error(issues.map((i) => i.message).join("\n"));
    return dataset;
  };
  const { program } = buildProgram(checked);
  const prev = prevFile ? await load(prevFile, true) : null;
  const { results, issues } = evaluate(program!, await load(dataFile), { prev });
  if (!results) throw new Error(issues.map((i) => i.message).join("\n"));
  return results;
}

async function bulletin(): Promise<string> {
  const now = await run(`${FIXTURE}.data.json`, `${FIXTURE}.prev.json`);
  const before = await run(`${FIXTURE}.data.json`);
  return bulletinHtml(buildBulletin(now, { previous: { label: "不计上年数据的结果", results: before } }));
}

describe("bulletin", () => {
  it("renders the county fixture exactly as the golden HTML", async () => {
    const html = await bulletin();
    if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(GOLDEN)) writeFileSync(GOLDEN, html);
    expect(html).toBe(readFileSync(GOLDEN, "utf8"));
    expect(html).toContain("名次变化");
    const regions = JSON.parse(readFileSync(`${FIXTURE}.data.json`, "utf8")).length;
    expect(html.match(/class="page"/g)?.length).toBe(regions);
  });

  const browser = chromiumPath();
  if (!browser) console.warn("bulletin PDF test skipped: Chromium is not installed (apt-get install chromium)");
  it.skipIf(!browser && !requireAll)("prints to a PDF whose pages are not blank", async () => {
    const printed = await htmlToPdf(await bulletin());
    if ("error" in printed) throw new Error(printed.error);
    expect(Buffer.from(printed.pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    mkdirSync("test-artifacts/report", { recursive: true });
    writeFileSync("test-artifacts/report/county.pdf", printed.pdf);
    execFileSync("pdftoppm", ["-gray", "-r", "30", "test-artifacts/report/county.pdf", "test-artifacts/report/page"]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["test-artifacts/report/county.pdf"]).toString())![1]);
    expect(pages).toBeGreaterThanOrEqual(9);
    for (let p = 1; p <= pages; p++) {
      const file = `test-artifacts/report/page-${String(p).padStart(String(pages).length, "0")}.pgm`;
      expect(inkShare(readFileSync(file))).toBeGreaterThan(0.002);
    }
  }, 120_000);
});

/** The share of dark pixels in a binary PGM image. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString("latin1"))!;
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const v of pixels) if (v < 160) dark++;
  return dark / pixels.length;
}
