/** Regrouping an order by group, stably (what turns an overall ranking into rankings within types). */
import type { Grouping } from "./column.js";

/**
 * An order regrouped by group, stably: the regions of group 0 first, each group in the order
 * given. `regroup(rankOrder(v, overall), g)` is `rankOrder(v, g)`, without sorting again.
 * `out` (the order's length) may be given to reuse a buffer.
 */
export function regroup(order: Int32Array, g: Grouping, out: Int32Array = new Int32Array(order.length)): Int32Array {
  if (g.count <= 1) return order;
  const starts = new Int32Array(g.count + 1);
  for (let p = 0; p < order.length; p++) starts[g.ids[order[p]!]! + 1]!++;
  for (let k = 0; k < g.count; k++) starts[k + 1]! += starts[k]!;
  for (let p = 0; p < order.length; p++) { const i = order[p]!; out[starts[g.ids[i]!]!++] = i; }
  return out;
}
