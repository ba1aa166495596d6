/**
 * Sibling shares: reads `points`/`weight`, checks that siblings agree on units and add up, and
 * turns them into local weights (each node's share of its parent, summing to 1).
 */
import type { Share, TreeNode } from "../ast.js";
import type { Span } from "../source.js";
import type { CheckContext } from "./context.js";

/** A weight as a fraction: `weight 30`, `weight 30%` and `weight 0.3` are all 0.3; points stay points. */
export function shareAmount(s: Share): number {
  if (s.unit === "points") return s.value.value;
  return s.value.unit === "%" || s.value.value > 1 ? s.value.value / 100 : s.value.value;
}

/** True when a weight was written as a percentage (`30` or `30%`). */
function writtenAsPercent(s: Share): boolean {
  return s.unit === "weight" && (s.value.unit === "%" || s.value.value > 1);
}

/** The parent a group of siblings belongs to, for messages and the points check. */
export interface GroupOwner {
  /** `in \`economy\`` or "at the top level", as it reads in a message. */
  readonly title: string;
  /** The points the children should add up to, when the parent states points. */
  readonly points: number | null;
  readonly span: Span;
}

/** Local weights of explicitly weighted siblings, after reporting unit and sum problems. */
export function explicitWeights(cx: CheckContext, owner: GroupOwner, children: readonly TreeNode[]): number[] {
  const shares = children.map((c) => c.share);
  const stated = shares.filter((s): s is Share => s !== null);
  if (stated.length === 0) return children.map(() => 1 / children.length);
  children.forEach((c) => {
    if (!c.share) {
      cx.error("missing-share", `\`${c.name.name}\` states no ${stated[0]!.unit} while its siblings do`, c.name.span,
        `write \`${stated[0]!.unit} …\` for it, or \`weights equal\` ${owner.title}`);
    }
  });
  const unit = stated[0]!.unit;
  const odd = stated.find((s) => s.unit !== unit);
  if (odd) {
    cx.error("mixed-weights", `siblings ${owner.title} mix points and weights`, odd.span, `write every child's share in ${unit === "points" ? "points" : "weights"}`);
  }
  const amounts = shares.map((s) => (s && s.unit === unit ? shareAmount(s) : 0));
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (!odd && stated.length === children.length) checkSum(cx, owner, unit, stated, sum);
  return sum > 0 ? amounts.map((a) => a / sum) : children.map(() => 1 / children.length);
}

function checkSum(cx: CheckContext, owner: GroupOwner, unit: Share["unit"], stated: Share[], sum: number): void {
  const terms = stated.map((s) => s.value.text).join(" + ");
  if (unit === "points") {
    if (owner.points !== null && Math.abs(sum - owner.points) > 1e-9 * Math.max(1, owner.points)) {
      cx.error("points-sum", `the points ${owner.title} add up to ${round(sum)}, not ${round(owner.points)}`, owner.span, `${terms} = ${round(sum)}`);
    }
    return;
  }
  if (Math.abs(sum - 1) <= 1e-9) return;
  const percent = stated.every(writtenAsPercent);
  cx.error("weights-sum", percent
    ? `the weights ${owner.title} add up to ${round(sum * 100)}%, not 100%`
    : `the weights ${owner.title} add up to ${round(sum)}, not 1`, owner.span, `${terms} = ${percent ? `${round(sum * 100)}%` : round(sum)}`);
}

/** A number for messages: at most 6 decimals, no float noise. */
export function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
