/**
 * Short Chinese sentences for a region's next grade, for the bulletin (考核通报): the cheapest
 * single changes that reach it, e.g. 「将「12345热线按时响应率」由 91.2 提高到 95.4（+4.2），可升为
 * 优秀」, or the combination when no single change does, or why nothing can (a veto).
 */
import type { Results } from "../results.js";
import { nextGrade, reach, type ReachResult } from "./index.js";

/** A number as the bulletin prints it: at most two decimals, no trailing zeros. */
function num(x: number): string {
  return String(Math.round(x * 100) / 100 + 0);
}

function signed(x: number): string {
  return `${x >= 0 ? "+" : ""}${num(x)}`;
}

function verb(from: number, to: number): string {
  return to >= from ? "提高到" : "降低到";
}

/** Sentences from a reach result (at most `limit` single changes). */
export function sentencesOf(res: ReachResult, limit = 3): string[] {
  if (res.target.kind !== "grade") return [];
  const label = res.target.label;
  if (res.blocked) return [`因${res.blocked.replace(/^the veto (.*) applies$/, "$1")}，任何指标的改进都不能升为 ${label}`];
  const singles = res.singles.filter((s) => s.needed !== null).slice(0, limit);
  if (singles.length > 0) {
    return singles.map((s) => `将「${s.label}」由 ${num(s.current)} ${verb(s.current, s.needed!)} ${num(s.needed!)}（${signed(s.change!)}），可升为 ${label}`);
  }
  const c = res.combination;
  if (c && c.changes.length > 0) {
    const parts = c.changes.map((ch) => `「${ch.label}」由 ${num(ch.from)} ${verb(ch.from, ch.to)} ${num(ch.to)}`);
    return [`同时将${parts.join("、")}，可升为 ${label}`];
  }
  return [`单项或组合改进均不足以升为 ${label}`];
}

/** Sentences for region `region`'s next grade (empty when it has the best grade or the scheme has no grades). */
export function nextGradeSentences(base: Results, region: string, limit = 3): string[] {
  const r = base.indexOf(region);
  if (r < 0) return [];
  const t = nextGrade(base, r);
  if (!t) return [];
  const res = reach(base, region, t);
  return typeof res === "string" ? [] : sentencesOf(res, limit);
}
