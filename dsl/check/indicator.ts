/** Indicators: what is scored, the method and its parameters, items, limits and per-type overrides. */
import type { Band, Expr, Indicator, Method, ScoringBody } from "../ast.js";
import { constantValue } from "./constant.js";
import type { CheckContext } from "./context.js";
import { checkExpr, IN_INDICATOR, PLAIN } from "./exprs.js";
import { checkItem } from "./items.js";
import { round } from "./shares.js";
import type { CheckedNode } from "./types.js";
import { walkExpr } from "./walk.js";

/** Checks every indicator of the tree. */
export function checkIndicators(cx: CheckContext, nodes: ReadonlyMap<string, CheckedNode>): void {
  for (const node of nodes.values()) {
    if (node.decl?.kind === "indicator") checkIndicator(cx, node.decl, node);
  }
}

function checkIndicator(cx: CheckContext, d: Indicator, node: CheckedNode): void {
  const bodies = [d.body, ...d.overrides.map((o) => o.body)];
  for (const o of d.overrides) for (const t of o.types) cx.checkTypeName(t.name, t.span);
  const isPanel = bodies.some((b) => b.method?.kind === "panel");
  checkValue(cx, d, isPanel, bodies.some(needsValue));
  for (const body of bodies) checkBody(cx, d, body, node.points);
  const b = d.body;
  const scoresNothing = !b.method && b.adjustments.length === 0 && b.zeroWhen.length === 0 && d.overrides.every((o) => !o.body.method);
  if (scoresNothing && !cx.brokenWithin(d.span)) {
    cx.warning("no-scoring", `\`${d.name.name}\` has no scoring method and no \`add\`/\`deduct\` items: every region gets full marks`, d.name.span,
      "add a method such as `proportional` or `bands { … }`, or items such as `deduct 1 per …`");
  }
}

/** True when the body scores the indicator's value (rather than only conditions on other fields). */
function needsValue(b: ScoringBody): boolean {
  if (b.transform || (b.method && b.method.kind !== "custom" && b.method.kind !== "ballots" && b.method.kind !== "fuzzy")) return true;
  if (b.adjustments.some((a) => a.item.basis.kind === "gap")) return true;
  let usesX = false;
  forEachExpr(b, (e) => walkExpr(e, (s) => { if (s.kind === "name" && s.name === "x") usesX = true; }));
  return usesX;
}

function checkValue(cx: CheckContext, d: Indicator, isPanel: boolean, needed: boolean): void {
  const want = isPanel ? "ratings" : "number";
  if (d.body.value) {
    checkExpr(cx, d.body.value, PLAIN, want);
    return;
  }
  const sym = cx.symbols.get(d.name.name);
  if (sym && (sym.kind === "input" || sym.kind === "let")) {
    cx.used.add(d.name.name);
    if (sym.type !== want) {
      cx.error("type-mismatch", `\`${d.name.name}\` is ${sym.type === "boolean" ? "a condition" : sym.type === "ratings" ? "a list of ratings" : sym.type === "category" ? "a category" : "a number"}; ${isPanel ? "a panel scores ratings" : "an indicator scores a number"}`,
        d.name.span, sym.type === "boolean" ? "score it with items such as `deduct 1 when not …`, and a `value` if a number is scored" : undefined);
    }
    return;
  }
  if (!needed) return;
  const candidates = [...cx.symbols.values()].filter((s) => s.kind === "input" || s.kind === "let").map((s) => s.decl.name.name);
  cx.error("unknown-name", `indicator \`${d.name.name}\` has no value: no input or derived value is called \`${d.name.name}\``, d.name.span,
    cx.suggest(d.name.name, candidates) ?? "write `value …` in the indicator, or name it after the input it scores");
}

function checkBody(cx: CheckContext, d: Indicator, b: ScoringBody, points: number): void {
  if (b.method) checkMethod(cx, b.method);
  for (const a of b.adjustments) {
    checkItem(cx, a.item, { sign: a.sign, place: IN_INDICATOR, points: Number.isFinite(points) ? points : null, owner: `\`${d.name.name}\``, inIndicator: true });
  }
  for (const z of b.zeroWhen) checkExpr(cx, z.cond, IN_INDICATOR, "boolean");
  for (const z of b.exemptWhen) checkExpr(cx, z.cond, IN_INDICATOR, "boolean");
  if (b.inapplicable) {
    checkExpr(cx, b.inapplicable.cond, IN_INDICATOR, "boolean");
    if (b.inapplicable.within) cx.typology(b.inapplicable.within.name, b.inapplicable.within.span);
  }
  if (b.cap) checkExpr(cx, b.cap.value, IN_INDICATOR, "number");
  if (b.floor) checkExpr(cx, b.floor.value, IN_INDICATOR, "number");
  const cap = constantValue(b.cap?.value);
  const floor = constantValue(b.floor?.value);
  if (cap !== null && floor !== null && floor > cap) cx.error("bad-value", `the floor ${round(floor)} is above the cap ${round(cap)}`, b.floor!.span);
}

function checkMethod(cx: CheckContext, m: Method): void {
  const num = (e: Expr | null) => { if (e) checkExpr(cx, e, IN_INDICATOR, "number"); };
  switch (m.kind) {
    case "minmax": case "zscore": case "ratio-to-best":
      if (m.within) cx.typology(m.within.name, m.within.span);
      return;
    case "goalposts": num(m.floor); num(m.target); return checkGoalposts(cx, m.floor, m.target);
    case "target": num(m.target); return;
    case "proportional": num(m.to); return;
    case "bands": m.bands.forEach((band) => { num(band.threshold); num(band.points); }); num(m.otherwise); return checkBandOrder(cx, m.bands);
    case "rank-points":
      if (m.within) cx.typology(m.within.name, m.within.span);
      m.points.forEach(num); num(m.step); num(m.otherwise);
      return;
    case "efficacy": num(m.satisfactory); num(m.disallowed); return checkGoalposts(cx, m.disallowed, m.satisfactory);
    case "panel":
      if (m.trim && !(Number.isInteger(m.trim.value) && m.trim.value >= 0)) cx.error("bad-value", "`trim` takes a whole number of ratings", m.trim.span);
      num(m.scale);
      return;
    case "ballots": case "fuzzy":
      for (const c of m.categories) {
        const sym = cx.symbols.get(c.field.name);
        const numeric = (sym?.kind === "input" || sym?.kind === "let") && sym.type === "number";
        if (numeric) cx.used.add(c.field.name);
        else cx.error(sym ? "type-mismatch" : "unknown-name", sym ? `\`${c.field.name}\` must be a number (an input or derived value: a count, a share or a membership)` : `unknown name \`${c.field.name}\``, c.field.span,
          sym ? undefined : cx.suggest(c.field.name, cx.symbols.keys()) ?? `declare \`input ${c.field.name} count\` or a \`let\``);
        num(c.value);
      }
      num(m.scale);
      return;
    case "custom": checkExpr(cx, m.expr, IN_INDICATOR, "number"); return;
  }
}

function checkGoalposts(cx: CheckContext, low: Expr, high: Expr): void {
  const a = constantValue(low);
  const b = constantValue(high);
  if (a !== null && b !== null && a === b) {
    cx.warning("bad-value", "the two goalposts are equal, so no value is scored between them: a region gets all or nothing", high.span);
  }
}

/** Bands are tried in order and the first that holds wins: a band that an earlier one always pre-empts is an error. */
function checkBandOrder(cx: CheckContext, bands: readonly Band[]): void {
  const up = (op: string) => op === ">=" || op === ">";
  const dir = bands[0] ? up(bands[0].op) : true;
  let prev: { band: Band; value: number } | null = null;
  for (const band of bands) {
    if (up(band.op) !== dir) {
      cx.error("band-order", `bands mix \`>=\`/\`>\` with \`<=\`/\`<\``, band.span, "write every band with the same kind of comparison");
      return;
    }
    const v = constantValue(band.threshold);
    if (v === null) { prev = null; continue; }
    if (prev) {
      const dead = dir ? v > prev.value || (v === prev.value && (band.op === ">" || prev.band.op === ">=")) : v < prev.value || (v === prev.value && (band.op === "<" || prev.band.op === "<="));
      if (dead) {
        cx.error("band-order", `band \`${band.op} ${round(v)}\` can never be reached: the band \`${prev.band.op} ${round(prev.value)}\` before it already takes every such value`, band.span,
          dir ? "list bands from the highest threshold down" : "list bands from the lowest threshold up");
      }
    }
    prev = { band, value: v };
  }
}

/** Calls `f` on every expression written in a scoring body. */
function forEachExpr(b: ScoringBody, f: (e: Expr) => void): void {
  const m = b.method;
  const list: (Expr | null)[] = [b.value, b.cap?.value ?? null, b.floor?.value ?? null, b.inapplicable?.cond ?? null, ...b.zeroWhen.map((z) => z.cond), ...b.exemptWhen.map((z) => z.cond)];
  if (m?.kind === "goalposts") list.push(m.floor, m.target);
  if (m?.kind === "target") list.push(m.target);
  if (m?.kind === "proportional") list.push(m.to);
  if (m?.kind === "bands") list.push(...m.bands.flatMap((x) => [x.threshold, x.points]), m.otherwise);
  if (m?.kind === "custom") list.push(m.expr);
  for (const a of b.adjustments) {
    const i = a.item;
    list.push(i.amount, i.max, i.times, i.unless);
    if (i.basis.kind === "count") list.push(i.basis.count);
    if (i.basis.kind === "when") list.push(i.basis.cond);
    if (i.basis.kind === "highest") list.push(...i.basis.tiers.flatMap((t) => [t.amount, t.cond]));
  }
  for (const e of list) if (e) f(e);
}
