/**
 * `yardstick report SCHEME DATA [--prev D] [--against OLD_SCHEME] [--out report.pdf|report.html]`:
 * the bulletin (考核通报) of a run, as HTML or as a PDF printed by headless Chromium. Rank changes
 * are shown against an older version of the scheme (`--against`) or, with `--prev`, against the
 * same scheme run on last period's data.
 */
import { buildBulletin } from "../engine/bulletin/model.js";
import type { Results } from "../engine/index.js";
import { bulletinHtml } from "../report/html.js";
import { htmlToPdf } from "../report/pdf.js";
import { evaluateFiles } from "./eval.js";
import { splitArgs, writeOutput } from "./files.js";

const USAGE = "usage: yardstick report SCHEME DATA [--prev DATA] [--against OLD_SCHEME] [--out FILE.pdf|FILE.html]\n";

async function earlier(scheme: string, data: string, prev: string | undefined, against: string | undefined): Promise<{ label: string; results: Results } | null> {
  if (against) {
    const results = await evaluateFiles(against, data, prev);
    return results ? { label: `上一版本（${against}）`, results } : null;
  }
  if (!prev) return null;
  const results = await evaluateFiles(scheme, prev, undefined);
  return results ? { label: "上期", results } : null;
}

/** Runs `report`. */
export async function reportCommand(args: string[]): Promise<number> {
  const { options, positional } = splitArgs(args, ["prev", "against", "out"]);
  const out = options.get("out");
  if (positional.length !== 2 || (out && !/\.(pdf|html?)$/i.test(out))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const [scheme, data] = [positional[0]!, positional[1]!];
  const results = await evaluateFiles(scheme, data, options.get("prev"));
  if (!results) return 1;
  const previous = await earlier(scheme, data, options.get("prev"), options.get("against"));
  const html = bulletinHtml(buildBulletin(results, { previous }));
  if (!out || /\.html?$/i.test(out)) return writeOutput(html, out);
  const printed = await htmlToPdf(html);
  if ("error" in printed) {
    process.stderr.write(`yardstick report: error: ${printed.error}\n`);
    return 1;
  }
  return writeOutput(printed.pdf, out);
}
