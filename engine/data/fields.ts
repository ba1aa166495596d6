/**
 * The fields a scheme expects in a dataset, read once from the checked scheme: the region id
 * column and, per input, its kind, range, allowed values and whether it is required. The JSON
 * Schema and the loader are both built from this list, so they cannot disagree. (Ballot counts
 * and fuzzy memberships are inputs too: the checker requires them to be declared.)
 */
import type { Expr, InputDecl, InputType } from "../../dsl/ast.js";
import type { CheckedScheme } from "../../dsl/check/types.js";

/** How a field's cells are read. */
export type FieldKind = "number" | "boolean" | "category" | "ratings";

/** One dataset field the scheme declares. */
export interface FieldSpec {
  readonly name: string;
  /** The input's declared type (`percent`, `count`, …). */
  readonly inputType: InputType;
  readonly kind: FieldKind;
  readonly label: string | null;
  /** Unit of measure as written (`"万元"`), for display. */
  readonly unit: string | null;
  readonly source: string | null;
  readonly doc: string | null;
  /** The declared range, both ends included (null where not written or not a constant). */
  readonly min: number | null;
  readonly max: number | null;
  /** Allowed values of a category input (null: any text). */
  readonly values: readonly string[] | null;
  /** True when every region must have a value (no default, not `optional`). */
  readonly required: boolean;
  /** The default when it is a literal (null otherwise or when there is none). */
  readonly default: number | string | boolean | null;
}

/** What a dataset for a scheme looks like. */
export interface DatasetShape {
  /** The column holding region ids (the header's `unit`, else `id`). */
  readonly idColumn: string;
  /** Other headers accepted for the id column (`id` when the unit has another name). */
  readonly idAliases: readonly string[];
  readonly fields: readonly FieldSpec[];
  /** Names of derived values, tables and typologies: columns that are computed, not read. */
  readonly computed: ReadonlySet<string>;
}

/** The value of a constant expression (`30`, `-20`, `95%`), or null when it is not one. */
export function constantValue(e: Expr | null): number | string | boolean | null {
  if (!e) return null;
  if (e.kind === "number" || e.kind === "string" || e.kind === "bool") return e.value;
  if (e.kind === "unary" && e.op === "-") {
    const v = constantValue(e.operand);
    return typeof v === "number" ? -v : null;
  }
  return null;
}

function kindOf(type: InputType): FieldKind {
  return type === "boolean" || type === "category" || type === "ratings" ? type : "number";
}

function numberOrNull(v: number | string | boolean | null): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function inputField(d: InputDecl): FieldSpec {
  const dflt = constantValue(d.default);
  return {
    name: d.name.name, inputType: d.type, kind: kindOf(d.type), label: d.label?.value ?? null,
    unit: d.unit?.value ?? null, source: d.source?.value ?? null, doc: d.doc,
    min: numberOrNull(constantValue(d.range?.min ?? null)), max: numberOrNull(constantValue(d.range?.max ?? null)),
    values: d.type === "category" && d.values.length > 0 ? d.values.map((v) => v.value) : null,
    required: d.required ?? d.default === null,
    default: dflt,
  };
}

/** The dataset shape a checked scheme implies. */
export function datasetShape(checked: CheckedScheme): DatasetShape {
  const inputs = checked.ast.decls.filter((d): d is InputDecl => d.kind === "input").map(inputField);
  const idColumn = checked.ast.header?.unit?.name ?? "id";
  const computed = new Set([...checked.symbols].filter(([, s]) => s.kind !== "input" && s.kind !== "builtin").map(([n]) => n));
  return { idColumn, idAliases: idColumn === "id" ? [] : ["id"], fields: inputs, computed };
}
