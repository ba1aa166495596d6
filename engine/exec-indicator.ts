/**
 * Runs an indicator node column-at-a-time: value → transform → imputation → method →
 * adjustments → cap/floor → `zero when` → missing-data policy → `inapplicable` peer average.
 * With `for T` overrides each variant is computed over all regions and each region takes its
 * own type's variant. `x`, inside the body, is the value after transform and imputation; with a
 * single variant it lives in a scratch column reused by the next indicator (only the sparse
 * imputations are kept), so an indicator costs one new column: its score. Plain variants (an
 * input scored by min-max, constant goalposts or constant bands, nothing else) take the
 * one- or two-pass path of exec-indicator-fast.ts, with the same results.
 */
import type { IndicatorNode } from "./graph.js";
import { StatusBits, pointsColumn, type IndicatorDetail, type VariantResult } from "./indicator-detail.js";
import { fastVariant, type FastVariant } from "./exec-indicator-fast.js";
import { issue, regionList } from "./issues.js";
import { STATUS, anyTrue, finish, peerAverage, sumColumns } from "./ops/adjust.js";
import { DeferredPick } from "./ops/deferred.js";
import { groupMeans } from "./ops/cross.js";
import { isTrue, type ExprEnv } from "./ops/column.js";
import { panelValues, weightedCategories } from "./ops/panel.js";
import { runItem } from "./exec-items.js";
import { runMethod } from "./exec-method.js";
import type { ValuePlan, VariantPlan } from "./plan-types.js";
import type { PrevEnv, Runtime } from "./runtime.js";

/** Which variant each region takes (null: all take the base); indicators with the same `for T` types share one (read-only) selection. */
function selectVariants(variants: readonly VariantPlan[], rt: Runtime): Uint8Array | null {
  if (variants.length === 1) return null;
  const key = variants.map((v) => v.types.map((t) => `${t.typology}:${t.type}`).join(",")).join(";");
  let sel = rt.selections.get(key);
  if (sel) return sel;
  sel = new Uint8Array(rt.n);
  for (let v = variants.length - 1; v >= 1; v--) {
    for (const t of variants[v]!.types) {
      const ids = rt.grouping(t.typology).ids;
      const type = t.type;
      for (let i = 0; i < rt.n; i++) if (ids[i] === type) sel[i] = v;
    }
  }
  rt.selections.set(key, sel);
  return sel;
}

function valueOf(v: ValuePlan, env: ExprEnv, ratings: (input: number) => Parameters<typeof panelValues>[0]): Float64Array {
  switch (v.kind) {
    case "expr": return v.expr.run(env);
    case "panel": return panelValues(ratings(v.input), env.n, v.rule);
    case "categories": return weightedCategories(v.counts.map((c) => c.run(env)), v.values.map((c) => c.run(env)), env.n);
    case "none": return env.fill(NaN);
  }
}

function transform(x: Float64Array, fn: "log" | "sqrt" | null): Float64Array {
  if (!fn) return x;
  const out = new Float64Array(x.length);
  const f = fn === "log" ? Math.log : Math.sqrt;
  for (let i = 0; i < x.length; i++) out[i] = x[i]! > 0 ? f(x[i]!) : x[i] === x[i] ? 0 : NaN;
  return out;
}

const EMPTY = new Int32Array(0);
const NO_VALUES = new Float64Array(0);

/** Regions whose value is missing (not counting inapplicable ones), ascending. */
function scanMissing(t: Float64Array, inapplicable: Float64Array | null, scratch: Int32Array): Int32Array {
  let k = 0;
  // Only the rare missing value takes the branch, so this is a plain streaming read.
  for (let i = 0; i < t.length; i++) if (t[i] !== t[i]) scratch[k++] = i;
  if (k === 0) return EMPTY;
  let m = 0;
  for (let j = 0; j < k; j++) if (!inapplicable || !isTrue(inapplicable[scratch[j]!]!)) scratch[m++] = scratch[j]!;
  return m === 0 ? EMPTY : scratch.slice(0, m);
}

/** Mean of the present values, with two accumulators so the additions do not wait on each other. */
function presentMean(t: Float64Array): number {
  let a = 0;
  let b = 0;
  let count = 0;
  const n = t.length - (t.length % 2);
  for (let i = 0; i < n; i += 2) {
    const u = t[i]!;
    const v = t[i + 1]!;
    if (u === u) { a += u; count++; }
    if (v === v) { b += v; count++; }
  }
  if (n < t.length && t[n] === t[n]) { a += t[n]!; count++; }
  return count > 0 ? (a + b) / count : NaN;
}

/** The imputed value of each missing region by the variant's policy (NaN where none; all NaN for policies that do not impute). */
function imputations(v: VariantPlan, t: Float64Array, missing: Int32Array, rt: Runtime): Float64Array {
  if (missing.length === 0) return NO_VALUES;
  const out = new Float64Array(missing.length).fill(NaN);
  if (v.missing === "mean" && v.missingWithin < 0) out.fill(presentMean(t));
  else if (v.missing === "mean") {
    const g = rt.grouping(v.missingWithin);
    const means = groupMeans(t, g);
    missing.forEach((i, k) => { out[k] = means[g.ids[i]!]!; });
  } else if (v.missing === "prev") {
    const prev: PrevEnv = rt.previous();
    const from = transform(valueOf(v.value, prev, (input) => prev.ratings(input)), v.transform);
    missing.forEach((i, k) => { out[k] = from[i]!; });
  }
  return out;
}

/** The column scored: the transformed value with the imputations laid over it. */
function scoredColumn(t: Float64Array, missing: Int32Array, imputed: Float64Array, into: Float64Array | null): Float64Array {
  let any = false;
  for (let k = 0; k < imputed.length; k++) if (imputed[k] === imputed[k]) { any = true; break; }
  if (!any) return t;
  const x = into ?? new Float64Array(t.length);
  x.set(t);
  for (let k = 0; k < missing.length; k++) x[missing[k]!] = imputed[k]!;
  return x;
}

/** A plain variant's result with its scores as a column. */
function fastResult(f: FastVariant, rt: Runtime): VariantResult {
  const score = f.scores.column();
  return { t: f.t, missing: f.missing, imputed: f.imputed, base: score, score, nan: f.nan, status: new StatusBits(rt.n), inapplicable: null, run: { adjustments: [], params: f.params } };
}

/** Runs one variant over all regions; `fast` is its fast path's preparation (null: the general path). */
function runVariant(v: VariantPlan, higher: boolean, points: Float64Array, constantPoints: boolean, rt: Runtime, xBuffer: Float64Array | null, fast: FastVariant | null): VariantResult {
  if (fast) return fastResult(fast, rt);
  const n = rt.n;
  const status = new StatusBits(n);
  const t = transform(valueOf(v.value, rt, (input) => rt.ratings[input] ?? []), v.transform);
  const inapplicable = v.inapplicable ? v.inapplicable.when.run(rt) : null;
  const missing = v.value.kind === "none" ? EMPTY : scanMissing(t, inapplicable, rt.scratch);
  const imputed = imputations(v, t, missing, rt);
  const x = scoredColumn(t, missing, imputed, xBuffer);
  rt.x = x;
  const method = runMethod(v.method, x, points, higher, rt);
  const adjustments = v.adjustments.map((a) => ({ sign: a.sign, label: a.item.label, amount: runItem(a.item, rt, x) }));
  const done = finish({
    base: method.base, owned: method.owned, bounded: method.bounded && constantPoints && points[0]! >= 0, points,
    adds: sumColumns(adjustments.filter((a) => a.sign === "add").map((a) => a.amount), n),
    deducts: sumColumns(adjustments.filter((a) => a.sign === "deduct").map((a) => a.amount), n),
    exempt: anyTrue(v.exemptWhen.map((c) => c.run(rt)), n), zero: anyTrue(v.zeroWhen.map((c) => c.run(rt)), n),
    floor: v.floor ? v.floor.run(rt) : null, cap: v.cap ? v.cap.run(rt) : null,
  }, status);
  rt.x = null;
  let score = done.score;
  let nan = done.missing > 0;
  // A value that stayed missing leaves the score missing, whatever the method made of it.
  missing.forEach((i, k) => {
    if (imputed[k] === imputed[k]) return;
    nan = true;
    if (score[i] !== score[i]) return;
    if (score === method.base) score = score.slice();
    score[i] = NaN;
  });
  // `score x` returns the scratch column itself; keep a copy (the score is always a column of its own).
  const base = method.base === xBuffer ? x.slice() : method.base;
  return { t, missing, imputed, base, score, nan, status, inapplicable, run: { adjustments, params: method.params } };
}

/** Runs an indicator node. */
export function runIndicator(node: IndicatorNode, rt: Runtime): void {
  const { plan } = node;
  const points = pointsColumn(plan.points, rt);
  const sel = selectVariants(plan.variants, rt);
  const xBuffer = sel ? null : rt.xBuffer;
  const constantPoints = plan.points.byType.length === 0 && rt.n > 0;
  const higher = plan.direction === "higher";
  const fast: (FastVariant | null)[] = [];
  for (const v of plan.variants) {
    const f = fastVariant(v, higher, points, constantPoints, rt);
    fast.push(f);
    if (!f || f.nan) break;
  }
  if (fast.length === plan.variants.length && fast.every((f) => f && !f.nan)) {
    rt.defer(node.id, deferredDetail(fast as FastVariant[], sel, points, rt));
    return;
  }
  const results = plan.variants.map((v, k) => runVariant(v, higher, points, constantPoints, rt, xBuffer, k < fast.length ? fast[k]! : fastVariant(v, higher, points, constantPoints, rt)));
  const merged = sel ? merge(results, sel, rt.n) : results[0]!;
  let score = merged.score;
  const inap = results.some((r) => r.inapplicable) ? inapplicableMask(results, sel, merged, rt.n) : null;
  if ((merged.nan || inap) && score === merged.base) score = score.slice();
  const dropped = merged.nan ? resolveMissing(node, plan.variants, sel, score, merged.status, inap, rt) : null;
  if (inap) {
    for (let i = 0; i < rt.n; i++) if (inap[i]) merged.status.set(i, STATUS.inapplicable);
    for (const [vi, v] of plan.variants.entries()) {
      if (!v.inapplicable) continue;
      const mine = sel ? Uint8Array.from(inap, (b, i) => (b && sel[i] === vi ? 1 : 0)) : inap;
      peerAverage(score, points, mine, dropped, rt.grouping(v.inapplicable.within));
    }
  }
  const detail: IndicatorDetail = {
    kind: "indicator", points, raw: valueRaw(node, merged.t, rt), transformed: merged.t,
    missing: merged.missing, imputed: merged.imputed, base: merged.base, score, status: merged.status, variant: sel,
    variants: results.map((r) => r.run), dropped,
  };
  rt.details[node.id] = detail;
  rt.values[node.id] = score;
}

/**
 * The detail of a plain indicator whose scores are not yet a column (see exec-indicator-fast):
 * its group adds them up block by block; `score` computes the column on first read. With `for T`
 * variants (`sel`), each region takes its own variant's value, missing list and scores.
 */
function deferredDetail(fast: readonly FastVariant[], sel: Uint8Array | null, points: Float64Array, rt: Runtime): IndicatorDetail {
  const f = fast[0]!;
  const scores = sel ? new DeferredPick(fast.map((v) => v.scores), sel) : f.scores;
  const t = !sel || fast.every((v) => v.t === f.t) ? f.t : pick(fast.map((v) => v.t), sel);
  const { missing, imputed } = sel ? mergeMissing(fast, sel) : f;
  return {
    kind: "indicator", points, raw: t, transformed: t, missing, imputed,
    get base() { return scores.column(); }, get score() { return scores.column(); },
    status: new StatusBits(rt.n), variant: sel, variants: fast.map((v) => ({ adjustments: [], params: v.params })), dropped: null, deferred: scores,
  };
}

/** The value before its transform: recomputed (the base variant's) only when there is a transform, which is rare. */
function valueRaw(node: IndicatorNode, t: Float64Array, rt: Runtime): Float64Array {
  const v = node.plan.variants[0]!;
  return node.plan.variants.some((w) => w.transform) ? valueOf(v.value, rt, (input) => rt.ratings[input] ?? []) : t;
}

/** Where each region's own variant says it is inapplicable (null when nowhere). */
function inapplicableMask(results: readonly VariantResult[], sel: Uint8Array | null, merged: VariantResult, n: number): Uint8Array | null {
  const inap = new Uint8Array(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const c = (sel ? results[sel[i]!]! : merged).inapplicable;
    if (c && isTrue(c[i]!)) { inap[i] = 1; any = true; }
  }
  return any ? inap : null;
}

/** Each region takes its own variant's columns; missing lists are merged likewise. */
function merge(results: readonly VariantResult[], sel: Uint8Array, n: number): VariantResult {
  const status = new StatusBits(n);
  results.forEach((r, vi) => {
    if (!r.status.any()) return;
    for (let i = 0; i < n; i++) if (sel[i] === vi) { const b = r.status.get(i); if (b) status.set(i, b); }
  });
  return { ...pickColumns(results, sel), nan: results.some((r) => r.nan), status, ...mergeMissing(results, sel), inapplicable: null, run: results[0]!.run };
}

/** The missing regions (ascending) and their imputations, each region's from its own variant. */
function mergeMissing(results: readonly { readonly missing: Int32Array; readonly imputed: Float64Array }[], sel: Uint8Array): { missing: Int32Array; imputed: Float64Array } {
  const missing: number[] = [];
  const imputed: number[] = [];
  results.forEach((r, vi) => r.missing.forEach((i, k) => {
    if (sel[i] === vi) { missing.push(i); imputed.push(r.imputed[k]!); }
  }));
  const order = missing.map((_, k) => k).sort((a, b) => missing[a]! - missing[b]!);
  return { missing: Int32Array.from(order, (k) => missing[k]!), imputed: Float64Array.from(order, (k) => imputed[k]!) };
}

/** The merged value, base and score columns (one column for both base and score where every variant's are one). */
function pickColumns(results: readonly VariantResult[], sel: Uint8Array): { t: Float64Array; base: Float64Array; score: Float64Array } {
  // The values are only read: variants scoring the same input share its column instead of a copy.
  const t = results.every((r) => r.t === results[0]!.t) ? results[0]!.t : pick(results.map((r) => r.t), sel);
  const score = pick(results.map((r) => r.score), sel);
  const base = results.every((r) => r.base === r.score) ? score : pick(results.map((r) => r.base), sel);
  return { t, base, score };
}

/** Each region's value from its own variant's column (`sel`: the variant per region); always a new column. */
function pick(cols: readonly Float64Array[], sel: Uint8Array): Float64Array {
  const out = cols[0]!.slice();
  for (let v = 1; v < cols.length; v++) {
    const c = cols[v]!;
    if (c === cols[0]) continue;
    for (let i = 0; i < out.length; i++) if (sel[i] === v) out[i] = c[i]!;
  }
  return out;
}

/**
 * Scores that are still missing (a missing value that was not imputed, or a missing parameter)
 * become 0 under every policy; `drop` also marks the region so siblings are re-normalised;
 * `error` lists the regions in an error; a failed `mean`/`prev` imputation is a warning.
 */
function resolveMissing(
  node: IndicatorNode, variants: readonly VariantPlan[], sel: Uint8Array | null, score: Float64Array, status: StatusBits, inap: Uint8Array | null, rt: Runtime,
): Uint8Array | null {
  let dropped: Uint8Array | null = null;
  const byPolicy = new Map<string, string[]>();
  for (let i = 0; i < rt.n; i++) {
    if (score[i] === score[i] || (inap && inap[i])) continue;
    const policy = variants[sel ? sel[i]! : 0]!.missing;
    score[i] = 0;
    if (policy === "drop") {
      dropped ??= new Uint8Array(rt.n);
      dropped[i] = 1;
      status.set(i, STATUS.dropped);
    }
    if (policy === "error" || policy === "mean" || policy === "prev") {
      const list = byPolicy.get(policy) ?? [];
      list.push(rt.data.regions[i]!);
      byPolicy.set(policy, list);
    }
  }
  for (const [policy, regions] of byPolicy) reportMissing(node, policy, regions, rt);
  return dropped;
}

function reportMissing(node: IndicatorNode, policy: string, regions: string[], rt: Runtime): void {
  const path = node.tree.path;
  const label = node.tree.label;
  if (policy === "error") {
    rt.issues.push(issue("missing-value", "error", `\`${label}\` has no value for ${regionList(regions)}`, { span: node.span, path, regions }));
  } else {
    const how = policy === "mean" ? "no peer has a value to average" : "last period has no value either";
    rt.issues.push(issue("imputation-failed", "warning", `\`${label}\` could not be imputed for ${regionList(regions)} (${how}): scored 0`, { span: node.span, path, regions }));
  }
}
