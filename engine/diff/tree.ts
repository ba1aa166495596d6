/**
 * The indicator tree's changes: nodes added, removed, moved, renamed and relabelled; shares,
 * directions, per-type shares and group settings (weights method, AHP matrix, aggregation,
 * missing policy); each indicator's scoring; and, apart, the derived effective-points changes.
 */
import type { Decl, GroupSetting, ShareOverride } from "../../dsl/ast.js";
import type { CheckedNode, CheckedScheme } from "../../dsl/check/types.js";
import { exprText, facts, wordFact, type Fact, type Facts } from "./facts.js";
import { matchTrees, nodeName, treeOrder, type TreeMatch } from "./match.js";
import { pairLists } from "./pair.js";
import { compareFacts, round, whole, type Recorder, type Subject } from "./record.js";
import { diffScoring } from "./scoring.js";
import { shareText } from "./text.js";
import type { EffectiveChange, TypePoints } from "./types.js";

/** The node's header as a line of source: `indicator gdp "GDP增速" points 20 higher`. */
function headerText(n: CheckedNode): string {
  const d = n.decl!;
  const parts: string[] = [d.kind, d.name.name];
  if (d.label) parts.push(JSON.stringify(d.label.value));
  if (d.share) parts.push(shareText(d.share));
  if (d.kind === "indicator" && d.direction) parts.push(d.direction);
  if (d.kind === "dimension") parts.push(`{ ${n.children.length} ${n.children.length === 1 ? "child" : "children"} }`);
  return parts.join(" ");
}

function settingsOf(n: CheckedNode, scheme: CheckedScheme): readonly GroupSetting[] {
  if (n.decl === null) return scheme.ast.decls.filter((d: Decl): d is GroupSetting => d.kind === "weights" || d.kind === "aggregate" || d.kind === "missing");
  return n.decl.kind === "dimension" ? n.decl.settings : [];
}

/** A node's own facts: share, direction, group settings. */
function nodeFacts(n: CheckedNode, scheme: CheckedScheme): Facts {
  const d = n.decl;
  const settings = settingsOf(n, scheme);
  const w = settings.find((s) => s.kind === "weights");
  const agg = settings.find((s) => s.kind === "aggregate");
  const miss = settings.find((s) => s.kind === "missing");
  const group = n.children.length > 0 || d?.kind === "dimension";
  const matrix = w?.method === "ahp" ? w.matrix.map((r) => `[${r.map((e) => exprText(e)).join(", ")}]`).join(" ") : null;
  return facts([
    ["share", d?.share ? { text: shareText(d.share), value: d.share, span: d.share.span } : null],
    ["direction", d?.kind === "indicator" ? wordFact(d.direction ?? "higher", d.name.span) : null],
    ["weights", group ? wordFact(n.weights, w?.span ?? null) : null],
    ["ahp matrix", matrix !== null && w ? { text: matrix, value: w.matrix, span: w.span } : null],
    ["aggregate", group ? wordFact(agg?.method ?? "arithmetic", agg?.span ?? null) : null],
    ["missing", miss ? { text: `${miss.policy}${miss.within ? ` within ${miss.within.name}` : ""}`, value: miss, span: miss.span } : null],
  ]);
}

function shareOverrides(rec: Recorder, s: Subject, a: readonly ShareOverride[], b: readonly ShareOverride[]): void {
  const key = (o: ShareOverride) => o.types.map((t) => t.name).sort().join(", ");
  const overlap = (x: ShareOverride, y: ShareOverride) => x.types.some((t) => y.types.some((u) => u.name === t.name));
  for (const p of pairLists(a, b, [key], overlap)) {
    const name = `for ${(p.new ?? p.old)!.types.map((t) => t.name).join(", ")}`;
    const f = (o: ShareOverride | null): Fact | null => (o ? { text: shareText(o.share), value: o.share, span: o.share.span } : null);
    if (!p.old || !p.new) { rec.presence(s, name, f(p.old), f(p.new)); continue; }
    const types = (o: ShareOverride): Fact => ({ text: o.types.map((t) => t.name).join(", "), value: key(o), span: o.span });
    compareFacts(rec, { ...s, prefix: `${s.prefix ?? ""}${name}: ` }, facts([["types", types(p.old)], ["share", f(p.old)]]), facts([["types", types(p.new)], ["share", f(p.new)]]));
  }
}

function diffPair(rec: Recorder, m: TreeMatch, o: CheckedNode, n: CheckedNode, a: CheckedScheme, b: CheckedScheme): void {
  const s: Subject = { section: "node", subject: n.path, oldSubject: o.path === n.path ? null : o.path, label: n.label };
  const pathFact = (x: CheckedNode) => whole(x.path, x.decl?.name.span ?? null);
  if (m.toOld.get(m.parent.get(n)!) !== m.parent.get(o)) rec.add(s, "moved", null, pathFact(o), pathFact(n));
  if (nodeName(o) !== nodeName(n)) rec.add(s, "renamed", null, whole(nodeName(o), o.decl!.name.span), whole(nodeName(n), n.decl!.name.span));
  const la = o.decl?.label ?? null;
  const lb = n.decl?.label ?? null;
  if ((la?.value ?? null) !== (lb?.value ?? null)) {
    rec.add(s, "relabelled", null, la ? whole(JSON.stringify(la.value), la.span) : null, lb ? whole(JSON.stringify(lb.value), lb.span) : null);
  }
  compareFacts(rec, s, nodeFacts(o, a), nodeFacts(n, b));
  if (o.decl?.kind === "dimension" && n.decl?.kind === "dimension") shareOverrides(rec, s, o.decl.overrides, n.decl.overrides);
  if (o.decl?.kind === "indicator" && n.decl?.kind === "indicator") diffScoring(rec, { ...s, section: "scoring" }, o.decl, n.decl);
}

/** Records the tree's changes (nodes in the new order, then the removed ones) and returns the matching. */
export function diffTree(rec: Recorder, a: CheckedScheme, b: CheckedScheme): TreeMatch {
  const m = matchTrees(a, b);
  diffPair(rec, m, a.root, b.root, a, b);
  for (const n of treeOrder(b.root)) {
    const o = m.toOld.get(n);
    if (o) diffPair(rec, m, o, n, a, b);
    else if (m.toOld.has(m.parent.get(n)!)) rec.add({ section: "node", subject: n.path, label: n.label }, "added", null, null, whole(headerText(n), n.decl!.span));
  }
  for (const o of treeOrder(a.root)) {
    if (!m.toNew.has(o) && m.toNew.has(m.parent.get(o)!)) rec.add({ section: "node", subject: o.path, label: o.label }, "removed", null, whole(headerText(o), o.decl!.span), null);
  }
  return m;
}

const differs = (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? Number.isNaN(x) !== Number.isNaN(y) : Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)));

function typePoints(o: CheckedNode, n: CheckedNode): TypePoints[] {
  const types = [...new Set([...n.pointsByType.keys(), ...o.pointsByType.keys()])];
  return types.flatMap((type) => {
    const x = o.pointsByType.get(type) ?? o.points;
    const y = n.pointsByType.get(type) ?? n.points;
    return differs(x, y) ? [{ type, old: round(x), new: round(y), delta: round(y - x) }] : [];
  });
}

/** Effective-points changes of every node present in both versions, in the new tree order. */
export function effectiveChanges(m: TreeMatch, b: CheckedScheme): EffectiveChange[] {
  return treeOrder(b.root).flatMap((n) => {
    const o = m.toOld.get(n);
    if (!o) return [];
    const byType = typePoints(o, n);
    if (!differs(o.points, n.points) && !differs(o.localWeight, n.localWeight) && byType.length === 0) return [];
    const span = (x: CheckedNode) => x.decl?.share?.span ?? x.decl?.name.span ?? null;
    return [{
      path: n.path, oldPath: o.path, label: n.label, old: round(o.points), new: round(n.points), delta: round(n.points - o.points),
      localWeight: { old: round(o.localWeight), new: round(n.localWeight) }, byType, oldSpan: span(o), newSpan: span(n),
    }];
  });
}
