/**
 * Declarations outside the tree that define values: the header, `total`, inputs, derived
 * values, tables and typologies. Each is paired by name and compared part by part.
 */
import type { Decl, InputDecl, LetDecl, Scheme, TableDecl, TypeRule, TypologyDecl } from "../../dsl/ast.js";
import { exprFact, exprText, facts, numberFact, stringFact, wordFact, type Fact, type Facts } from "./facts.js";
import { pairLists } from "./pair.js";
import { compareFacts, whole, type Recorder, type Subject } from "./record.js";
import { inputText, whenText } from "./text.js";

/** The declarations of one kind, in source order. */
export function declsOf<K extends Decl["kind"]>(s: Scheme, kind: K): Extract<Decl, { kind: K }>[] {
  return s.decls.filter((d): d is Extract<Decl, { kind: K }> => d.kind === kind);
}

/** Pairs declarations by name and reports the added and removed ones; calls `both` for the rest. */
function byName<T extends { name: { name: string }; span: Fact["span"] }>(
  rec: Recorder, section: Subject["section"], a: readonly T[], b: readonly T[], text: (d: T) => string,
  label: (d: T) => string | null, both: (s: Subject, x: T, y: T) => void,
): void {
  for (const p of pairLists(a, b, [(d) => d.name.name])) {
    const d = (p.new ?? p.old)!;
    const s: Subject = { section, subject: d.name.name, label: label(d) };
    if (p.old && p.new) both(s, p.old, p.new);
    else rec.presence(s, null, p.old ? whole(text(p.old), p.old.span) : null, p.new ? whole(text(p.new), p.new.span) : null);
  }
}

/** Header (title, period, unit) and `total`. */
export function diffHeader(rec: Recorder, a: Scheme, b: Scheme): void {
  const hf = (s: Scheme): Facts => facts([
    ["title", s.header ? stringFact(s.header.title) : null],
    ["period", s.header?.period ? (s.header.period.kind === "number" ? numberFact(s.header.period) : stringFact(s.header.period)) : null],
    ["unit", s.header?.unit ? wordFact(s.header.unit.name, s.header.unit.span) : null],
  ]);
  compareFacts(rec, { section: "header", subject: "scheme", label: null }, hf(a), hf(b));
  const tf = (s: Scheme): Facts => {
    const t = declsOf(s, "total")[0];
    return facts([["total", t ? numberFact(t.value) : null]]);
  };
  compareFacts(rec, { section: "total", subject: "total", label: "总分" }, tf(a), tf(b));
}

function inputFacts(d: InputDecl): Facts {
  return facts([
    ["type", wordFact(d.type, d.name.span)],
    ["label", d.label ? stringFact(d.label) : null],
    ["unit", d.unit ? stringFact(d.unit) : null],
    ["range", d.range ? { text: `${exprText(d.range.min)}..${exprText(d.range.max)}`, value: [d.range.min, d.range.max], span: d.range.span } : null],
    ["default", d.default ? exprFact(d.default) : null],
    ["required", d.required === null ? null : wordFact(d.required ? "required" : "optional", d.span)],
    ["values", d.values.length ? { text: d.values.map((v) => JSON.stringify(v.value)).join(", "), value: d.values.map((v) => v.value), span: d.values[0]!.span } : null],
    ["source", d.source ? stringFact(d.source) : null],
  ]);
}

/** Inputs, derived values and tables. */
export function diffValues(rec: Recorder, a: Scheme, b: Scheme): void {
  byName(rec, "input", declsOf(a, "input"), declsOf(b, "input"), inputText, (d) => d.label?.value ?? null,
    (s, x, y) => compareFacts(rec, s, inputFacts(x), inputFacts(y)));
  const letText = (d: LetDecl) => `let ${d.name.name}${d.label ? ` ${JSON.stringify(d.label.value)}` : ""} = ${exprText(d.expr)}`;
  const letFacts = (d: LetDecl) => facts([["label", d.label ? stringFact(d.label) : null], ["formula", exprFact(d.expr)]]);
  byName(rec, "let", declsOf(a, "let"), declsOf(b, "let"), letText, (d) => d.label?.value ?? null,
    (s, x, y) => compareFacts(rec, s, letFacts(x), letFacts(y)));
  const tableText = (d: TableDecl) => `table ${d.name.name} { ${d.entries.length} entries }`;
  const tableFacts = (d: TableDecl) => facts([
    ["label", d.label ? stringFact(d.label) : null],
    ...d.entries.map((e) => [`entry ${JSON.stringify(e.region.value)}`, exprFact(e.value)] as const),
    ["else", d.default ? exprFact(d.default) : null],
  ]);
  byName(rec, "table", declsOf(a, "table"), declsOf(b, "table"), tableText, (d) => d.label?.value ?? null,
    (s, x, y) => compareFacts(rec, s, tableFacts(x), tableFacts(y)));
}

function typeFacts(r: TypeRule): Facts {
  return facts([["label", r.label ? stringFact(r.label) : null], ["condition", { text: whenText(r), value: r.when, span: r.when?.span ?? r.span }]]);
}

function diffTypology(rec: Recorder, s: Subject, x: TypologyDecl, y: TypologyDecl): void {
  compareFacts(rec, s, facts([["label", x.label ? stringFact(x.label) : null]]), facts([["label", y.label ? stringFact(y.label) : null]]));
  const pairs = pairLists(x.types, y.types, [(r) => r.name.name]);
  for (const p of pairs) {
    const r = (p.new ?? p.old)!;
    const text = (t: TypeRule) => `${t.name.name}${t.label ? ` ${JSON.stringify(t.label.value)}` : ""} ${whenText(t)}`;
    if (p.old && p.new) compareFacts(rec, { ...s, prefix: `type ${r.name.name}: ` }, typeFacts(p.old), typeFacts(p.new));
    else rec.presence(s, `type ${r.name.name}`, p.old ? whole(text(p.old), p.old.span) : null, p.new ? whole(text(p.new), p.new.span) : null);
  }
  // The first matching rule wins, so the order of the types kept is part of the meaning.
  const kept = (list: readonly TypeRule[], other: readonly TypeRule[]) => list.filter((t) => other.some((u) => u.name.name === t.name.name)).map((t) => t.name.name).join(", ");
  const before = kept(x.types, y.types);
  const after = kept(y.types, x.types);
  if (before !== after) rec.add(s, "changed", "order", whole(before, x.span), whole(after, y.span));
}

/** Typologies: types added or removed, labels, conditions and rule order. */
export function diffTypologies(rec: Recorder, a: Scheme, b: Scheme): void {
  const text = (d: TypologyDecl) => `typology ${d.name.name} { ${d.types.map((t) => t.name.name).join(", ")} }`;
  byName(rec, "typology", declsOf(a, "typology"), declsOf(b, "typology"), text, (d) => d.label?.value ?? null, (s, x, y) => diffTypology(rec, s, x, y));
}
