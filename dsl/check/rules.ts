/** What comes after the tree: checks, alerts, flags, bonus and deduction blocks, vetoes, grades and ranks. */
import type { AlertDecl, GradesDecl, RuleBlock, VetoDecl } from "../ast.js";
import { constantValue } from "./constant.js";
import type { CheckContext } from "./context.js";
import { AFTER_GRADING, AFTER_SCORING, checkExpr, PLAIN } from "./exprs.js";
import { checkItem } from "./items.js";
import { round } from "./shares.js";

/** Checks every declaration outside the tree that holds conditions or amounts. */
export function checkRules(cx: CheckContext): void {
  const grades = cx.ast.decls.filter((d): d is GradesDecl => d.kind === "grades");
  for (const extra of grades.slice(1)) cx.error("duplicate-name", "a scheme has one `grades` declaration", extra.span, `the first is at line ${grades[0]!.span.line}`);
  for (const d of cx.ast.decls) {
    switch (d.kind) {
      case "check": checkExpr(cx, d.cond, PLAIN, "boolean"); break;
      case "alert": checkAlert(cx, d); break;
      case "flag": checkExpr(cx, d.when, AFTER_GRADING, "boolean"); break;
      case "bonus": case "deduction": checkBlock(cx, d); break;
      case "veto": checkVeto(cx, d, grades[0] ?? null); break;
      case "grades": checkGrades(cx, d); break;
      case "rank": for (const s of d.scopes) if (s) cx.typology(s.name, s.span); break;
      default: break;
    }
  }
}

function checkAlert(cx: CheckContext, d: AlertDecl): void {
  checkExpr(cx, d.subject, AFTER_SCORING, "number");
  for (const l of d.levels) checkExpr(cx, l.threshold, AFTER_SCORING, "number");
  const red = d.levels.find((l) => l.color === "red");
  const yellow = d.levels.find((l) => l.color === "yellow");
  const r = constantValue(red?.threshold);
  const y = constantValue(yellow?.threshold);
  if (red && yellow && r !== null && y !== null && red.side === yellow.side) {
    const wrong = red.side === "below" ? r > y : r < y;
    if (wrong) {
      cx.error("band-order", `red ${red.side} ${round(r)} is less severe than yellow ${yellow.side} ${round(y)}`, red.span,
        red.side === "below" ? "red is the lower threshold: `red below 60 yellow below 80`" : "red is the higher threshold: `red above 10 yellow above 5`");
    }
  }
}

function checkBlock(cx: CheckContext, d: RuleBlock): void {
  if (d.max) checkExpr(cx, d.max, PLAIN, "number");
  const max = constantValue(d.max);
  const sign = d.kind === "bonus" ? "add" : "deduct";
  for (const item of d.items) {
    checkItem(cx, item, { sign, place: PLAIN, points: null, owner: `\`${d.label.value}\``, inIndicator: false });
    const m = constantValue(item.max);
    if (max !== null && m !== null && m > max + 1e-9) {
      cx.warning("cap-exceeds-points", `this item's cap ${round(m)} is more than the block's cap ${round(max)}`, item.max!.span, "the block's cap applies first; check the figures");
    }
  }
  if (d.items.length === 0) cx.warning("no-scoring", `${d.kind} block "${d.label.value}" has no items`, d.label.span);
}

function checkVeto(cx: CheckContext, d: VetoDecl, grades: GradesDecl | null): void {
  checkExpr(cx, d.when, AFTER_SCORING, "boolean");
  if (!grades) {
    cx.error("misplaced-clause", "a veto acts on grades, but the scheme has no `grades`", d.label.span, "add a `grades { … }` declaration");
    return;
  }
  if (d.grade) {
    const labels = grades.levels.map((l) => l.label.value);
    if (!labels.includes(d.grade.value)) cx.error("unknown-name", `no grade "${d.grade.value}"`, d.grade.span, cx.suggest(d.grade.value, labels) ?? `grades: ${labels.join(", ")}`);
    if (d.scope === "top") cx.error("misplaced-clause", "`veto top` bars the first grade; it takes no `grade`", d.grade.span);
  }
}

function checkGrades(cx: CheckContext, d: GradesDecl): void {
  if (d.within) cx.typology(d.within.name, d.within.span);
  const seen = new Set<string>();
  let prev: number | null = null;
  d.levels.forEach((l, i) => {
    if (seen.has(l.label.value)) cx.error("duplicate-name", `grade "${l.label.value}" is listed twice`, l.label.span);
    seen.add(l.label.value);
    const last = i === d.levels.length - 1;
    if (l.threshold) checkExpr(cx, l.threshold, PLAIN, "number");
    if (!l.threshold && !last) cx.error("bad-value", `grade "${l.label.value}" needs a threshold: only the last grade takes every remaining region`, l.label.span);
    if (l.threshold && last && d.levels.length > 1) {
      cx.warning("bad-value", `the last grade "${l.label.value}" has a threshold; regions below it get no grade`, l.threshold.span, "leave the last grade without a threshold");
    }
    const v = constantValue(l.threshold);
    if (v !== null && prev !== null && v >= prev) {
      cx.error("band-order", `grade "${l.label.value}" (${l.op} ${round(v)}) comes after a grade with a lower threshold (${round(prev)}) and can never be reached by score`, l.span,
        "list grades from the best down");
    }
    if (v !== null) prev = v;
    for (const q of l.quotas) {
      const bad = q.value.unit === "%" ? q.value.value < 0 || q.value.value > 100 : !Number.isInteger(q.value.value) || q.value.value < 0;
      if (bad) cx.error("bad-value", q.value.unit === "%" ? "a quota share is between 0% and 100%" : "a quota is a whole number of regions", q.value.span);
    }
  });
}
