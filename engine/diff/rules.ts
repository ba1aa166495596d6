/**
 * Rules around the tree: checks, alerts, flags, bonus and deduction blocks, vetoes, grades and
 * ranking. Rules without names are paired by their condition or label, then by position.
 */
import type { AlertDecl, CheckDecl, FlagDecl, GradeLevel, GradesDecl, RankDecl, RuleBlock, Scheme, VetoDecl } from "../../dsl/ast.js";
import { declsOf } from "./decls.js";
import { exprFact, exprText, facts, stringFact, wordFact, type Fact, type Facts } from "./facts.js";
import { diffItems } from "./items.js";
import { pairLists, type KeyFn } from "./pair.js";
import { compareFacts, whole, type Recorder, type Subject } from "./record.js";
import { labelledItemText } from "./text.js";

/** Pairs rules, reports the added and removed ones, and compares the facts of the rest. */
function rules<T extends { span: Fact["span"] }>(
  rec: Recorder, section: Subject["section"], a: readonly T[], b: readonly T[], keys: readonly KeyFn<T>[],
  name: (d: T) => string, text: (d: T) => string, factsOf: (d: T) => Facts, more?: (s: Subject, x: T, y: T) => void,
): void {
  for (const p of pairLists(a, b, keys, () => true)) {
    const s: Subject = { section, subject: name((p.new ?? p.old)!), oldSubject: p.old && p.new && name(p.old) !== name(p.new) ? name(p.old) : null, label: null };
    if (!p.old || !p.new) {
      rec.presence(s, null, p.old ? whole(text(p.old), p.old.span) : null, p.new ? whole(text(p.new), p.new.span) : null);
      continue;
    }
    compareFacts(rec, s, factsOf(p.old), factsOf(p.new));
    more?.(s, p.old, p.new);
  }
}

const q = (s: string) => JSON.stringify(s);

function diffChecks(rec: Recorder, a: Scheme, b: Scheme): void {
  rules<CheckDecl>(rec, "check", declsOf(a, "check"), declsOf(b, "check"), [(d) => exprText(d.cond), (d) => d.message.value],
    (d) => q(d.message.value), (d) => `check ${exprText(d.cond)} ${d.severity} ${q(d.message.value)}`,
    (d) => facts([["condition", exprFact(d.cond)], ["severity", wordFact(d.severity, d.span)], ["message", stringFact(d.message)]]));
}

function diffAlerts(rec: Recorder, a: Scheme, b: Scheme): void {
  const levels = (d: AlertDecl) => d.levels.map((l) => `${l.color} ${l.side} ${exprText(l.threshold)}`).join(" ");
  rules<AlertDecl>(rec, "alert", declsOf(a, "alert"), declsOf(b, "alert"), [(d) => d.label?.value ?? null, (d) => exprText(d.subject)],
    (d) => (d.label ? q(d.label.value) : `on ${exprText(d.subject)}`), (d) => `alert ${d.label ? `${q(d.label.value)} ` : ""}on ${exprText(d.subject)} ${levels(d)}`,
    (d) => facts([["label", d.label ? stringFact(d.label) : null], ["on", exprFact(d.subject)],
      ...d.levels.map((l) => [`${l.color} ${l.side}`, exprFact(l.threshold)] as const)]));
}

function diffFlags(rec: Recorder, a: Scheme, b: Scheme): void {
  rules<FlagDecl>(rec, "flag", declsOf(a, "flag"), declsOf(b, "flag"), [(d) => d.label.value, (d) => exprText(d.when)],
    (d) => q(d.label.value), (d) => `flag ${q(d.label.value)} when ${exprText(d.when)}`,
    (d) => facts([["label", stringFact(d.label)], ["condition", exprFact(d.when)]]));
}

function diffBlocks(rec: Recorder, a: Scheme, b: Scheme): void {
  const all = (s: Scheme): RuleBlock[] => s.decls.filter((d): d is RuleBlock => d.kind === "bonus" || d.kind === "deduction");
  const oldBlocks = all(a);
  const newBlocks = all(b);
  for (const p of pairLists(oldBlocks, newBlocks, [(d) => `${d.kind}|${d.label.value}`], (x, y) => x.kind === y.kind)) {
    const d = (p.new ?? p.old)!;
    const s: Subject = { section: "block", subject: `${d.kind} ${q(d.label.value)}`, oldSubject: p.old && p.new && p.old.label.value !== p.new.label.value ? `${d.kind} ${q(p.old.label.value)}` : null, label: null };
    const text = (x: RuleBlock) => `${x.kind} ${q(x.label.value)}${x.max ? ` max ${exprText(x.max)}` : ""} { ${x.items.map(labelledItemText).join(", ")} }`;
    if (!p.old || !p.new) {
      rec.presence(s, null, p.old ? whole(text(p.old), p.old.span) : null, p.new ? whole(text(p.new), p.new.span) : null);
      continue;
    }
    const f = (x: RuleBlock) => facts([["label", stringFact(x.label)], ["max", x.max ? exprFact(x.max) : null]]);
    compareFacts(rec, s, f(p.old), f(p.new));
    diffItems(rec, s, "item", p.old.items, p.new.items);
  }
}

function diffVetoes(rec: Recorder, a: Scheme, b: Scheme): void {
  rules<VetoDecl>(rec, "veto", declsOf(a, "veto"), declsOf(b, "veto"), [(d) => d.label.value, (d) => exprText(d.when)],
    (d) => q(d.label.value), (d) => `veto${d.scope === "top" ? " top" : ""} ${q(d.label.value)} when ${exprText(d.when)}${d.grade ? ` grade ${q(d.grade.value)}` : ""}`,
    (d) => facts([["label", stringFact(d.label)], ["scope", wordFact(d.scope === "top" ? "top" : "all", d.span)],
      ["condition", exprFact(d.when)], ["grade", d.grade ? stringFact(d.grade) : null]]));
}

const levelText = (l: GradeLevel) => `${q(l.label.value)}${l.threshold ? ` ${l.op} ${exprText(l.threshold)}` : ""}${l.quotas.map((x) => ` quota ${x.bound.replace("-", " ")} ${exprText(x.value)}`).join("")}`;

function diffLevels(rec: Recorder, s: Subject, x: GradesDecl, y: GradesDecl): void {
  const lf = (l: GradeLevel) => facts([
    ["threshold", l.threshold ? { text: `${l.op} ${exprText(l.threshold)}`, value: [l.op, l.threshold], span: l.threshold.span } : null],
    ["quota", l.quotas.length ? { text: l.quotas.map((v) => `${v.bound.replace("-", " ")} ${exprText(v.value)}`).join(", "), value: l.quotas, span: l.quotas[0]!.span } : null],
  ]);
  for (const p of pairLists(x.levels, y.levels, [(l) => l.label.value], () => true)) {
    const l = (p.new ?? p.old)!;
    const name = q(l.label.value);
    if (!p.old || !p.new) { rec.presence(s, name, p.old ? whole(levelText(p.old), p.old.span) : null, p.new ? whole(levelText(p.new), p.new.span) : null); continue; }
    if (p.old.label.value !== p.new.label.value) rec.add(s, "changed", `${name}: label`, stringFact(p.old.label), stringFact(p.new.label));
    compareFacts(rec, { ...s, prefix: `${name}: ` }, lf(p.old), lf(p.new));
  }
  const order = (g: GradesDecl) => g.levels.map((l) => q(l.label.value)).join(", ");
  const pairedSameSet = x.levels.length === y.levels.length && x.levels.every((l) => y.levels.some((m) => m.label.value === l.label.value));
  if (pairedSameSet && order(x) !== order(y)) rec.add(s, "changed", "order", whole(order(x), x.span), whole(order(y), y.span));
}

function diffGrades(rec: Recorder, a: Scheme, b: Scheme): void {
  rules<GradesDecl>(rec, "grades", declsOf(a, "grades"), declsOf(b, "grades"), [], () => "grades",
    (d) => `grades${d.within ? ` within ${d.within.name}` : ""}${d.refill ? " refill" : ""} { ${d.levels.map(levelText).join(", ")} }`,
    (d) => facts([["within", d.within ? wordFact(d.within.name, d.within.span) : null], ["refill", d.refill ? wordFact("refill", d.span) : null]]),
    (s, x, y) => diffLevels(rec, s, x, y));
}

function diffRank(rec: Recorder, a: Scheme, b: Scheme): void {
  const scopes = (d: RankDecl) => d.scopes.map((x) => (x ? `within ${x.name}` : "overall")).join(", ");
  rules<RankDecl>(rec, "rank", declsOf(a, "rank"), declsOf(b, "rank"), [], () => "rank", (d) => `rank ${scopes(d)}`,
    (d) => facts([["scopes", wordFact(scopes(d), d.span)]]));
}

/** Checks, alerts, flags, blocks, vetoes, grades and ranking. */
export function diffRules(rec: Recorder, a: Scheme, b: Scheme): void {
  diffChecks(rec, a, b);
  diffAlerts(rec, a, b);
  diffFlags(rec, a, b);
  diffBlocks(rec, a, b);
  diffVetoes(rec, a, b);
  diffGrades(rec, a, b);
  diffRank(rec, a, b);
}
