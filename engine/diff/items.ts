/**
 * Bonus and deduction items (in blocks and in indicators): paired by label, then by what they are
 * paid per, then by position; each pair compared part by part (amount, step, reference, max,
 * times, unless, tiers).
 */
import type { RuleItem } from "../../dsl/ast.js";
import { exprFact, exprText, facts, numberFact, stringFact, wordFact, type Facts } from "./facts.js";
import { pairLists } from "./pair.js";
import { compareFacts, whole, type Recorder, type Subject } from "./record.js";
import { labelledItemText } from "./text.js";

/** What an item is paid per, as a short name: `per 1pp below 95`, `per awards`, `when c`, `highest`. */
export function basisName(item: RuleItem): string {
  const b = item.basis;
  switch (b.kind) {
    case "gap": return `per ${exprText(b.step)} ${b.side} ${exprText(b.reference)}`;
    case "count": return `per ${exprText(b.count)}`;
    case "when": return `when ${exprText(b.cond)}`;
    case "highest": return "highest";
  }
}

/** The name an item goes by in the diff: its label, else its basis. */
export function itemName(item: RuleItem): string {
  return item.label ? JSON.stringify(item.label.value) : basisName(item);
}

function itemFacts(item: RuleItem): Facts {
  const b = item.basis;
  const amount = item.amount ? exprFact(item.amount) : null;
  const basis: [string, ReturnType<typeof exprFact> | null][] =
    b.kind === "gap" ? [["amount", amount], ["step", numberFact(b.step)], ["side", wordFact(b.side, b.span)], ["reference", exprFact(b.reference)]]
    : b.kind === "count" ? [["amount", amount], ["per", exprFact(b.count)]]
    : b.kind === "when" ? [["amount", amount], ["condition", exprFact(b.cond)]]
    : b.tiers.map((t) => [`tier when ${exprText(t.cond)}`, exprFact(t.amount)]);
  return facts([
    ["label", item.label ? stringFact(item.label) : null],
    ...basis,
    ["max", item.max ? exprFact(item.max) : null],
    ["times", item.times ? exprFact(item.times) : null],
    ["unless", item.unless ? exprFact(item.unless) : null],
  ]);
}

/** Compares two lists of items; `word` (`add`, `deduct`, `item`) starts each item's field name. */
export function diffItems(rec: Recorder, s: Subject, word: string, old: readonly RuleItem[], now: readonly RuleItem[]): void {
  const pairs = pairLists(old, now, [(i) => (i.label ? i.label.value : null), (i) => `${i.basis.kind}|${basisName(i)}`], (a, b) => a.basis.kind === b.basis.kind);
  const pre = s.prefix ?? "";
  for (const p of pairs) {
    const name = `${word} ${itemName((p.new ?? p.old)!)}`;
    if (!p.old || !p.new) {
      const it = (p.old ?? p.new)!;
      const f = whole(`${word === "item" ? "" : `${word} `}${labelledItemText(it)}`, it.span);
      rec.presence(s, name, p.old ? f : null, p.new ? f : null);
    } else if (p.old.basis.kind !== p.new.basis.kind) {
      rec.add(s, "changed", name, whole(labelledItemText(p.old), p.old.span), whole(labelledItemText(p.new), p.new.span));
    } else {
      compareFacts(rec, { ...s, prefix: `${pre}${name}: ` }, itemFacts(p.old), itemFacts(p.new));
    }
  }
}
