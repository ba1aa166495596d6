/**
 * Results as one table (a row per region), for the CLI's table view and for CSV/XLSX output:
 * region, types, total, its parts, grade, ranks, then one score column per tree node at the
 * requested depth, labelled with the scheme's own (Chinese) labels.
 */
import { tidy } from "./results-region.js";
import type { Results } from "./results.js";

/** A column of the results table. */
export interface TableColumn {
  /** Stable key, e.g. `total`, `rank.overall`, `score.economy.gdp`. */
  readonly key: string;
  /** Header as the scheme names it (Chinese labels where the scheme has them). */
  readonly label: string;
}

/** A table of results: columns and one row of cells per region. */
export interface ResultTable {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** Which tree nodes get a score column: none, the top-level dimensions, or every node. */
export type TableDepth = "none" | "dimensions" | "all";

function col(key: string, label: string, cell: (i: number) => string | number | null): { column: TableColumn; cell: (i: number) => string | number | null } {
  return { column: { key, label }, cell };
}

/** Builds the results table. */
export function resultTable(r: Results, depth: TableDepth = "dimensions"): ResultTable {
  const unit = r.program.scheme.ast.header?.unit?.name ?? "region";
  const cols = [col("region", unit, (i) => r.regions[i]!)];
  for (const t of r.typologies) cols.push(col(`type.${t.name}`, t.label, (i) => (t.type[i]! >= 0 ? t.types[t.type[i]!]!.label : null)));
  cols.push(col("total", "total", (i) => tidy(r.total[i]!)));
  if (r.blocks.length > 0) {
    cols.push(col("tree", "tree", (i) => tidy(r.treeScore[i]!)), col("bonus", "bonus", (i) => tidy(r.bonus[i]!)), col("deduction", "deduction", (i) => tidy(r.deduction[i]!)));
  }
  if (r.grades) cols.push(col("grade", "grade", (i) => r.grades!.labels[r.grades!.level[i]!]!));
  for (const k of r.ranks) cols.push(col(`rank.${k.within ?? "overall"}`, k.within ? `rank within ${k.within}` : "rank", (i) => k.rank[i]!));
  if (depth !== "none") {
    for (const n of r.tree.values()) {
      if (n.path === "" || (depth === "dimensions" && n.depth !== 1)) continue;
      cols.push(col(`score.${n.path}`, n.label, (i) => tidy(n.score[i]!)));
    }
  }
  return { columns: cols.map((c) => c.column), rows: r.regions.map((_, i) => cols.map((c) => c.cell(i))) };
}
