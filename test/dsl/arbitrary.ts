/**
 * fast-check arbitraries that build valid Yardstick ASTs: every declaration kind, the indicator
 * tree with every scoring method, rules, grades and expressions of every kind. Spans are a
 * placeholder and comments are empty (doc strings are generated: the formatter prints them as
 * `///` lines). Literal `text` fields agree with their values, as the parser would build them.
 */
import fc from "fast-check";
import type * as A from "../../dsl/ast.js";
import { NO_SPAN } from "../../dsl/source.js";
import { HARD_KEYWORDS, SOFT_KEYWORDS, keywordText } from "../../dsl/tokens.js";

const span = NO_SPAN;
const HARD = new Set(HARD_KEYWORDS.map(keywordText));
const nullable = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });

/** A name: plain, Chinese, Greek, or a soft keyword (soft keywords are names outside their clause). */
export const identName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("a", "b", "x", "gdp_growth", "区县", "增速", "满意度", "_t", "x2") },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((s) => !HARD.has(s)) },
  { weight: 1, arbitrary: fc.stringMatching(/^[\u4e00-\u9fa5][\u4e00-\u9fa50-9_]{0,3}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[α-ω][α-ω0-9]{0,2}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...SOFT_KEYWORDS.map(keywordText)) },
);

const ident: fc.Arbitrary<A.Ident> = identName.map((name) => ({ kind: "ident", name, span }));
const idents = fc.array(ident, { minLength: 1, maxLength: 3 });

/** Text values, including quotes, backslashes, tabs, newlines and any Unicode but `\r`. */
export const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("省级奖项", "优秀", "不合格", 'say "hi"', "back\\slash", "tab\there", "two\nlines", ""),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.string({ unit: "binary", maxLength: 6 }),
).map((s) => s.replace(/\r/g, ""));

const stringLit: fc.Arbitrary<A.StringLit> = text.map((value) => ({ kind: "string", value, span }));

/** A number literal whose `text` is written as the parser would keep it; `negative` allows `-5`. */
export function numberLit(negative: boolean): fc.Arbitrary<A.NumberLit> {
  return fc.record({
    int: fc.oneof(fc.nat(1000).map(String), fc.stringMatching(/^[0-9]{1,4}$/)),
    frac: nullable(fc.stringMatching(/^[0-9]{1,3}$/)),
    exp: nullable(fc.constantFrom("e3", "e-2", "E+1")),
    unit: fc.constantFrom<A.NumberUnit>(null, "%", "pp"),
    neg: negative ? fc.boolean() : fc.constant(false),
  }).map(({ int, frac, exp, unit, neg }) => {
    const digits = `${int}${frac === null ? "" : "." + frac}${exp ?? ""}`;
    const value = neg ? -Number(digits) : Number(digits);
    return { kind: "number", value, unit, text: `${neg ? "-" : ""}${digits}${unit ?? ""}`, span };
  });
}

const leaf: fc.Arbitrary<A.Expr> = fc.oneof(
  { weight: 3, arbitrary: numberLit(true) },
  { weight: 1, arbitrary: stringLit },
  { weight: 1, arbitrary: fc.boolean().map((value): A.Expr => ({ kind: "bool", value, span })) },
  {
    weight: 3,
    arbitrary: fc.oneof(identName, fc.constantFrom("max", "rank", "total", "grade", "ratio")).map((name): A.Expr => ({ kind: "name", name, span })),
  },
  { weight: 1, arbitrary: idents.map((parts): A.Expr => ({ kind: "score", path: { kind: "path", parts, span }, span })) },
);

const BINARY_OPS: readonly A.BinaryOp[] = ["or", "and", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"];
const exprCache = new Map<number, fc.Arbitrary<A.Expr>>();

/** Expressions of every kind, nested up to `depth` levels. */
export function exprArb(depth = 3): fc.Arbitrary<A.Expr> {
  if (depth <= 0) return leaf;
  const cached = exprCache.get(depth);
  if (cached) return cached;
  const sub = exprArb(depth - 1);
  const callee = fc.oneof(identName, fc.constantFrom("max", "min", "mean", "rank", "ratio", "total"))
    .map((name): A.Ident => ({ kind: "ident", name, span }));
  const arb: fc.Arbitrary<A.Expr> = fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom<"-" | "not">("-", "not"), operand: sub }).map((u): A.Expr => ({ kind: "unary", ...u, span })) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }).map((b): A.Expr => ({ kind: "binary", ...b, span })) },
    { weight: 1, arbitrary: fc.record({ callee, args: fc.array(sub, { maxLength: 3 }), within: nullable(ident) }).map((c): A.Expr => ({ kind: "call", ...c, span })) },
    { weight: 1, arbitrary: fc.record({ value: sub, options: fc.array(sub, { minLength: 1, maxLength: 3 }) }).map((i): A.Expr => ({ kind: "in", ...i, span })) },
    { weight: 1, arbitrary: fc.record({ cond: sub, then: sub, otherwise: sub }).map((i): A.Expr => ({ kind: "if", ...i, span })) },
  );
  exprCache.set(depth, arb);
  return arb;
}

const expr = exprArb(2);
const optExpr = nullable(expr);
const doc: fc.Arbitrary<string | null> = nullable(
  fc.array(fc.string({ maxLength: 10 }).map((s) => s.replace(/[\r\n]/g, " ").trim()), { minLength: 1, maxLength: 2 }).map((ls) => ls.join("\n")),
);
const within = nullable(ident);
const share: fc.Arbitrary<A.Share> = fc.record({ unit: fc.constantFrom<"points" | "weight">("points", "weight"), value: numberLit(false) })
  .map((s) => ({ kind: "share", ...s, span }));

/** True when the expression's printed text would start with a string literal. */
function startsWithString(e: A.Expr): boolean {
  if (e.kind === "string") return true;
  if (e.kind === "binary") return startsWithString(e.left);
  if (e.kind === "in") return startsWithString(e.value);
  return false;
}

const basis: fc.Arbitrary<A.Basis> = fc.oneof(
  fc.record({ step: numberLit(true), side: fc.constantFrom<"below" | "above">("below", "above"), reference: expr }).map((b): A.Basis => ({ kind: "gap", ...b, span })),
  expr.map((count): A.Basis => ({ kind: "count", count, span })),
  expr.map((cond): A.Basis => ({ kind: "when", cond, span })),
  fc.array(fc.record({ amount: expr, cond: expr }).map((t): A.Tier => ({ kind: "tier", ...t, span })), { maxLength: 3 })
    .map((tiers): A.Basis => ({ kind: "highest", tiers, span })),
);

/**
 * A bonus/deduction item. Without a label, an amount starting with a string would be read as the
 * label (`"a" - 1 per x`), so such amounts are left out.
 */
const ruleItem: fc.Arbitrary<A.RuleItem> = fc.record({ label: nullable(stringLit), amount: expr, basis, max: optExpr, times: optExpr, unless: optExpr })
  .filter((i) => i.label !== null || !startsWithString(i.amount))
  .map((i) => ({ kind: "item", ...i, amount: i.basis.kind === "highest" ? null : i.amount, span }));

const categories = fc.array(fc.record({ field: ident, value: expr }).map((c): A.Category => ({ kind: "category", ...c, span })), { maxLength: 3 });

/** Every scoring method. */
export const method: fc.Arbitrary<A.Method> = fc.oneof(
  fc.record({ kind: fc.constantFrom<"minmax" | "zscore" | "ratio-to-best">("minmax", "zscore", "ratio-to-best"), within }).map((m): A.Method => ({ ...m, span })),
  fc.record({ floor: expr, target: expr }).map((m): A.Method => ({ kind: "goalposts", ...m, span })),
  fc.record({ target: expr, otherwise: fc.constantFrom<"zero" | "proportional">("zero", "proportional") }).map((m): A.Method => ({ kind: "target", ...m, span })),
  optExpr.map((to): A.Method => ({ kind: "proportional", to, span })),
  fc.record({
    bands: fc.array(fc.record({ op: fc.constantFrom<A.Band["op"]>(">=", ">", "<=", "<"), threshold: expr, points: expr }).map((b): A.Band => ({ kind: "band", ...b, span })), { maxLength: 4 }),
    otherwise: optExpr,
  }).map((m): A.Method => ({ kind: "bands", ...m, span })),
  fc.record({ within, points: fc.array(expr, { minLength: 1, maxLength: 4 }), step: optExpr, otherwise: optExpr }).map((m): A.Method => ({ kind: "rank-points", ...m, span })),
  fc.record({ satisfactory: expr, disallowed: expr }).map((m): A.Method => ({ kind: "efficacy", ...m, span })),
  fc.record({ trim: nullable(numberLit(false)), above: nullable(numberLit(false)), scale: optExpr }).map((m): A.Method => ({ kind: "panel", ...m, span })),
  fc.record({ kind: fc.constantFrom<"ballots" | "fuzzy">("ballots", "fuzzy"), categories, scale: optExpr }).map((m): A.Method => ({ ...m, span })),
  expr.map((e): A.Method => ({ kind: "custom", expr: e, span })),
);

const missingClause: fc.Arbitrary<A.MissingClause> = fc.record({
  policy: fc.constantFrom<A.MissingClause["policy"]>("error", "zero", "mean", "prev", "drop"), within,
}).map((m) => ({ kind: "missing", ...m, span }));

const setting: fc.Arbitrary<A.GroupSetting> = fc.oneof(
  fc.record({
    method: fc.constantFrom<A.WeightsClause["method"]>("equal", "entropy", "ahp"),
    matrix: fc.array(fc.array(expr, { maxLength: 3 }), { maxLength: 3 }),
  }).map((w): A.GroupSetting => ({ kind: "weights", ...w, span })),
  fc.constantFrom<A.AggregateClause["method"]>("arithmetic", "geometric", "minimum").map((method): A.GroupSetting => ({ kind: "aggregate", method, span })),
  missingClause,
);

const scoringBody: fc.Arbitrary<A.ScoringBody> = fc.record({
  value: optExpr,
  transform: nullable(fc.constantFrom<"log" | "sqrt">("log", "sqrt").map((fn): A.TransformClause => ({ kind: "transform", fn, span }))),
  method: nullable(method),
  adjustments: fc.array(fc.record({ sign: fc.constantFrom<"add" | "deduct">("add", "deduct"), item: ruleItem }).map((a): A.Adjustment => ({ kind: "adjustment", ...a, span })), { maxLength: 2 }),
  zeroWhen: fc.array(expr.map((cond): A.ZeroWhen => ({ kind: "zero-when", cond, span })), { maxLength: 2 }),
  exemptWhen: fc.array(expr.map((cond): A.ExemptWhen => ({ kind: "exempt-when", cond, span })), { maxLength: 2 }),
  inapplicable: nullable(fc.record({ cond: expr, within }).map((i): A.Inapplicable => ({ kind: "inapplicable", ...i, span }))),
  cap: nullable(expr.map((value): A.Limit => ({ kind: "cap", value, span }))),
  floor: nullable(expr.map((value): A.Limit => ({ kind: "floor", value, span }))),
  missing: nullable(missingClause),
});

const indicator: fc.Arbitrary<A.Indicator> = fc.record({
  name: ident, label: nullable(stringLit), share: nullable(share),
  direction: fc.constantFrom<A.Indicator["direction"]>(null, "higher", "lower"),
  body: scoringBody,
  overrides: fc.array(fc.record({ types: idents, share: nullable(share), body: scoringBody }).map((o): A.TypeOverride => ({ kind: "override", ...o, span })), { maxLength: 2 }),
  doc,
}).map((i) => ({ kind: "indicator", ...i, span }));

/** A dimension or indicator, with dimensions nested up to `depth` levels. */
export function treeNode(depth = 2): fc.Arbitrary<A.TreeNode> {
  if (depth <= 0) return indicator;
  const dimension: fc.Arbitrary<A.TreeNode> = fc.record({
    name: ident, label: nullable(stringLit), share: nullable(share),
    settings: fc.array(setting, { maxLength: 2 }),
    overrides: fc.array(fc.record({ types: idents, share }).map((o): A.ShareOverride => ({ kind: "share-override", ...o, span })), { maxLength: 2 }),
    children: fc.array(treeNode(depth - 1), { maxLength: 3 }),
    doc,
  }).map((d) => ({ kind: "dimension", ...d, span }));
  return fc.oneof(indicator, dimension);
}

const inputDecl: fc.Arbitrary<A.Decl> = fc.record({
  name: ident,
  type: fc.constantFrom<A.InputType>("number", "percent", "count", "money", "years", "boolean", "category", "ratings"),
  label: nullable(stringLit), unit: nullable(stringLit),
  range: nullable(fc.record({ min: expr, max: expr }).map((r): A.RangeClause => ({ kind: "range", ...r, span }))),
  default: optExpr, required: fc.constantFrom(null, true, false), values: fc.array(stringLit, { maxLength: 3 }),
  source: nullable(stringLit), doc,
}).map((d) => ({ kind: "input", ...d, span }));

const gradeLevel: fc.Arbitrary<A.GradeLevel> = fc.record({
  label: stringLit,
  threshold: nullable(fc.record({ op: fc.constantFrom<">=" | ">">(">=", ">"), value: expr })),
  quotas: fc.array(fc.record({ bound: fc.constantFrom<A.Quota["bound"]>("at-most", "at-least"), value: numberLit(false) }).map((q): A.Quota => ({ kind: "quota", ...q, span })), { maxLength: 2 }),
}).map(({ label, threshold, quotas }) => ({ kind: "grade", label, op: threshold?.op ?? null, threshold: threshold?.value ?? null, quotas, span }));

/** Every kind of top-level declaration. */
export const decl: fc.Arbitrary<A.Decl> = fc.oneof(
  inputDecl,
  fc.record({ name: ident, label: nullable(stringLit), expr, doc }).map((d): A.Decl => ({ kind: "let", ...d, span })),
  fc.record({
    name: ident, label: nullable(stringLit),
    entries: fc.array(fc.record({ region: stringLit, value: expr }).map((e): A.TableEntry => ({ kind: "entry", ...e, span })), { maxLength: 3 }),
    default: optExpr, doc,
  }).map((d): A.Decl => ({ kind: "table", ...d, span })),
  fc.record({
    name: ident, label: nullable(stringLit),
    types: fc.array(fc.record({ name: ident, label: nullable(stringLit), when: optExpr }).map((t): A.TypeRule => ({ kind: "type", ...t, span })), { maxLength: 3 }),
    doc,
  }).map((d): A.Decl => ({ kind: "typology", ...d, span })),
  fc.record({ cond: expr, severity: fc.constantFrom<"error" | "warning">("error", "warning"), message: stringLit, doc }).map((d): A.Decl => ({ kind: "check", ...d, span })),
  fc.record({
    label: nullable(stringLit), subject: expr,
    levels: fc.array(fc.record({ color: fc.constantFrom<"red" | "yellow">("red", "yellow"), side: fc.constantFrom<"below" | "above">("below", "above"), threshold: expr })
      .map((l): A.AlertLevel => ({ kind: "alert-level", ...l, span })), { minLength: 1, maxLength: 2 }),
    doc,
  }).map((d): A.Decl => ({ kind: "alert", ...d, span })),
  fc.record({ label: stringLit, when: expr, doc }).map((d): A.Decl => ({ kind: "flag", ...d, span })),
  numberLit(false).map((value): A.Decl => ({ kind: "total", value, span })),
  setting,
  treeNode(2),
  fc.record({ kind: fc.constantFrom<"bonus" | "deduction">("bonus", "deduction"), label: stringLit, max: optExpr, items: fc.array(ruleItem, { maxLength: 3 }), doc })
    .map((d): A.Decl => ({ ...d, span })),
  fc.record({ scope: fc.constantFrom<"all" | "top">("all", "top"), label: stringLit, when: expr, grade: nullable(stringLit), doc })
    .map((d): A.Decl => ({ kind: "veto", ...d, span })),
  fc.record({ within, refill: fc.boolean(), levels: fc.array(gradeLevel, { maxLength: 4 }), doc }).map((d): A.Decl => ({ kind: "grades", ...d, span })),
  fc.record({ scopes: fc.array(nullable(ident), { minLength: 1, maxLength: 3 }), doc }).map((d): A.Decl => ({ kind: "rank", ...d, span })),
);

const header: fc.Arbitrary<A.Header> = fc.record({
  title: stringLit, period: nullable(fc.oneof(numberLit(false), stringLit)), unit: nullable(ident),
}).map((h) => ({ kind: "header", ...h, span }));

/** A whole scheme: an optional header and up to eight declarations, without comments. */
export const scheme: fc.Arbitrary<A.Scheme> = fc.record({ header: nullable(header), decls: fc.array(decl, { maxLength: 8 }) })
  .map(({ header, decls }) => ({ kind: "scheme", header, decls, comments: [], span }));
