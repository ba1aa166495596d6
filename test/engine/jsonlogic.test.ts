/**
 * The JSON Logic export against an independent oracle: json-logic-js evaluates the exported
 * rules on each dataset row, and must agree with the engine's columns region by region —
 * derived values (missing ↔ null), typology membership, vetoes, checks and bonus tiers —
 * including the engine's three-valued logic over missing values (rows leave fields out at random).
 */
import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { buildDataset, datasetShape } from "../../engine/data/index.js";
import { buildProgram, evaluate, type Results } from "../../engine/index.js";
import { exportJsonLogic, truthy, type JsonLogicExport } from "../../engine/jsonlogic/index.js";

type Row = Record<string, unknown>;

const NUMBERS = [-3, -1, 0, 0.1, 0.2, 0.3, 0.5, 1, 2, 2.5, 10];
const num = fc.constantFrom(...NUMBERS);
/** A field that may be absent, null or present. */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: a });

function rowsArb(fields: Record<string, fc.Arbitrary<unknown>>, n: number): fc.Arbitrary<Row[]> {
  const row = fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, maybe(a)])));
  return fc.array(row, { minLength: n, maxLength: n }).map((rs) => rs.map((r, i) => {
    const out: Row = { 区县: `r${i}` };
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    return out;
  }));
}

const compiled = new Map<string, { checked: ReturnType<typeof compile>; shape: ReturnType<typeof datasetShape>; exported: JsonLogicExport }>();

/** Compiles (once per text), loads the rows, evaluates, and exports. */
function run(text: string, rows: Row[]): { results: Results; exported: JsonLogicExport } {
  let c = compiled.get(text);
  if (!c) {
    const checked = compile(text, "gen.yard");
    const errors = checked.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`${text}\n${errors.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join("\n")}`);
    compiled.set(text, (c = { checked, shape: datasetShape(checked), exported: exportJsonLogic(checked) }));
  }
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const table = { headers, headerRow: null, rows: rows.map((r, i) => ({ row: i + 1, cells: headers.map((h) => r[h] as never) })) };
  const { dataset, issues } = buildDataset(c.shape, table, "rows.json", "json");
  if (!dataset) throw new Error(issues.map((i) => i.message).join("\n"));
  const ev = evaluate(buildProgram(c.checked).program!, dataset);
  if (!ev.results) throw new Error(ev.issues.map((i) => i.message).join("\n"));
  return { results: ev.results, exported: c.exported };
}

/** The engine's value of a derived value for region i: number, boolean (for conditions) or null. */
function engineLet(r: Results, name: string, i: number, boolean: boolean): unknown {
  const v = r.values.get(name)!;
  if (v.missing[i]) return null;
  return boolean ? v.column[i] !== 0 : v.column[i];
}

function sameNumber(a: unknown, b: unknown): boolean {
  if (typeof a !== "number" || typeof b !== "number") return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

// ------------------------------------------------------------------ random expressions

interface Gen { readonly num: string; readonly bool: string }

const exprs: fc.Arbitrary<Gen> = fc.letrec<{ num: string; bool: string; gen: Gen }>((tie) => ({
  num: fc.oneof({ depthSize: "small", withCrossShrink: true },
    fc.constantFrom("a", "b", "c", "n", "0", "1", "2", "0.1", "0.2", "0.3", "-1", "2.5"),
    fc.tuple(tie("num"), fc.constantFrom("+", "-", "*", "/"), tie("num")).map(([x, o, y]) => `(${x} ${o} ${y})`),
    tie("num").map((x) => `-(${x})`),
    fc.tuple(tie("num"), tie("num")).map(([x, y]) => `min(${x}, ${y})`),
    fc.tuple(tie("num"), tie("num"), tie("num")).map(([x, y, z]) => `max(${x}, ${y}, ${z})`),
    tie("num").map((x) => `abs(${x})`),
    fc.tuple(tie("num"), fc.constantFrom(0, 1, 2)).map(([x, d]) => `round(${x}, ${d})`),
    fc.tuple(tie("num"), tie("num"), tie("num")).map(([x, y, z]) => `clamp(${x}, ${y}, ${z})`),
    fc.tuple(tie("num"), tie("num")).map(([x, y]) => `ratio(${x}, ${y})`),
    fc.tuple(tie("num"), tie("num"), tie("num")).map(([x, y, z]) => `ratio(${x}, ${y}, ${z})`),
    fc.tuple(tie("bool"), tie("num"), tie("num")).map(([c, x, y]) => `(if ${c} then ${x} else ${y})`),
  ) as fc.Arbitrary<string>,
  bool: fc.oneof({ depthSize: "small", withCrossShrink: true },
    fc.constantFrom("f", "g", "true", "false", `k == "x"`, `k != "y"`, `k in ("x", "z")`),
    fc.tuple(tie("num"), fc.constantFrom("<", "<=", ">", ">=", "==", "!="), tie("num")).map(([x, o, y]) => `(${x} ${o} ${y})`),
    fc.tuple(tie("bool"), fc.constantFrom("and", "or"), tie("bool")).map(([x, o, y]) => `(${x} ${o} ${y})`),
    tie("bool").map((x) => `(not ${x})`),
    fc.tuple(tie("num"), tie("num"), tie("num")).map(([x, y, z]) => `(${x} in (${y}, ${z}))`),
  ) as fc.Arbitrary<string>,
  gen: fc.record({ num: tie("num") as fc.Arbitrary<string>, bool: tie("bool") as fc.Arbitrary<string> }),
})).gen;

function generated(g: Gen): string {
  return `scheme "gen" unit 区县
input a number optional
input b number optional
input c number optional
input n number default 2
input f boolean optional
input g boolean default true
input k category values ("x", "y", "z") optional
let e_num = ${g.num}
let e_bool = ${g.bool}
typology t { p when ${g.bool}  q when e_num > 1  r otherwise }
missing zero
indicator a points 100 { proportional }
veto "v" when ${g.bool}
grades { "A" >= 50, "B" }
rank overall
`;
}

const genFields = { a: num, b: num, c: num, n: num, f: fc.boolean(), g: fc.boolean(), k: fc.constantFrom("x", "y", "z") };

describe("JSON Logic agrees with the engine", () => {
  it("on random derived values, typologies and vetoes over rows with missing values", () => {
    fc.assert(fc.property(exprs, rowsArb(genFields, 6), (g, rows) => {
      const text = generated(g);
      const { results, exported } = run(text, rows);
      expect(exported.unsupported).toEqual([]);
      const types = results.typologies[0]!;
      rows.forEach((row, i) => {
        const ctx = `${text}\nrow ${JSON.stringify(row)}`;
        expect(sameNumber(jsonLogic.apply(exported.lets["e_num"] as never, row), engineLet(results, "e_num", i, false)), `e_num: ${ctx}`).toBe(true);
        expect(jsonLogic.apply(exported.lets["e_bool"] as never, row), `e_bool: ${ctx}`).toBe(engineLet(results, "e_bool", i, true));
        const member = Object.entries(exported.typologies["t"]!).filter(([, rule]) => truthy(jsonLogic.apply(rule as never, row))).map(([t]) => t);
        expect(member, `typology: ${ctx}`).toEqual(types.type[i]! >= 0 ? [types.types[types.type[i]!]!.name] : []);
        expect(truthy(jsonLogic.apply(exported.rules["veto/v"] as never, row)), `veto: ${ctx}`).toBe(results.vetoes[0]!.fired[i] === 1);
      });
    }), { numRuns: 150 });
  });
});

// ------------------------------------------------------------------ a fixed scheme

const FIXED = `scheme "固定" unit 区县
input gdp      percent optional
input urban    percent optional
input terrain  category values ("山区", "平原") optional
input awards   count default 0
input level    category values ("国家", "省", "市", "无") default "无"
input experts  ratings optional
input bad      boolean default false
table 目标 { "r0": 5, "r1": 6.5, "r2": 3 }
let gap = gdp - 目标
let hilly = terrain == "山区" and not (urban >= 60)
typology area {
  core  when urban >= 80
  hills when hilly
  outer otherwise
}
let core_bonus = if area == "core" then 1 else 0
check gdp <= 目标 + 5 warning "增速高于目标5个百分点以上"
missing zero
indicator gdp points 80 { goalposts floor 0 target 目标 }
indicator experts points 20 { panel }
bonus "推广" max 5 {
  "级别" highest { 3 when level == "国家", 2 when level == "省", 1 when level == "市" } unless bad
  "奖项" 2 when awards >= 2 and not bad
}
veto "一票否决" when bad or gap < -4
grades { "A" >= 50, "B" }
`;

const fixedFields = {
  gdp: num.map((x) => x * 3), urban: fc.constantFrom(40, 60, 79.9, 80, 95), terrain: fc.constantFrom("山区", "平原"),
  awards: fc.constantFrom(0, 1, 2, 3), level: fc.constantFrom("国家", "省", "市", "无"),
  experts: fc.array(num, { maxLength: 4 }), bad: fc.boolean(),
};

describe("JSON Logic on a fixed scheme", () => {
  it("exports tables, defaults, typologies in expressions, checks and bonus tiers", () => {
    fc.assert(fc.property(rowsArb(fixedFields, 4), (rows) => {
      const { results, exported } = run(FIXED, rows);
      expect(exported.unsupported).toEqual([]);
      const tiers = [3, 2, 1].map((amount, k) => ({ amount, rule: exported.rules[`bonus/推广/级别/tier ${k + 1}`] }));
      const block = results.blocks[0]!;
      rows.forEach((row, i) => {
        const ctx = JSON.stringify(row);
        for (const name of ["gap", "core_bonus"]) {
          expect(sameNumber(jsonLogic.apply(exported.lets[name] as never, row), engineLet(results, name, i, false)), `${name}: ${ctx}`).toBe(true);
        }
        expect(jsonLogic.apply(exported.lets["hilly"] as never, row), `hilly: ${ctx}`).toBe(engineLet(results, "hilly", i, true));
        const paid = Math.max(0, ...tiers.filter((t) => truthy(jsonLogic.apply(t.rule as never, row))).map((t) => t.amount));
        expect(paid, `tiers: ${ctx}`).toBe(block.items[0]!.amount[i]);
        expect(truthy(jsonLogic.apply(exported.rules["bonus/推广/奖项"] as never, row)) ? 2 : 0, `item: ${ctx}`).toBe(block.items[1]!.amount[i]);
        expect(truthy(jsonLogic.apply(exported.rules["check/增速高于目标5个百分点以上"] as never, row)), `check: ${ctx}`).toBe(results.checks[0]!.fired[i] === 1);
        expect(truthy(jsonLogic.apply(exported.rules["veto/一票否决"] as never, row)), `veto: ${ctx}`).toBe(results.vetoes[0]!.fired[i] === 1);
      });
    }), { numRuns: 200 });
  });

  it("lists what JSON Logic cannot express, with the reason and the place, and exports the rest", () => {
    const checked = compile(`scheme "x" unit 区县
input a number
input b number
let m = mean(a)
let r = rank(a within t)
let l = ln(a)
let p = a - prev(a)
let ok = a + b
let uses_m = m + 1
typology t { hi when a > 1  lo otherwise }
indicator a points 100 { proportional }
flag "约谈" when total < 60
grades { "A" >= 50, "B" }
`, "x.yard");
    const out = exportJsonLogic(checked);
    const reasons = Object.fromEntries(out.unsupported.map((u) => [u.name, u.reason]));
    expect(Object.keys(reasons).sort()).toEqual(["flag/约谈", "let/l", "let/m", "let/p", "let/r", "let/uses_m"]);
    expect(reasons["let/m"]).toContain("cross-region function");
    expect(reasons["let/uses_m"]).toContain("cross-region function");
    expect(reasons["let/l"]).toBe("JSON Logic has no `ln`");
    expect(reasons["let/p"]).toContain("last period");
    expect(reasons["flag/约谈"]).toContain("`total`");
    expect(out.unsupported.find((u) => u.name === "let/m")).toMatchObject({ line: 4, col: 1 });
    expect(Object.keys(out.lets)).toEqual(["ok"]);
    expect(jsonLogic.apply(out.lets["ok"] as never, { a: 1, b: 2 })).toBe(3);
    expect(jsonLogic.apply(out.lets["ok"] as never, { a: 1 })).toBeNull();
    expect(Object.keys(out.typologies["t"]!)).toEqual(["hi", "lo"]);
  });
});
