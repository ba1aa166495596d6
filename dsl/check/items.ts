/** `add`/`deduct` items, in indicators and in bonus and deduction blocks. */
import type { RuleItem } from "../ast.js";
import { constantValue } from "./constant.js";
import type { CheckContext } from "./context.js";
import { checkExpr, type ExprPlace } from "./exprs.js";
import { round } from "./shares.js";

/** Where an item stands: its sign, the place its expressions are in, and the points it acts on. */
export interface ItemPlace {
  readonly sign: "add" | "deduct";
  readonly place: ExprPlace;
  /** The indicator's (or block's) points: a `max` above them can never be reached. */
  readonly points: number | null;
  /** "`online_rate`" or "the block `…`", for messages. */
  readonly owner: string;
  /** Gap items measure an indicator's value, so they belong in indicators only. */
  readonly inIndicator: boolean;
}

/** Checks one item. */
export function checkItem(cx: CheckContext, item: RuleItem, at: ItemPlace): void {
  if (item.amount) checkAmount(cx, item.amount, at);
  const b = item.basis;
  switch (b.kind) {
    case "gap":
      if (!at.inIndicator) {
        cx.error("misplaced-clause", "a gap item (`per … below|above …`) measures an indicator's value; it cannot stand in a bonus or deduction block", b.span,
          "move it into the indicator, or write a count (`per n`) or a condition (`when …`)");
      }
      if (!(b.step.value > 0)) cx.error("bad-value", "the step must be more than 0", b.step.span);
      if (b.step.unit === "%" && at.sign === "deduct") {
        cx.warning("percent-rate", `\`per ${b.step.text} ${b.side}\` measures the gap relative to the reference (a ${b.step.text} relative shortfall), not in percentage points`,
          b.step.span, `if the document means percentage points (每低1个百分点), write \`${b.step.text.slice(0, -1)}pp\``);
      }
      checkExpr(cx, b.reference, at.place, "number");
      break;
    case "count": checkExpr(cx, b.count, at.place, "number"); break;
    case "when": checkExpr(cx, b.cond, at.place, "boolean"); break;
    case "highest":
      for (const t of b.tiers) {
        checkAmount(cx, t.amount, at);
        checkExpr(cx, t.cond, at.place, "boolean");
      }
      break;
  }
  if (item.max) {
    checkExpr(cx, item.max, at.place, "number");
    const m = constantValue(item.max);
    if (m !== null && m < 0) cx.error("bad-value", "`max` must not be negative", item.max.span);
    if (m !== null && at.points !== null && at.sign === "deduct" && m > at.points + 1e-9) {
      cx.warning("cap-exceeds-points", `this item's cap ${round(m)} is more than the ${round(at.points)} points of ${at.owner}`, item.max.span,
        "deductions stop at zero, so the cap can never be reached; check the figure");
    }
  }
  if (item.times) checkExpr(cx, item.times, at.place, "number");
  if (item.unless) checkExpr(cx, item.unless, at.place, "boolean");
}

function checkAmount(cx: CheckContext, amount: RuleItem["amount"] & object, at: ItemPlace): void {
  checkExpr(cx, amount, at.place, "number");
  const v = constantValue(amount);
  if (v !== null && v < 0) {
    cx.error("bad-value", `an amount must not be negative; write \`${at.sign === "add" ? "deduct" : "add"}\` instead`, amount.span);
  }
}
