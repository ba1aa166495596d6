/**
 * JSON Logic export of a scheme's conditions and expressions, so other systems can evaluate a
 * typology, a derived value or a rule condition on one dataset row with any JSON Logic library.
 * What JSON Logic cannot express is listed in `unsupported` with the reason, never dropped.
 */
import type { Expr, RuleBlock, RuleItem } from "../../dsl/ast.js";
import type { CheckedScheme } from "../../dsl/check/types.js";
import { and, cond, not, type Logic } from "./logic.js";
import { NotExpressible, Translator } from "./translate.js";

/** A construct that could not be exported, and why. */
export interface Unsupported {
  /** The export key it would have had, e.g. `let/online_rank`, `veto/约谈`. */
  readonly name: string;
  readonly reason: string;
  /** Where it is in the scheme (1-based). */
  readonly line: number;
  readonly col: number;
}

/** The JSON Logic export of a scheme. Every rule reads one dataset row in its canonical JSON form. */
export interface JsonLogicExport {
  /** The row field holding the region id (the scheme's `unit` column). */
  readonly idField: string;
  /** Per typology, per type: truthy when the region is of that type (first matching rule wins). */
  readonly typologies: Readonly<Record<string, Readonly<Record<string, Logic>>>>;
  /** Per derived value: its value, or null where the engine has none (a missing operand). */
  readonly lets: Readonly<Record<string, Logic>>;
  /**
   * Rule conditions, truthy where the rule applies: `veto/L` fires, `flag/L` is raised, `check/M`
   * fails (its condition is false, not unknown), `bonus/B/I` and `deduction/B/I` pay (a `when`
   * item; `…/tier k` for each tier of a `highest` item), each after its `unless`.
   */
  readonly rules: Readonly<Record<string, Logic>>;
  readonly unsupported: readonly Unsupported[];
}

class Collector {
  readonly out: Record<string, Logic> = {};
  constructor(private readonly unsupported: Unsupported[]) {}

  /** Adds `make()` under a unique key, or the reason it cannot be exported. */
  add(key: string, at: Expr | { readonly span: { readonly line: number; readonly col: number } }, make: () => Logic): void {
    let k = key;
    for (let n = 2; k in this.out || this.unsupported.some((u) => u.name === k); n++) k = `${key} (${n})`;
    try {
      this.out[k] = make();
    } catch (e) {
      if (!(e instanceof NotExpressible)) throw e;
      this.unsupported.push({ name: k, reason: e.message, line: at.span.line, col: at.span.col });
    }
  }
}

function letRule(t: Translator, e: Expr): Logic {
  if (t.kind(e) === "boolean") return cond(t.holds(e), true, cond(t.fails(e), false, null));
  const present = t.present(e);
  return present === true ? t.value(e) : cond(present, t.value(e), null);
}

function itemRules(t: Translator, c: Collector, block: RuleBlock, item: RuleItem, k: number): void {
  const key = `${block.kind}/${block.label.value}/${item.label?.value ?? `#${k + 1}`}`;
  const unless = (): Logic => (item.unless ? not(t.holds(item.unless)) : true);
  if (item.basis.kind === "when") {
    const when = item.basis.cond;
    c.add(key, when, () => and(t.holds(when), unless()));
  } else if (item.basis.kind === "highest") {
    item.basis.tiers.forEach((tier, j) => c.add(`${key}/tier ${j + 1}`, tier.cond, () => and(t.holds(tier.cond), unless())));
  }
}

/** Exports a checked scheme's typologies, derived values and rule conditions as JSON Logic. */
export function exportJsonLogic(checked: CheckedScheme): JsonLogicExport {
  const idField = checked.ast.header?.unit?.name ?? "id";
  const t = new Translator(checked, idField);
  const unsupported: Unsupported[] = [];
  const typologies: Record<string, Record<string, Logic>> = {};
  for (const ty of checked.typologies) {
    const c = new Collector(unsupported);
    const earlier: Expr[] = [];
    for (const r of ty.types) {
      const before = [...earlier];
      c.add(`typology/${ty.name.name}/${r.name.name}`, r, () => and(...before.map((e) => not(t.holds(e))), r.when ? t.holds(r.when) : true));
      if (r.when) earlier.push(r.when);
    }
    typologies[ty.name.name] = Object.fromEntries(Object.entries(c.out).map(([k, v]) => [k.split("/").at(-1)!, v]));
  }
  const lets = new Collector(unsupported);
  for (const l of checked.letOrder) lets.add(`let/${l.name.name}`, l, () => letRule(t, l.expr));
  const rules = new Collector(unsupported);
  for (const d of checked.ast.decls) {
    if (d.kind === "veto") rules.add(`veto/${d.label.value}`, d.when, () => t.holds(d.when));
    else if (d.kind === "flag") rules.add(`flag/${d.label.value}`, d.when, () => t.holds(d.when));
    else if (d.kind === "check") rules.add(`check/${d.message.value}`, d.cond, () => t.fails(d.cond));
    else if (d.kind === "bonus" || d.kind === "deduction") d.items.forEach((item, k) => itemRules(t, rules, d, item, k));
  }
  return {
    idField, typologies,
    lets: Object.fromEntries(Object.entries(lets.out).map(([k, v]) => [k.slice(4), v])),
    rules: rules.out, unsupported,
  };
}

/** True when a JSON Logic result counts as true (json-logic-js truthiness: `[]` and `0` do not). */
export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

