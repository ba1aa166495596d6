/**
 * Runs the value nodes: inputs (with their defaults), tables, derived values and typologies.
 */
import type { InputNode, LetNode, TableNode, TypologyNode } from "./graph.js";
import { issue, regionList, regionsWhere } from "./issues.js";
import { isTrue } from "./ops/column.js";
import { readInput, type Runtime } from "./runtime.js";

/** Reads an input column; where the dataset has no value, the input's `default` applies. */
export function runInput(node: InputNode, rt: Runtime): void {
  const { column, ratings, absent } = readInput(node, rt.data, rt.strings, null, rt.n);
  rt.ratings[node.input] = ratings;
  let col = column;
  if (node.fallback) {
    const fb = node.fallback.run(rt);
    let copied = false;
    for (let i = 0; i < rt.n; i++) {
      if (col[i] === col[i]) continue;
      if (!copied) { col = Float64Array.from(col); copied = true; }
      col[i] = fb[i]!;
    }
  } else if (absent && rt.n > 0) {
    rt.issues.push(issue("missing-column", "warning", `the dataset has no column \`${node.decl.name.name}\`: every region counts as missing`, { span: node.span }));
  }
  rt.values[node.id] = col;
}

/** A table's value for each region by id, or its `else` value (missing when it has none). */
export function runTable(node: TableNode, rt: Runtime): void {
  const out = new Float64Array(rt.n);
  rt.data.regions.forEach((r, i) => { out[i] = node.entries.get(r) ?? node.otherwise; });
  rt.values[node.id] = out;
}

/** A derived value. */
export function runLet(node: LetNode, rt: Runtime): void {
  rt.values[node.id] = node.expr.run(rt);
}

/**
 * Classifies every region by the first rule whose condition holds (`otherwise` matches all).
 * The typology's column holds the type name's code; unclassified regions are reported and form
 * a group of their own for `within`.
 */
export function runTypology(node: TypologyNode, rt: Runtime): void {
  const n = rt.n;
  const k = node.rules.length;
  const ids = new Int32Array(n).fill(-1);
  const codes = new Float64Array(n).fill(NaN);
  node.rules.forEach((rule, t) => {
    const cond = rule.when ? rule.when.run(rt) : null;
    for (let i = 0; i < n; i++) {
      if (ids[i] !== -1 || (cond && !isTrue(cond[i]!))) continue;
      ids[i] = t;
      codes[i] = rule.code;
    }
  });
  const unclassified = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (ids[i] === -1) { ids[i] = k; unclassified[i] = 1; }
  const regions = regionsWhere(rt.data.regions, unclassified);
  if (regions.length > 0) {
    rt.issues.push(issue("unclassified", "warning", `no rule of typology \`${node.decl.name.name}\` matches ${regionList(regions)}`, { span: node.span, regions }));
  }
  rt.groupings[node.typology] = { ids, count: k + 1 };
  rt.values[node.id] = codes;
}
