/**
 * The fast sampler's model. When every group aggregates arithmetically and only the weights
 * move, a region's total is Σ over indicators of fraction × effective points (the product of
 * the normalised shares down the tree, times the root's points) plus bonuses minus deductions:
 * a sample needs the effective points (O(nodes)) and one pass over a fraction matrix, instead
 * of re-aggregating every group column by column. Regions whose shares differ (per-type points,
 * dropped indicators) fall into a few share classes, each with its own effective points.
 */
import type { SensitivityModel } from "./model.js";
import type { ResolvedOptions } from "./options.js";

/** At most this many share classes (distinct patterns of per-region shares and drops). */
export const MAX_CLASSES = 64;

/** What the fast sampler reads, built once per thread. */
export interface FastModel {
  readonly n: number;
  /** Indicators, in `model.leaves` order. */
  readonly m: number;
  /** Fractions, region-major: region i, indicator l at i × m + l. */
  readonly matrix: Float64Array;
  /** Each region's share class. */
  readonly classOf: Int32Array;
  readonly classCount: number;
  /** Per class, per node: each child's share for that class's regions (0 where the child is dropped). */
  readonly shares: readonly (readonly Float64Array[])[];
  /** Per node: its position in `model.leaves`, or −1 for a group. */
  readonly leafSlot: Int32Array;
}

/** Which sampler a run uses, and why. */
export interface SamplerChoice {
  readonly kind: "fast" | "general";
  readonly reason: string;
}

/** Why the fast sampler cannot express this run, or null when it can. */
function obstacle(model: SensitivityModel, o: ResolvedOptions): string | null {
  if (o.rules) return "rule parameters are perturbed (indicators are scored again)";
  for (let k = 0; k < model.nodes.length; k++) {
    const node = model.nodes[k]!;
    if (!model.fractions[k] && node.children.length === 0) return `\`${node.path}\` is a group without children`;
    if (node.children.length > 0 && node.aggregate !== "arithmetic") return `\`${node.path || "(root)"}\` aggregates ${node.aggregate === "geometric" ? "geometrically" : "by its minimum"}`;
  }
  return null;
}

/** Each region's share class: regions with the same per-region shares and drops everywhere share one. */
function shareClasses(model: SensitivityModel): { classOf: Int32Array; first: number[] } {
  const n = model.n;
  const classOf = new Int32Array(n);
  const varying: { share: number | Float64Array; dropped: Uint8Array | null }[] = [];
  model.nodes.forEach((node) => node.children.forEach((j, c) => {
    const share = node.shares[c]!;
    const dropped = model.dropped[j] ?? null;
    if (typeof share !== "number" || dropped) varying.push({ share, dropped });
  }));
  if (varying.length === 0) return { classOf, first: n > 0 ? [0] : [] };
  const ids = new Map<string, number>();
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = varying.map((v) => (v.dropped?.[i] ? "d" : typeof v.share === "number" ? "" : String(v.share[i]))).join("|");
    let id = ids.get(key);
    if (id === undefined) { id = first.length; ids.set(key, id); first.push(i); }
    classOf[i] = id;
  }
  return { classOf, first };
}

/** Which sampler a run takes, with the share classes when it is the fast one (cheap: no matrix). */
export function chooseSampler(model: SensitivityModel, o: ResolvedOptions): { choice: SamplerChoice; classes: ReturnType<typeof shareClasses> | null } {
  const why = obstacle(model, o);
  if (why) return { choice: { kind: "general", reason: why }, classes: null };
  const classes = shareClasses(model);
  const k = classes.first.length;
  if (k > MAX_CLASSES) return { choice: { kind: "general", reason: `shares differ between regions in ${k} ways (more than ${MAX_CLASSES})` }, classes: null };
  return { choice: { kind: "fast", reason: `weights only, arithmetic aggregation${k > 1 ? ` (${k} share classes)` : ""}` }, classes };
}

/** The fast model of a run, or null (with the reason) when the general sampler must run instead. */
export function fastModel(model: SensitivityModel, o: ResolvedOptions): { fast: FastModel | null; choice: SamplerChoice } {
  const { choice, classes } = chooseSampler(model, o);
  if (!classes) return { fast: null, choice };
  const { classOf, first } = classes;
  const n = model.n;
  const m = model.leaves.length;
  const matrix = new Float64Array(n * m);
  model.leaves.forEach((j, l) => {
    const f = model.fractions[j]!;
    for (let i = 0; i < n; i++) matrix[i * m + l] = f[i]!;
  });
  const shares = first.map((i) => model.nodes.map((node) => Float64Array.from(node.children, (j, c) => {
    if (model.dropped[j]?.[i]) return 0;
    const s = node.shares[c]!;
    return typeof s === "number" ? s : s[i]!;
  })));
  const leafSlot = new Int32Array(model.nodes.length).fill(-1);
  model.leaves.forEach((j, l) => { leafSlot[j] = l; });
  return { fast: { n, m, matrix, classOf, classCount: first.length, shares, leafSlot }, choice };
}
