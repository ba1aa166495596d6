/**
 * An indicator's scoring, compared clause by clause: value, transform, method and its
 * parameters (targets, floors, bands, rank points, efficacy, panel, ballots, formulas),
 * adjustments, `zero`/`exempt`/`inapplicable` conditions, cap, floor, missing policy, and the
 * per-type overrides (`for T { … }`) the same way.
 */
import type { Band, Indicator, Method, ScoringBody, TypeOverride } from "../../dsl/ast.js";
import { exprFact, exprText, facts, numberFact, wordFact, type Fact, type Facts } from "./facts.js";
import { diffItems } from "./items.js";
import { pairLists } from "./pair.js";
import { compareFacts, whole, type Recorder, type Subject } from "./record.js";
import { bandText, bodyText, inapplicableText, listText, methodText, shareText } from "./text.js";

function withinFact(w: { name: string; span: Fact["span"] } | null): Fact | null {
  return w ? wordFact(w.name, w.span) : null;
}

/** The parameters of a method (bands excepted), named `<method> <parameter>`. */
function methodFacts(m: Method): Facts {
  const e = exprFact;
  switch (m.kind) {
    case "minmax": case "zscore": case "ratio-to-best": return facts([[`${m.kind === "ratio-to-best" ? "ratio to best" : m.kind} within`, withinFact(m.within)]]);
    case "goalposts": return facts([["goalposts floor", e(m.floor)], ["goalposts target", e(m.target)]]);
    case "target": return facts([["target", e(m.target)], ["target else", wordFact(m.otherwise, m.span)]]);
    case "proportional": return facts([["proportional to", m.to ? e(m.to) : null]]);
    case "bands": return facts([["bands else", m.otherwise ? e(m.otherwise) : null]]);
    case "rank-points": return facts([
      ["rank points", { text: listText(m.points), value: m.points, span: m.points[0] ? { ...m.points[0].span, end: m.points.at(-1)!.span.end, endLine: m.points.at(-1)!.span.endLine, endCol: m.points.at(-1)!.span.endCol } : m.span }],
      ["rank points within", withinFact(m.within)], ["rank points step", m.step ? e(m.step) : null], ["rank points else", m.otherwise ? e(m.otherwise) : null],
    ]);
    case "efficacy": return facts([["efficacy satisfactory", e(m.satisfactory)], ["efficacy disallowed", e(m.disallowed)]]);
    case "panel": return facts([["panel trim", m.trim ? numberFact(m.trim) : null], ["panel above", m.above ? numberFact(m.above) : null], ["panel scale", m.scale ? e(m.scale) : null]]);
    case "ballots": case "fuzzy": return facts([...m.categories.map((c) => [`${m.kind} ${c.field.name}`, e(c.value)] as const), [`${m.kind} scale`, m.scale ? e(m.scale) : null]]);
    case "custom": return facts([["score", e(m.expr)]]);
  }
}

function diffBands(rec: Recorder, s: Subject, old: readonly Band[], now: readonly Band[]): void {
  const key = (b: Band) => `${b.op} ${exprText(b.threshold)}`;
  for (const p of pairLists(old, now, [key], () => true)) {
    const name = `band ${key((p.new ?? p.old)!)}`;
    if (!p.old || !p.new) {
      const b = (p.old ?? p.new)!;
      rec.presence(s, name, p.old ? whole(bandText(b), b.span) : null, p.new ? whole(bandText(b), b.span) : null);
      continue;
    }
    const threshold = (b: Band): Fact => ({ text: key(b), value: [b.op, b.threshold], span: b.threshold.span });
    compareFacts(rec, { ...s, prefix: `${s.prefix ?? ""}${name}: ` },
      facts([["threshold", threshold(p.old)], ["points", exprFact(p.old.points)]]),
      facts([["threshold", threshold(p.new)], ["points", exprFact(p.new.points)]]));
  }
}

function diffMethod(rec: Recorder, s: Subject, a: Method | null, b: Method | null): void {
  if (!a || !b || a.kind !== b.kind) {
    const f = (m: Method | null) => (m ? whole(methodText(m), m.span) : null);
    if (a || b) rec.add(s, a && b ? "changed" : a ? "removed" : "added", "method", f(a), f(b));
    return;
  }
  compareFacts(rec, s, methodFacts(a), methodFacts(b));
  if (a.kind === "bands" && b.kind === "bands") diffBands(rec, s, a.bands, b.bands);
}

/** A list of conditions (`zero when`, `exempt when`): paired by text, then in order. */
function diffConditions(rec: Recorder, s: Subject, field: string, old: readonly { cond: Parameters<typeof exprFact>[0] }[], now: readonly { cond: Parameters<typeof exprFact>[0] }[]): void {
  for (const p of pairLists(old, now, [(c) => exprText(c.cond)], () => true)) {
    const a = p.old ? exprFact(p.old.cond) : null;
    const b = p.new ? exprFact(p.new.cond) : null;
    if (a && b) compareFacts(rec, s, facts([[field, a]]), facts([[field, b]]));
    else rec.presence(s, field, a, b);
  }
}

function simpleFacts(b: ScoringBody): Facts {
  const i = b.inapplicable;
  const m = b.missing;
  return facts([
    ["value", b.value ? exprFact(b.value) : null],
    ["transform", b.transform ? wordFact(b.transform.fn, b.transform.span) : null],
    ["inapplicable", i ? { text: inapplicableText(i), value: i, span: i.span } : null],
    ["cap", b.cap ? exprFact(b.cap.value) : null],
    ["floor", b.floor ? exprFact(b.floor.value) : null],
    ["missing", m ? { text: `${m.policy}${m.within ? ` within ${m.within.name}` : ""}`, value: m, span: m.span } : null],
  ]);
}

/** Compares two scoring bodies (an indicator's, or one override's). */
export function diffBody(rec: Recorder, s: Subject, a: ScoringBody, b: ScoringBody): void {
  diffMethod(rec, s, a.method, b.method);
  compareFacts(rec, s, simpleFacts(a), simpleFacts(b));
  for (const sign of ["add", "deduct"] as const) {
    const items = (x: ScoringBody) => x.adjustments.filter((j) => j.sign === sign).map((j) => j.item);
    diffItems(rec, s, sign, items(a), items(b));
  }
  diffConditions(rec, s, "zero when", a.zeroWhen, b.zeroWhen);
  diffConditions(rec, s, "exempt when", a.exemptWhen, b.exemptWhen);
}

const typesKey = (o: { types: readonly { name: string }[] }) => o.types.map((t) => t.name).sort().join(", ");

function overrideText(o: TypeOverride): string {
  const inner = [o.share ? shareText(o.share) : "", bodyText(o.body)].filter(Boolean).join("  ");
  return `for ${o.types.map((t) => t.name).join(", ")} { ${inner} }`;
}

/** Compares an indicator's scoring and its per-type overrides. */
export function diffScoring(rec: Recorder, s: Subject, a: Indicator, b: Indicator): void {
  diffBody(rec, s, a.body, b.body);
  const overlap = (x: TypeOverride, y: TypeOverride) => x.types.some((t) => y.types.some((u) => u.name === t.name));
  for (const p of pairLists(a.overrides, b.overrides, [typesKey], overlap)) {
    const o = (p.new ?? p.old)!;
    const name = `for ${o.types.map((t) => t.name).join(", ")}`;
    if (!p.old || !p.new) {
      rec.presence(s, name, p.old ? whole(overrideText(p.old), p.old.span) : null, p.new ? whole(overrideText(p.new), p.new.span) : null);
      continue;
    }
    const sub = { ...s, prefix: `${s.prefix ?? ""}${name}: ` };
    const typesFact = (x: TypeOverride): Fact => ({ text: x.types.map((t) => t.name).join(", "), value: typesKey(x), span: x.span });
    const shareFact = (x: TypeOverride): Fact | null => (x.share ? { text: shareText(x.share), value: x.share, span: x.share.span } : null);
    compareFacts(rec, sub, facts([["types", typesFact(p.old)], ["share", shareFact(p.old)]]), facts([["types", typesFact(p.new)], ["share", shareFact(p.new)]]));
    diffBody(rec, sub, p.old.body, p.new.body);
  }
}
