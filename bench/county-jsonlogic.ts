/**
 * The county workload as a json-logic-js user would run it: one JSON object per region, rules
 * applied region by region. JSON Logic has no cross-region operators, so the min/max (min-max)
 * and means (`missing mean`) are computed in plain JavaScript first and written into the rules
 * as constants; grades (a quota is a cross-region rule) and ranks are plain JavaScript too.
 *
 * Where the rules come from:
 * - exported by the project (`exportJsonLogic`): the typology's three type conditions, the veto,
 *   and the `when` bonus conditions (经验推广's three tiers, 改革试点);
 * - written by hand here: the 200 indicator scores, the count items with their caps, the four
 *   `prev()` bonus conditions (the exporter lists `prev` as unsupported: last period's values
 *   are put in the row under `prev`), the block caps and the sum that makes the total.
 */
import jsonLogic, { type RulesLogic } from "json-logic-js";
import type { CheckedScheme } from "../dsl/check/types.js";
import { exportJsonLogic, truthy, type JsonLogicExport } from "../engine/jsonlogic/index.js";
import type { ColumnarData } from "../engine/runtime.js";
import { LEAF_POINTS, type CountyIndicator, type CountyOutcome, type CountySpec } from "./county-workload.js";

/** A region as JSON: the dataset row (missing → null), last period's values under `prev`. */
export type CountyRow = Record<string, unknown> & { prev: Record<string, number | null> };

type Rule = RulesLogic;

/** The rows a json-logic-js user starts from (built outside the timed part). */
export function countyRows(d: ColumnarData, prev: ColumnarData): CountyRow[] {
  const names = [...d.columns.keys()];
  const prevNames = [...prev.columns.keys()];
  const at = new Map(prev.regions.map((r, i) => [r, i]));
  return d.regions.map((id, i) => {
    const row: CountyRow = { county: id, prev: {} };
    for (const n of names) {
      const v = d.columns.get(n)![i]!;
      row[n] = v !== v ? null : n === "pilot" ? v === 1 : v;
    }
    const j = at.get(id);
    for (const n of prevNames) {
      const v = j === undefined ? NaN : prev.columns.get(n)![j]!;
      row.prev[n] = v !== v ? null : v;
    }
    return row;
  });
}

/** Cross-region statistics of one indicator over the present values. */
interface Stats { readonly min: number; readonly max: number; readonly mean: number }

function stats(rows: readonly CountyRow[], name: string): Stats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (const r of rows) {
    const v = r[name];
    if (typeof v !== "number") continue;
    sum += v;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, mean: sum / count };
}

/** An indicator's score rule, with its statistics as constants. */
function indicatorRule(i: CountyIndicator, s: Stats): Rule {
  // (`{"var": [name, default]}` gives null, not the default, for a null value: test presence instead.)
  const x: Rule = { if: [{ missing: i.name }, s.mean, { var: i.name }] } as Rule;
  if (i.method === "minmax") {
    if (s.max === s.min) return LEAF_POINTS;
    return { "*": [{ "-": [x, i.higher ? s.min : s.max] }, (i.higher ? LEAF_POINTS : -LEAF_POINTS) / (s.max - s.min)] };
  }
  if (i.method === "goalposts") {
    const gp = (target: number): Rule => ({ max: [0, { min: [LEAF_POINTS, { "*": [{ "-": [x, i.floor] }, LEAF_POINTS / (target - i.floor)] }] }] });
    return i.mountainTarget === null ? gp(i.target) : { if: [{ "==": [{ var: "area" }, "mountain"] }, gp(i.mountainTarget), gp(i.target)] };
  }
  const op = i.higher ? ">=" : "<=";
  return { if: [...i.bands.flatMap((b) => [{ [op]: [x, b.threshold] } as Rule, b.points]), i.otherwise] } as Rule;
}

/** `amount per field max m`: amount × count where the count is positive, capped. */
function perCount(amount: number, field: string, max: number): Rule {
  return { min: [max, { max: [0, { "*": [amount, { var: [field, 0] }] }] }] };
}

const when = (cond: Rule, amount: number): Rule => ({ if: [cond, amount, 0] });

function rule(ex: JsonLogicExport, key: string): Rule {
  const r = ex.rules[key];
  if (r === undefined) throw new Error(`county json-logic: the export has no rule ${key}`);
  return r as Rule;
}

/** The bonus block (capped at 5) and the deduction block (capped at 8) as rules. */
function blockRules(ex: JsonLogicExport, spec: CountySpec): { bonus: Rule; deduction: Rule } {
  const [p0, p1, p2, p3] = spec.prevFields;
  const present = (...names: string[]): Rule => ({ "!": { missing: names } } as Rule);
  const v = (name: string): Rule => ({ var: name });
  const eco = spec.indicators.find((i) => i.name === p3)!.mu;
  const tier = (k: number) => rule(ex, `bonus/加分项/经验推广/tier ${k}`);
  const bonus: Rule = {
    min: [5, {
      "+": [
        perCount(1, "award_national", 2), perCount(0.5, "award_provincial", 1.5), perCount(0.2, "award_city", 1),
        { max: [when(tier(1), 2), when(tier(2), 1), when(tier(3), 0.5)] },
        when(rule(ex, "bonus/加分项/改革试点"), 1),
        perCount(0.3, "projects", 1.2),
        when({ and: [present(p0, `prev.${p0}`), { ">": [v(p0), v(`prev.${p0}`)] }] }, 1),
        when({ and: [present(p1, `prev.${p1}`), { ">=": [{ "-": [v(p1), v(`prev.${p1}`)] }, 2] }] }, 0.5),
        when({ and: [present(p2, `prev.${p2}`), { ">": [v(p2), { "+": [v(`prev.${p2}`), 1] }] }] }, 0.5),
        when({ and: [present(p3, `prev.${p3}`), { ">": [v(p3), v(`prev.${p3}`)] }, { ">=": [v(p3), eco] }] }, 0.5),
      ],
    }],
  } as Rule;
  const deduction: Rule = {
    min: [8, {
      "+": [
        perCount(1, "safety_incidents", 3), perCount(0.5, "env_violations", 2), perCount(0.2, "petitions", 1),
        perCount(0.5, "audit_issues", 2), perCount(0.5, "data_errors", 1.5),
      ],
    }],
  } as Rule;
  return { bonus, deduction };
}

/** The json-logic-js path, prepared once per scheme (the export); `run` does one full evaluation. */
export class CountyJsonLogic {
  private readonly ex: JsonLogicExport;
  private readonly types: readonly [string, Rule][];

  constructor(private readonly spec: CountySpec, checked: CheckedScheme) {
    this.ex = exportJsonLogic(checked);
    this.types = Object.entries(this.ex.typologies["area"] ?? {}).map(([t, r]) => [t, r as Rule]);
    if (this.types.length !== 3) throw new Error("county json-logic: the export lacks the `area` typology");
  }

  /** Scores every region: statistics, rules per region, then grades and ranks in JavaScript. */
  run(rows: readonly CountyRow[]): CountyOutcome {
    const n = rows.length;
    const { bonus, deduction } = blockRules(this.ex, this.spec);
    const totalRule = { "+": [...this.spec.indicators.map((i) => indicatorRule(i, stats(rows, i.name))), bonus, { "-": [deduction] }] } as Rule;
    const veto = rule(this.ex, "veto/重大安全事故一票否决");
    const total = new Float64Array(n);
    const type = new Int32Array(n);
    const vetoed = new Uint8Array(n);
    rows.forEach((row, i) => {
      const t = this.types.findIndex(([, r]) => truthy(jsonLogic.apply(r, row)));
      type[i] = t;
      row["area"] = this.types[t]?.[0] ?? null;
      total[i] = jsonLogic.apply(totalRule, row) as number;
      vetoed[i] = truthy(jsonLogic.apply(veto, row)) ? 1 : 0;
    });
    return { total, ...gradesAndRanks(total, type, vetoed, this.spec) };
  }
}

const sameValue = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Grades (quota, veto) and competition ranks in plain JavaScript, as a json-logic-js user must. */
function gradesAndRanks(total: Float64Array, type: Int32Array, vetoed: Uint8Array, spec: CountySpec): Omit<CountyOutcome, "total"> {
  const n = total.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => total[b]! - total[a]! || a - b);
  const rank = new Int32Array(n);
  const rankWithin = new Int32Array(n);
  const seen = new Map<number, { count: number; rank: number; last: number }>();
  order.forEach((i, k) => {
    rank[i] = k > 0 && sameValue(total[i]!, total[order[k - 1]!]!) ? rank[order[k - 1]!]! : k + 1;
    const s = seen.get(type[i]!) ?? { count: 0, rank: 0, last: NaN };
    s.count++;
    if (s.count === 1 || !sameValue(total[i]!, s.last)) s.rank = s.count;
    s.last = total[i]!;
    seen.set(type[i]!, s);
    rankWithin[i] = s.rank;
  });
  const [g0, g1, g2] = spec.grades;
  const meets = (v: number, t: number) => v >= t || sameValue(v, t);
  const top = order.filter((i) => meets(total[i]!, g0));
  let places = Math.min(top.length, Math.floor((spec.quotaPercent * n) / 100 + 1e-9));
  if (places < top.length) while (places > 0 && sameValue(total[top[places - 1]!]!, total[top[places]!]!)) places--;
  const taken = new Set(top.slice(0, places));
  const grade = Int32Array.from(total, (v, i) => (vetoed[i] ? 3 : taken.has(i) ? 0 : meets(v, g1) ? 1 : meets(v, g2) ? 2 : 3));
  return { grade, rank, rankWithin };
}
