/**
 * The JSON Schema (draft 2020-12) of one dataset row that a scheme implies: the region id, and
 * per input its type, range, allowed values and whether it is required. `yardstick schema`
 * prints it; the loader validates every row against it with ajv.
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { datasetShape, type DatasetShape, type FieldSpec } from "./fields.js";

/** A JSON Schema document (a plain JSON object). */
export type JSONSchema = { readonly [key: string]: unknown };

/** The annotation keywords the schema adds beside the standard ones. */
export const SCHEMA_ANNOTATIONS = ["x-yardstick-type", "x-unit", "x-source"] as const;

function typed(base: string, required: boolean): string | string[] {
  return required ? base : [base, "null"];
}

function description(f: FieldSpec): string | null {
  const parts = [f.doc, f.unit ? `unit ${f.unit}` : null, f.source ? `source ${f.source}` : null].filter((p) => p);
  return parts.length ? parts.join("; ") : null;
}

function valueSchema(f: FieldSpec): Record<string, unknown> {
  const bounds: Record<string, number> = {};
  if (f.min !== null) bounds["minimum"] = f.min;
  if (f.max !== null) bounds["maximum"] = f.max;
  switch (f.kind) {
    case "number": return { type: typed("number", f.required), ...bounds };
    case "boolean": return { type: typed("boolean", f.required) };
    case "ratings": return { type: typed("array", f.required), items: { type: "number", ...bounds } };
    case "category":
      if (!f.values) return { type: typed("string", f.required), minLength: 1 };
      return { type: typed("string", f.required), enum: f.required ? [...f.values] : [...f.values, null] };
  }
}

function fieldSchema(f: FieldSpec): Record<string, unknown> {
  const desc = description(f);
  return {
    ...(f.label ? { title: f.label } : {}),
    ...(desc ? { description: desc } : {}),
    ...valueSchema(f),
    ...(f.default !== null ? { default: f.default } : {}),
    "x-yardstick-type": f.inputType,
    ...(f.unit ? { "x-unit": f.unit } : {}),
    ...(f.source ? { "x-source": f.source } : {}),
  };
}

/** The row schema of a dataset shape. */
export function shapeSchema(shape: DatasetShape, title: string | null): JSONSchema {
  const id = { title: "region id", type: ["string", "number"], minLength: 1 };
  const properties: Record<string, unknown> = { [shape.idColumn]: id };
  for (const alias of shape.idAliases) properties[alias] = { ...id, description: `accepted instead of \`${shape.idColumn}\`` };
  for (const f of shape.fields) properties[f.name] = fieldSchema(f);
  const required = shape.fields.filter((f) => f.required).map((f) => f.name);
  const idRequired = shape.idAliases.length === 0
    ? { required: [shape.idColumn, ...required] }
    : { required, anyOf: [shape.idColumn, ...shape.idAliases].map((c) => ({ required: [c] })) };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: title ? `${title}: one region's data` : "one region's data",
    type: "object",
    properties,
    ...idRequired,
  };
}

/** The JSON Schema of one dataset row for a checked scheme. */
export function datasetSchema(checked: CheckedScheme): JSONSchema {
  return shapeSchema(datasetShape(checked), checked.ast.header?.title.value ?? null);
}
