/**
 * The "county" benchmark workload (issue 3, Speed): a deterministic generator of the scheme text
 * and of datasets of any size. 200 leaf indicators (4 dimensions × 5 sub-dimensions × 10
 * indicators, 0.5 points each: a third min-max, a third goalposts, a third bands), one typology
 * with 3 types (per-type goalposts targets for `mountain`, ranks within type), `missing mean`
 * scheme-wide, 10 bonus items (4 of them on `prev()`) under a block cap, 5 capped deductions,
 * 1 veto, grades with an `at most 20%` quota, ranks overall and within the typology.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { ColumnarData } from "../engine/runtime.js";

/** The regions of the real workload (a province's county-level units). */
export const COUNTY_REGIONS = 2844;

/** One leaf indicator: its input, method and parameters. */
export interface CountyIndicator {
  /** Input and indicator name, `x001` … `x200`. */
  readonly name: string;
  readonly dim: number;
  readonly sub: number;
  readonly method: "minmax" | "goalposts" | "bands";
  readonly higher: boolean;
  /** Centre and spread of the generated values. */
  readonly mu: number;
  readonly sd: number;
  /** Goalposts: floor and target; `mountainTarget` is the per-type override (null: none). */
  readonly floor: number;
  readonly target: number;
  readonly mountainTarget: number | null;
  /** Bands, best first: `>=` thresholds descending (higher) or `<=` ascending (lower). */
  readonly bands: readonly { readonly threshold: number; readonly points: number }[];
  readonly otherwise: number;
}

/** The static part of the workload: the indicators and the constants the scheme states. */
export interface CountySpec {
  readonly indicators: readonly CountyIndicator[];
  /** The four indicators whose change against last period earns a bonus (always `higher`). */
  readonly prevFields: readonly [string, string, string, string];
  /** Typology thresholds: urban when urban_rate ≥ urban; mountain when below that and mountain_share ≥ mountain; else rural. */
  readonly urban: number;
  readonly mountain: number;
  /** Grade thresholds (优秀, 良好, 合格) and the 优秀 quota in percent. */
  readonly grades: readonly [number, number, number];
  readonly quotaPercent: number;
}

/** Points of every leaf indicator. */
export const LEAF_POINTS = 0.5;

/** The non-indicator inputs, in dataset order (counts default to 0; `pilot` is boolean). */
export const EXTRA_INPUTS = [
  "award_national", "award_provincial", "award_city", "promo_level", "pilot", "projects",
  "safety_incidents", "env_violations", "petitions", "audit_issues", "data_errors", "major_accidents",
] as const;

const DIMENSIONS = ["经济发展", "社会民生", "生态环境", "政府治理"] as const;

/** A small, fast, seedable PRNG (mulberry32); returns numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

function indicator(k: number, rand: () => number): CountyIndicator {
  const method = (["minmax", "goalposts", "bands"] as const)[k % 3]!;
  const mu = round2(30 + 50 * rand());
  const sd = round2(5 + 10 * rand());
  // Every fourth indicator of each method is "lower is better".
  const higher = Math.floor(k / 3) % 4 !== 3;
  const s = higher ? 1 : -1;
  const floor = round2(mu - s * 2 * sd);
  const target = round2(mu + s * 1.5 * sd);
  const mountainTarget = method === "goalposts" && k % 30 === 1 ? round2(mu + s * 0.8 * sd) : null;
  const bands = [1, 0, -1].map((z, j) => ({ threshold: round2(mu + s * z * sd), points: [0.5, 0.4, 0.25][j]! }));
  return {
    name: `x${String(k + 1).padStart(3, "0")}`, dim: Math.floor(k / 50), sub: Math.floor((k % 50) / 10),
    method, higher, mu, sd, floor, target, mountainTarget, bands, otherwise: 0.1,
  };
}

/** The workload's fixed part (same for every dataset size). */
export function countySpec(seed = 20260101): CountySpec {
  const rand = prng(seed);
  const indicators = Array.from({ length: 200 }, (_, k) => indicator(k, rand));
  const higher = indicators.filter((i) => i.higher && i.method !== "minmax").map((i) => i.name);
  const prevFields = [higher[0]!, higher[3]!, higher[8]!, higher[20]!] as const;
  return { indicators, prevFields, urban: 70, mountain: 50, grades: [70, 60, 45], quotaPercent: 20 };
}

function methodText(i: CountyIndicator): string {
  if (i.method === "minmax") return "minmax";
  if (i.method === "goalposts") {
    const over = i.mountainTarget === null ? "" : `  for mountain { goalposts floor ${i.floor} target ${i.mountainTarget} }`;
    return `goalposts floor ${i.floor} target ${i.target}${over}`;
  }
  const op = i.higher ? ">=" : "<=";
  return `bands { ${i.bands.map((b) => `${op} ${b.threshold}: ${b.points}`).join(", ")}, else ${i.otherwise} }`;
}

/** The scheme text in the Yardstick language. */
export function countyScheme(spec: CountySpec): string {
  const [p0, p1, p2, p3] = spec.prevFields;
  const [g0, g1, g2] = spec.grades;
  const out = [
    `scheme "县域综合绩效考核（基准测试）" period 2026 unit county`, "",
    "missing mean   // 缺报数据按全部地区均值补齐", "",
    `input urban_rate percent label "城镇化率" range 0..100`,
    `input mountain_share percent label "山区面积占比" range 0..100`,
    ...spec.indicators.map((i) => `input ${i.name} number label "指标${i.name.slice(1)}" optional`),
    ...EXTRA_INPUTS.map((n) => (n === "pilot" ? `input pilot boolean label "改革试点" default false` : `input ${n} count default 0`)), "",
    `typology area "区域类型" {`,
    `  urban "城区" when urban_rate >= ${spec.urban}`,
    `  mountain "山区县" when urban_rate < ${spec.urban} and mountain_share >= ${spec.mountain}`,
    `  rural "平原县" otherwise`, `}`, "",
  ];
  for (let d = 0; d < 4; d++) {
    out.push(`dimension d${d + 1} "${DIMENSIONS[d]}" points 25 {`);
    for (let s = 0; s < 5; s++) {
      out.push(`  dimension s${s + 1} "${DIMENSIONS[d]}${s + 1}" points 5 {`);
      for (const i of spec.indicators.filter((x) => x.dim === d && x.sub === s)) {
        out.push(`    indicator ${i.name} "指标${i.name.slice(1)}" points ${LEAF_POINTS}${i.higher ? "" : " lower"} { ${methodText(i)} }`);
      }
      out.push("  }");
    }
    out.push("}");
  }
  out.push(
    "", `bonus "加分项" max 5 {`,
    `  "国家级表彰" 1 per award_national max 2`,
    `  "省级表彰" 0.5 per award_provincial max 1.5`,
    `  "市级表彰" 0.2 per award_city max 1`,
    `  "经验推广" highest { 2 when promo_level >= 3, 1 when promo_level >= 2, 0.5 when promo_level >= 1 }`,
    `  "改革试点" 1 when pilot`,
    `  "重大项目" 0.3 per projects max 1.2`,
    `  "增速提升" 1 when ${p0} > prev(${p0})`,
    `  "就业改善" 0.5 when ${p1} - prev(${p1}) >= 2`,
    `  "营商环境改善" 0.5 when ${p2} > prev(${p2}) + 1`,
    `  "生态改善" 0.5 when ${p3} > prev(${p3}) and ${p3} >= ${spec.indicators.find((i) => i.name === p3)!.mu}`,
    `}`,
    `deduction "扣分项" max 8 {`,
    `  "安全生产事故" 1 per safety_incidents max 3`,
    `  "环保督察问题" 0.5 per env_violations max 2`,
    `  "越级信访" 0.2 per petitions max 1`,
    `  "审计查出问题" 0.5 per audit_issues max 2`,
    `  "统计数据质量" 0.5 per data_errors max 1.5`,
    `}`,
    `veto "重大安全事故一票否决" when major_accidents >= 1`, "",
    `grades { "优秀" >= ${g0} quota at most ${spec.quotaPercent}%, "良好" >= ${g1}, "合格" >= ${g2}, "不合格" }`,
    `rank overall, within area`, "",
  );
  return out.join("\n");
}

/** A generated period: this period's dataset and last period's (the `prev()` fields and the typology's inputs). */
export interface CountyData {
  readonly data: ColumnarData;
  readonly prev: ColumnarData;
  /** Numeric fields of both datasets (for the "dataset as Float64 columns" size). */
  readonly fields: number;
}

/** Numeric fields of this period's and last period's datasets together. */
export function countyFields(spec: CountySpec): number {
  return 2 + spec.indicators.length + EXTRA_INPUTS.length + 2 + spec.prevFields.length;
}

/** Geometric-ish small counts: ⌊−ln(u)·scale⌋. */
function count(rand: () => number, scale: number): number {
  return Math.floor(-Math.log(1 - rand()) * scale);
}

const COUNT_SCALES: Readonly<Record<string, (r: () => number) => number>> = {
  award_national: (r) => (r() < 0.04 ? 1 + count(r, 0.5) : 0),
  award_provincial: (r) => count(r, 0.6),
  award_city: (r) => count(r, 1.2),
  promo_level: (r) => { const u = r(); return u < 0.6 ? 0 : u < 0.8 ? 1 : u < 0.93 ? 2 : 3; },
  pilot: (r) => (r() < 0.1 ? 1 : 0),
  projects: (r) => count(r, 1.5),
  safety_incidents: (r) => count(r, 0.4),
  env_violations: (r) => count(r, 0.5),
  petitions: (r) => count(r, 2),
  audit_issues: (r) => count(r, 0.7),
  data_errors: (r) => count(r, 0.3),
  major_accidents: (r) => (r() < 0.015 ? 1 : 0),
};

/** Regions `C000001` …, as the `county` column holds them. */
export function regionIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `C${String(i + 1).padStart(6, "0")}`);
}

/**
 * Generates `n` regions straight into Float64 columns (no per-row objects, so a large dataset
 * costs its columns and nothing more). About 2% of the indicator cells are missing (NaN, flagged
 * in `missing`); last period's values drift a little below this period's.
 */
export function countyData(spec: CountySpec, n: number, seed = 7): CountyData {
  const rand = prng(seed);
  const regions = regionIds(n);
  const names = ["urban_rate", "mountain_share", ...spec.indicators.map((i) => i.name), ...EXTRA_INPUTS];
  const cols = names.map(() => new Float64Array(n));
  const prevCols = spec.prevFields.map(() => new Float64Array(n));
  const prevAt = spec.prevFields.map((f) => names.indexOf(f));
  const ind = spec.indicators;
  for (let r = 0; r < n; r++) {
    const q = normal(rand);
    cols[0]![r] = round2(20 + 75 * rand());
    cols[1]![r] = round2(100 * rand());
    for (let k = 0; k < ind.length; k++) {
      const i = ind[k]!;
      const v = round2(i.mu + i.sd * ((i.higher ? 0.75 : -0.75) * q + 0.66 * normal(rand)));
      cols[k + 2]![r] = rand() < 0.02 ? NaN : v;
    }
    EXTRA_INPUTS.forEach((name, e) => { cols[ind.length + 2 + e]![r] = COUNT_SCALES[name]!(rand); });
    prevAt.forEach((c, p) => {
      const now = cols[c]![r]!;
      const i = ind[c - 2]!;
      const base = now === now ? now : i.mu;
      prevCols[p]![r] = rand() < 0.02 ? NaN : round2(base - 0.3 * i.sd + 0.6 * i.sd * normal(rand));
    });
  }
  return {
    data: columnar(regions, names, cols),
    // Last period's dataset holds the `prev()` fields and the typology's required inputs.
    prev: columnar(regions, ["urban_rate", "mountain_share", ...spec.prevFields], [cols[0]!.slice(), cols[1]!.slice(), ...prevCols]),
    fields: countyFields(spec),
  };
}

function columnar(regions: string[], names: readonly string[], cols: Float64Array[]): ColumnarData {
  const columns = new Map<string, Float64Array>();
  const missing = new Map<string, Uint8Array>();
  names.forEach((name, k) => {
    const col = cols[k]!;
    columns.set(name, col);
    const miss = new Uint8Array(col.length);
    for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) miss[i] = 1;
    missing.set(name, miss);
  });
  return { regions, columns, categories: new Map(), ratings: new Map(), missing };
}

/** The dataset's CSV lines, header first (`county,…`; a missing value is an empty cell; booleans as 是/否), without line breaks. */
export function* countyCsvLines(d: ColumnarData): Generator<string> {
  const names = [...d.columns.keys()];
  const cols = names.map((n) => d.columns.get(n)!);
  const isBool = names.map((n) => n === "pilot");
  yield ["county", ...names].join(",");
  const cells: string[] = new Array(cols.length + 1);
  for (let r = 0; r < d.regions.length; r++) {
    cells[0] = d.regions[r]!;
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k]![r]!;
      cells[k + 1] = v !== v ? "" : isBool[k] ? (v ? "是" : "否") : String(v);
    }
    // `join` makes a flat string; `+=` would keep each line as a rope of 400 pieces until used.
    yield cells.join(",");
  }
}

/** The dataset as CSV text (see `countyCsvLines`), each line ending in a line feed. */
export function countyCsv(d: ColumnarData): string {
  return [...countyCsvLines(d)].join("\n") + "\n";
}

/** Writes the dataset as a CSV file (the same bytes as `countyCsv` in UTF-8), a thousand lines at a time. */
export function writeCountyCsv(d: ColumnarData, path: string): void {
  const fd = openSync(path, "w");
  try {
    let batch: string[] = [];
    for (const line of countyCsvLines(d)) {
      batch.push(line);
      if (batch.length === 1000) { writeSync(fd, batch.join("\n") + "\n"); batch = []; }
    }
    if (batch.length) writeSync(fd, batch.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
}

/** What every path of the benchmark produces, compared across paths. */
export interface CountyOutcome {
  readonly total: Float64Array;
  /** Grade level: 0 优秀, 1 良好, 2 合格, 3 不合格. */
  readonly grade: Int32Array;
  /** Competition rank overall and within the region's type. */
  readonly rank: Int32Array;
  readonly rankWithin: Int32Array;
}

/** The first difference between two outcomes (totals within `tolerance`), or null when they agree. */
export function outcomeDifference(a: CountyOutcome, b: CountyOutcome, regions: readonly string[], tolerance = 1e-9): string | null {
  const n = regions.length;
  for (const [k, x] of Object.entries(a) as [keyof CountyOutcome, Float64Array | Int32Array][]) {
    const y = b[k];
    if (x.length !== n || y.length !== n) return `${k}: ${x.length} vs ${y.length} values for ${n} regions`;
    for (let i = 0; i < n; i++) {
      const same = k === "total" ? Math.abs(x[i]! - y[i]!) <= tolerance : x[i] === y[i];
      if (!same) return `${k} of ${regions[i]}: ${x[i]} vs ${y[i]}`;
    }
  }
  return null;
}
