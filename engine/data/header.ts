/**
 * The header of a dataset against the scheme's shape: repeated, unknown and missing columns, the
 * region id column, and where each declared input's column is.
 */
import { closest } from "../../dsl/suggest.js";
import { dataIssue, type DataIssue } from "./dataset.js";
import type { DatasetShape, FieldSpec } from "./fields.js";

/** Where each column of the file goes. */
export interface Layout {
  readonly id: number;
  readonly fields: readonly { readonly spec: FieldSpec; readonly col: number }[];
}

/** Checks a header; the layout is null when no column identifies the regions. */
export function readHeader(shape: DatasetShape, headers: readonly string[], headerRow: number | null, file: string): { layout: Layout | null; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const at = { file, row: headerRow };
  const first = new Map<string, number>();
  headers.forEach((h, k) => {
    if (first.has(h) && h !== "") issues.push(dataIssue("duplicate-column", "error", `the column \`${h}\` appears twice (columns ${first.get(h)! + 1} and ${k + 1})`, { ...at, field: h }));
    else if (!first.has(h)) first.set(h, k);
  });
  const idName = [shape.idColumn, ...shape.idAliases].find((c) => first.has(c));
  const specs = new Map(shape.fields.map((f) => [f.name, f]));
  for (const h of first.keys()) {
    if (h === idName || specs.has(h) || h === "") continue;
    const why = shape.computed.has(h) ? `\`${h}\` is computed by the scheme, so the column is ignored` : `the scheme has no input \`${h}\`; the column is ignored`;
    const guess = shape.computed.has(h) ? null : closest(h, [...specs.keys(), shape.idColumn]);
    issues.push(dataIssue("unknown-column", "warning", why, { ...at, field: h }, guess ? `did you mean \`${guess}\`?` : undefined));
  }
  for (const f of shape.fields) {
    if (f.required && !first.has(f.name)) issues.push(dataIssue("missing-column", "error", `there is no column for the required input \`${f.name}\`${f.label ? ` (${f.label})` : ""}`, { ...at, field: f.name }));
  }
  if (idName === undefined) {
    const names = [shape.idColumn, ...shape.idAliases].map((c) => `\`${c}\``).join(" or ");
    issues.push(dataIssue("no-id-column", "error", `no column identifies the regions: expected ${names}`, at, "the scheme's header names it: `unit …`"));
    return { layout: null, issues };
  }
  const fields = shape.fields.filter((f) => first.has(f.name)).map((spec) => ({ spec, col: first.get(spec.name)! }));
  return { layout: { id: first.get(idName)!, fields }, issues };
}
