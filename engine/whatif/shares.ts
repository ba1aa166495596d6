/**
 * Weight and points overrides → the indicator tree's new numbers. Setting a node's share keeps
 * its parent's points: the node gets exactly the share set (`weight` as a fraction of the
 * parent, `points` as points of the parent's), and the siblings not set keep their proportions
 * and fill the rest. `points=N@T` does the same for the regions of type T only. Everything
 * below a changed node scales with it; nodes the change does not reach keep the checker's
 * numbers exactly.
 */
import type { CheckedNode, CheckedScheme } from "../../dsl/check/types.js";
import { whatIfIssue, type WhatIfIssue } from "./override.js";
import type { Resolved } from "./resolve.js";

type ShareOverride = Extract<Resolved, { kind: "share" }>;

/** The tree after the share overrides. */
export interface TreeEdit {
  /** The new root (the checked root itself when nothing changed). */
  readonly root: CheckedNode;
  /** New nodes by path, for every node that changed (its numbers or its children). */
  readonly changed: ReadonlyMap<string, CheckedNode>;
  /** Paths whose own points (base or per type) changed. */
  readonly pointsChanged: ReadonlySet<string>;
  /** Paths of groups whose children's shares changed. */
  readonly sharesChanged: ReadonlySet<string>;
  /** The overrides applied (the others became issues). */
  readonly applied: readonly string[];
  readonly issues: readonly WhatIfIssue[];
}

function parentPath(path: string): string {
  const k = path.lastIndexOf(".");
  return k < 0 ? "" : path.slice(0, k);
}

/** A node's points for a type: its own for the type, else its base points. */
function typePoints(n: CheckedNode, type: string | null): number {
  return type === null ? n.points : n.pointsByType.get(type) ?? n.points;
}

/** True when some child of the group writes `for T points n` (its shares for T are its own). */
function writesTypeShares(n: CheckedNode, type: string): boolean {
  return n.children.some((c) => (c.decl?.overrides ?? []).some((o) => o.share && o.types.some((t) => t.name === type)));
}

/** The children's new shares with some set: the rest keep their proportions and fill what is left. */
function fixedShares(current: readonly number[], fixed: ReadonlyMap<number, number>): number[] | string {
  let fixedSum = 0;
  for (const v of fixed.values()) fixedSum += v;
  let rest = 0;
  current.forEach((w, k) => { if (!fixed.has(k)) rest += w; });
  if (fixedSum > 1 + 1e-9) return `the shares set add up to ${round(fixedSum * 100)}% of the parent, more than all of it`;
  if (fixed.size === current.length) return current.map((_, k) => fixed.get(k)! / (fixedSum > 0 ? fixedSum : 1));
  if (!(rest > 0) && 1 - fixedSum > 1e-9) return "the other children have no share to scale up";
  const k = rest > 0 ? (1 - fixedSum) / rest : 0;
  return current.map((w, j) => fixed.get(j) ?? w * k);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** New shares of one group's children for the overrides on them (for one type, or all regions). */
function groupShares(group: CheckedNode, type: string | null, list: readonly ShareOverride[], issues: WhatIfIssue[]): number[] | null {
  const fail = (msg: string, help?: string) => {
    for (const o of list) issues.push(whatIfIssue(msg.startsWith("the shares set") ? "bad-value" : "not-adjustable", msg, o.text, help));
    return null;
  };
  const label = group.path ? `\`${group.path}\`` : "the top level";
  if (group.weights === "entropy") return fail(`the shares of ${label}'s children are entropy weights, computed from the data`, "change the setting in the scheme instead");
  const whole = typePoints(group, type);
  const current = group.children.map((c) => (type === null ? c.localWeight : whole > 0 ? typePoints(c, type) / whole : 0));
  const fixed = new Map<number, number>();
  for (const o of list) {
    const k = group.children.findIndex((c) => c.path === o.path);
    if (o.unit === "points" && !(whole > 0)) return fail(`${label} has no points to share`);
    const share = o.unit === "weight" ? o.value : o.value / whole;
    if (share > 1 + 1e-9) return fail(`the shares set add up to ${round(share * 100)}% of the parent, more than all of it`, `${label} has ${round(whole)} points`);
    fixed.set(k, share);
  }
  const shares = fixedShares(current, fixed);
  return typeof shares === "string" ? fail(shares) : shares;
}

interface Shares {
  /** New base shares by group path. */
  readonly base: ReadonlyMap<string, number[]>;
  /** New shares for one type by group path and type. */
  readonly typed: ReadonlyMap<string, ReadonlyMap<string, number[]>>;
  /** Paths with an override at or below them. */
  readonly touched: ReadonlySet<string>;
}

/** Applies weight and points overrides to the checked tree. */
export function editShares(scheme: CheckedScheme, overrides: readonly ShareOverride[]): TreeEdit {
  const issues: WhatIfIssue[] = [];
  const groups = new Map<string, ShareOverride[]>();
  for (const o of overrides) {
    const key = `${parentPath(o.path)}\u0000${o.type ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const base = new Map<string, number[]>();
  const typed = new Map<string, Map<string, number[]>>();
  const applied: string[] = [];
  for (const [key, list] of groups) {
    const [path, type] = key.split("\u0000") as [string, string];
    const shares = groupShares(scheme.nodes.get(path)!, type || null, list, issues);
    if (!shares) continue;
    applied.push(...list.map((o) => o.text));
    if (!type) base.set(path, shares);
    else {
      if (!typed.has(path)) typed.set(path, new Map());
      typed.get(path)!.set(type, shares);
    }
  }
  const touched = new Set<string>();
  for (const p of [...base.keys(), ...typed.keys()]) for (let q = p; ; q = parentPath(q)) { touched.add(q); if (q === "") break; }
  const changed = new Map<string, CheckedNode>();
  const pointsChanged = new Set<string>();
  const root = rebuild(scheme.root, scheme.root.points, scheme.root.pointsByType, scheme.root.localWeight, { base, typed, touched }, changed, pointsChanged);
  return { root, changed, pointsChanged, sharesChanged: new Set([...base.keys(), ...typed.keys()]), applied, issues };
}

/** A child's new points for each type it (or its parent) has. */
function childTypePoints(n: CheckedNode, c: CheckedNode, k: number, points: number, byType: ReadonlyMap<string, number>, local: number, s: Shares): ReadonlyMap<string, number> {
  const baseShares = s.base.get(n.path);
  const typeShares = s.typed.get(n.path);
  const out = new Map<string, number>();
  const types = new Set([...c.pointsByType.keys(), ...byType.keys(), ...(typeShares?.keys() ?? [])]);
  for (const t of types) {
    const parentNew = byType.get(t) ?? points;
    const own = typeShares?.get(t);
    if (own) out.set(t, parentNew * own[k]!);
    else if (baseShares && !writesTypeShares(n, t)) out.set(t, parentNew * local);
    else {
      const parentOld = typePoints(n, t);
      out.set(t, typePoints(c, t) * (parentOld === 0 ? 1 : parentNew / parentOld));
    }
  }
  return sameMap(out, c.pointsByType) ? c.pointsByType : out;
}

/** Rebuilds a node with its new points (base and per type) and its children's. */
function rebuild(n: CheckedNode, points: number, byType: ReadonlyMap<string, number>, local: number, s: Shares, changed: Map<string, CheckedNode>, pointsChanged: Set<string>): CheckedNode {
  const baseShares = s.base.get(n.path);
  const moved = points !== n.points || byType !== n.pointsByType;
  const factor = n.points === 0 ? 1 : points / n.points;
  const children = n.children.map((c, k) => {
    if (!moved && !baseShares && !s.typed.has(n.path) && !s.touched.has(c.path)) return c;
    const cLocal = baseShares ? baseShares[k]! : c.localWeight;
    const cPoints = baseShares ? points * cLocal : c.points * factor;
    const cBy = childTypePoints(n, c, k, points, byType, cLocal, s);
    return rebuild(c, cPoints, cBy, cLocal, s, changed, pointsChanged);
  });
  if (!moved && Object.is(local, n.localWeight) && children.every((c, k) => c === n.children[k])) return n;
  if (moved) pointsChanged.add(n.path);
  const out: CheckedNode = { ...n, points, pointsByType: byType, localWeight: local, children };
  changed.set(n.path, out);
  return out;
}

function sameMap(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
