/**
 * Row validation with ajv against the scheme's JSON Schema: each row in its canonical JSON form
 * is checked for required values, ranges and allowed category values, and ajv's errors become
 * plain-language dataset issues.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { closest } from "../../dsl/suggest.js";
import { dataIssue, type DataIssue, type IssuePlace } from "./dataset.js";
import type { DatasetShape, FieldSpec } from "./fields.js";
import { SCHEMA_ANNOTATIONS, shapeSchema } from "./schema.js";

/** Checks one canonical row; returns its issues. */
export type RowValidator = (row: Record<string, unknown>, at: IssuePlace, skip: ReadonlySet<string>) => DataIssue[];

function rangeText(f: FieldSpec): string {
  return `${f.min ?? "…"}..${f.max ?? "…"}`;
}

function named(f: FieldSpec): string {
  return f.label ? `\`${f.name}\` (${f.label})` : `\`${f.name}\``;
}

function toIssue(e: ErrorObject, row: Record<string, unknown>, fields: ReadonlyMap<string, FieldSpec>, at: IssuePlace): DataIssue | null {
  const parts = e.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const name = e.keyword === "required" ? String((e.params as { missingProperty: string }).missingProperty) : parts[0];
  const f = name === undefined ? undefined : fields.get(name);
  if (!f) return null;
  const place = { ...at, field: f.name };
  const value = parts[0] === undefined ? undefined : row[parts[0]];
  switch (e.keyword) {
    case "required":
      return dataIssue("missing-value", "error", `no value for ${named(f)}, which is required`, place, "give every region a value, or declare the input `optional` or with a `default`");
    case "minimum": case "maximum": {
      const item = parts[1] === undefined ? null : Number(parts[1]);
      const v = item === null ? value : (value as number[])[item];
      const what = item === null ? `\`${String(v)}\`` : `rating ${item + 1}, \`${String(v)}\`,`;
      return dataIssue("out-of-range", "error", `${what} is outside the range ${rangeText(f)} of ${named(f)}`, place);
    }
    case "enum": {
      const guess = typeof value === "string" ? closest(value, f.values ?? []) : null;
      return dataIssue("not-allowed", "error", `\`${String(value)}\` is not one of the values of ${named(f)}: ${(f.values ?? []).join(", ")}`, place, guess ? `did you mean \`${guess}\`?` : undefined);
    }
    default:
      return dataIssue(f.kind === "ratings" ? "bad-ratings" : f.kind === "boolean" ? "not-a-boolean" : f.kind === "category" ? "not-allowed" : "not-a-number",
        "error", `\`${JSON.stringify(value)}\` is not a valid value of ${named(f)}: ${e.message ?? e.keyword}`, place);
  }
}

const VALIDATORS = new WeakMap<DatasetShape, RowValidator>();

/** The row validator of a dataset shape, compiled once per shape (its own ajv, so nothing accumulates). */
export function rowValidator(shape: DatasetShape): RowValidator {
  let v = VALIDATORS.get(shape);
  if (!v) VALIDATORS.set(shape, (v = compileValidator(shape)));
  return v;
}

function compileValidator(shape: DatasetShape): RowValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary([...SCHEMA_ANNOTATIONS]);
  const validate: ValidateFunction = ajv.compile(shapeSchema(shape, null));
  const fields = new Map(shape.fields.map((f) => [f.name, f]));
  return (row, at, skip) => {
    if (validate(row)) return [];
    const out: DataIssue[] = [];
    for (const e of validate.errors ?? []) {
      if (e.keyword === "required" && skip.has(String((e.params as { missingProperty: string }).missingProperty))) continue;
      const i = toIssue(e, row, fields, at);
      if (i) out.push(i);
    }
    return out;
  };
}
