/**
 * What-if and sensitivity on the county workload (2,844 regions, 200 indicators): a what-if of
 * one dimension's five sub-dimension points against (a) a full evaluation of the edited scheme
 * and (b) a hand-written Float64Array re-aggregation from the same cached fractions, the
 * outcomes checked equal (and the ratio printed); a slider step (one value changed from the
 * previous what-if); a what-if of a dimension's points, which moves every indicator's points; then 10,000-sample Monte Carlo sensitivity on one thread and on the
 * default number of worker threads (identical results required). Run alone:
 * `node --import tsx bench/whatif.ts`.
 */
import { pathToFileURL } from "node:url";
import { compile } from "../dsl/index.js";
import { buildProgram, evaluate, type Results } from "../engine/index.js";
import { sensitivity } from "../engine/sensitivity/index.js";
import { defaultThreads, sensitivityParallel } from "../engine/sensitivity/threads.node.js";
import { whatIf } from "../engine/whatif/index.js";
import { prepareCounty } from "./county.js";
import { COUNTY_REGIONS, countyData, countyScheme } from "./county-workload.js";
import { show, time, type Timing } from "./measure.js";

/** Timed runs and warm-up runs of each what-if and of the hand-written kernel (the same for both). */
const RUNS = 101;
const WARMUP = 10;

/** The new points of d1's five sub-dimensions (5 each in the scheme; they still add up to 25). */
const NEW_POINTS = [8, 6, 5, 4, 2];

/** A d1 indicator as the hand-written path sees it: its sub-dimension, whether it is banded, its cached score and fraction. */
interface Leaf { readonly sub: number; readonly bands: boolean; readonly score: Float64Array; readonly fraction: Float64Array }

/**
 * The hand-written path, from the same cached columns: each d1 indicator's new points are its
 * sub-dimension's new points over its 10 indicators; a fraction-scored indicator scores
 * fraction × points, a banded one keeps its band points up to the new points (the cap); then
 * total′ = total − d1 + Σ scores, and competition ranks by sorting.
 */
function handReaggregate(leaves: readonly Leaf[], total: Float64Array, d1: Float64Array): { total: Float64Array; rank: Float64Array } {
  const n = total.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = total[i]! - d1[i]!;
  for (const leaf of leaves) {
    const p = NEW_POINTS[leaf.sub]! / 10;
    if (leaf.bands) for (let i = 0; i < n; i++) out[i] = out[i]! + Math.min(leaf.score[i]!, p);
    else for (let i = 0; i < n; i++) out[i] = out[i]! + p * leaf.fraction[i]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => out[b]! - out[a]! || a - b);
  const rank = new Float64Array(n);
  for (let k = 0; k < n; k++) rank[order[k]!] = k > 0 && Math.abs(out[order[k]!]! - out[order[k - 1]!]!) <= 1e-9 * Math.max(1, Math.abs(out[order[k]!]!)) ? rank[order[k - 1]!]! : k + 1;
  return { total: out, rank };
}

/** Times `a` and `b` taking turns (a, b, a, b …): two timings under the same conditions. */
function inTurns(a: () => unknown, b: () => unknown, runs: number, warmup: number): [Timing, Timing] {
  for (let i = 0; i < warmup; i++) { a(); b(); }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  return [timing(ta), timing(tb)];
}

function timing(samples: number[]): Timing {
  samples.sort((x, y) => x - y);
  return { median: samples[Math.floor(samples.length / 2)]!, min: samples[0]!, max: samples[samples.length - 1]!, runs: samples.length };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** The scheme text with d1's sub-dimensions at NEW_POINTS and their indicators' points scaled to match. */
function editedText(text: string): string {
  let dim = "";
  let sub = -1;
  return text.split("\n").map((line) => {
    const d = /^dimension (d\d) /.exec(line);
    if (d) dim = d[1]!;
    const s = /^ {2}dimension s(\d) ".*" points 5 \{$/.exec(line);
    if (s) sub = dim === "d1" ? Number(s[1]) - 1 : -1;
    if (s && sub >= 0) return line.replace("points 5 {", `points ${NEW_POINTS[sub]} {`);
    if (sub >= 0 && /^ {4}indicator /.test(line)) return line.replace(/points ([0-9.]+)/, (_, p: string) => `points ${(Number(p) * NEW_POINTS[sub]!) / 5}`);
    return line;
  }).join("\n");
}

/** Runs the benchmark; returns the lines to print. */
export async function benchWhatIf(): Promise<string> {
  const { spec, program } = prepareCounty();
  const { data, prev } = countyData(spec, COUNTY_REGIONS);
  const lines = [`what-if and sensitivity — county workload, ${COUNTY_REGIONS} regions × ${spec.indicators.length} indicators`];
  const base = evaluate(program, data, { prev }).results as Results;
  lines.push(`  full evaluation (reference)            ${show(time(() => evaluate(program, data, { prev }), 9, 2))}`);
  const sets = NEW_POINTS.map((p, s) => `d1.s${s + 1}.points=${p}`);
  const w = whatIf(base, sets);
  if (!w.results || w.issues.length) throw new Error(`bench what-if: ${w.issues.map((i) => i.message).join("; ")}`);
  // The kernel gets what the what-if reuses: the cached fractions of d1's sub-dimensions.
  const leaves = spec.indicators.filter((i) => i.dim === 0).map((i) => {
    const c = base.tree.get(`d1.s${i.sub + 1}.${i.name}`)!;
    return { sub: i.sub, bands: i.method === "bands", score: c.score, fraction: c.fraction };
  });
  const d1 = base.tree.get("d1")!.score;
  // Timed in turns, so that both meet the same load and the same collections of the garbage the
  // full evaluations above left.
  // A what-if takes over the latest what-if's columns where nothing they depend on changed: the
  // timed what-ifs alternate between two sets of points, so that every run recomputes d1.
  const other = [...NEW_POINTS].reverse().map((p, s) => `d1.s${s + 1}.points=${p}`);
  const turns = (a: string[], b: string[]) => { let k = 0; return () => whatIf(base, k++ % 2 ? b : a); };
  const [tWhatIf, tHand] = inTurns(turns(sets, other), () => handReaggregate(leaves, base.total, d1), RUNS, WARMUP);
  lines.push(`  what-if, d1's 5 sub-dimension points   ${show(tWhatIf)}  (totals, ranks, grades)`);
  const deltas = turns(sets, other);
  lines.push(`  what-if, the same, per-region deltas read ${show(time(() => deltas().deltas.length, RUNS, WARMUP))}`);
  const step = sets.map((o, k) => (k === 0 ? "d1.s1.points=7.5" : o));
  lines.push(`  what-if, one slider step from the last (d1.s1 8 ↔ 7.5) ${show(time(turns(sets, step), RUNS, WARMUP))}`);
  lines.push(`  what-if, d1's points (every indicator's points move) ${show(time(turns(["d1.points=35"], ["d1.points=15"]), RUNS, WARMUP))}`);
  const checked = compile(editedText(countyScheme(spec)), "county-edited.yard");
  const edited = buildProgram(checked).program;
  if (!edited) throw new Error(`bench what-if: the edited scheme does not compile: ${checked.diagnostics[0]?.message}`);
  const full = evaluate(edited, data, { prev }).results!;
  const same = maxDiff(w.results.total, full.total) <= 1e-9 && w.results.ranks.every((r, k) => maxDiff(r.rank, full.ranks[k]!.rank) === 0)
    && maxDiff(w.results.grades!.level, full.grades!.level) === 0;
  lines.push(`    equals a full evaluation of the edited scheme: ${same ? "yes" : "NO"}`);
  const hand = handReaggregate(leaves, base.total, d1);
  lines.push(`  hand-written Float64Array re-aggregation ${show(tHand)}  (totals and overall ranks only)`);
  lines.push(`    what-if / hand-written: ${(tWhatIf.median / tHand.median).toFixed(2)}× by medians, ${(tWhatIf.min / tHand.min).toFixed(2)}× by minima (goal ≤ 2×)`);
  const overallRank = w.results.ranks.find((r) => r.within === null)!.rank;
  lines.push(`    equals the what-if: totals within ${maxDiff(hand.total, w.results.total).toExponential(1)}, ranks ${maxDiff(hand.rank, overallRank) === 0 ? "equal" : "DIFFER"}`);
  const options = { samples: 10_000, spread: 10, seed: 1 };
  let t0 = performance.now();
  const one = sensitivity(base, options);
  const tOne = performance.now() - t0;
  const threads = Math.max(2, defaultThreads());
  t0 = performance.now();
  const many = await sensitivityParallel(base, options, threads);
  const tMany = performance.now() - t0;
  lines.push(`  sensitivity, 10,000 samples ±10%, 1 thread   ${(tOne / 1000).toFixed(2)} s (${(options.samples / (tOne / 1000)).toFixed(0)} samples/s)`);
  lines.push(`  sensitivity, 10,000 samples ±10%, ${threads} threads  ${(tMany / 1000).toFixed(2)} s incl. worker start-up; identical result: ${JSON.stringify(one) === JSON.stringify(many) ? "yes" : "NO"}`);
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchWhatIf());
