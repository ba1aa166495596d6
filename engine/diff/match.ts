/**
 * Matching the indicator trees of two versions. A node is the same node when it keeps its name
 * under the same (matched) parent; failing that, when its name is unique among the unmatched
 * nodes of both versions (it moved); failing that, when it keeps its label under the same parent
 * (it was renamed). Matching repeats until nothing more pairs, so the children of a moved or
 * renamed dimension follow it.
 */
import type { CheckedNode, CheckedScheme } from "../../dsl/check/types.js";

/** The matching of two trees. */
export interface TreeMatch {
  /** Old node of each matched new node. */
  readonly toOld: ReadonlyMap<CheckedNode, CheckedNode>;
  /** New node of each matched old node. */
  readonly toNew: ReadonlyMap<CheckedNode, CheckedNode>;
  /** Parent of every node of both trees (the root has none). */
  readonly parent: ReadonlyMap<CheckedNode, CheckedNode>;
}

/** A node's identifier ("" for the root). */
export function nodeName(n: CheckedNode): string {
  return n.decl?.name.name ?? "";
}

function kindOf(n: CheckedNode): string {
  return n.decl?.kind ?? "root";
}

/** Every node below the root, parents before children, in source order. */
export function treeOrder(root: CheckedNode): CheckedNode[] {
  const out: CheckedNode[] = [];
  const walk = (n: CheckedNode) => { for (const c of n.children) { out.push(c); walk(c); } };
  walk(root);
  return out;
}

/** Matches the trees of two checked schemes. */
export function matchTrees(a: CheckedScheme, b: CheckedScheme): TreeMatch {
  const parent = new Map<CheckedNode, CheckedNode>();
  for (const root of [a.root, b.root]) for (const n of [root, ...treeOrder(root)]) for (const c of n.children) parent.set(c, n);
  const toOld = new Map<CheckedNode, CheckedNode>([[b.root, a.root]]);
  const toNew = new Map<CheckedNode, CheckedNode>([[a.root, b.root]]);
  const link = (o: CheckedNode, n: CheckedNode) => { toOld.set(n, o); toNew.set(o, n); };
  const olds = treeOrder(a.root);
  const news = treeOrder(b.root);
  const freeChildren = (n: CheckedNode) => {
    const o = toOld.get(parent.get(n)!);
    return o ? o.children.filter((c) => !toNew.has(c) && kindOf(c) === kindOf(n)) : [];
  };
  let progress = true;
  while (progress) {
    progress = false;
    for (const n of news) {
      if (toOld.has(n)) continue;
      const o = freeChildren(n).find((c) => nodeName(c) === nodeName(n));
      if (o) { link(o, n); progress = true; }
    }
    const byName = (list: CheckedNode[], taken: Map<CheckedNode, CheckedNode>) => {
      const m = new Map<string, CheckedNode[]>();
      for (const x of list) if (!taken.has(x)) m.set(`${kindOf(x)}|${nodeName(x)}`, [...(m.get(`${kindOf(x)}|${nodeName(x)}`) ?? []), x]);
      return m;
    };
    const freeOld = byName(olds, toNew);
    for (const [key, ns] of byName(news, toOld)) {
      const os = freeOld.get(key);
      if (ns.length === 1 && os?.length === 1) { link(os[0]!, ns[0]!); progress = true; }
    }
    if (progress) continue;
    for (const n of news) {
      if (toOld.has(n)) continue;
      const same = freeChildren(n).filter((c) => c.label === n.label);
      if (same.length === 1) { link(same[0]!, n); progress = true; }
    }
  }
  return { toOld, toNew, parent };
}
