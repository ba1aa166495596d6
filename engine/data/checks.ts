/**
 * The row schema's rules for each field as plain checks, made once per dataset shape: a field's
 * canonical value (null when absent) passes exactly when the schema (`schema.ts`) accepts it.
 * The loader runs them on every cell and asks ajv (`validate.ts`) only about the rows they
 * reject, so the JSON Schema stays the contract and ajv still words the problems;
 * test/engine/data-checks.test.ts proves the checks and ajv agree.
 */
import type { CellValue } from "./cells.js";
import type { FieldSpec } from "./fields.js";

/** A field's rule: does the schema accept this value (null: the field absent from the row)? */
export type FieldRule = (v: CellValue) => boolean;

function inRange(f: FieldSpec): (x: unknown) => boolean {
  const lo = f.min ?? -Infinity;
  const hi = f.max ?? Infinity;
  return (x) => typeof x === "number" && x >= lo && x <= hi;
}

/** The check of a present value: `type`, `minimum`/`maximum` (per item for ratings), `enum`, `minLength`. */
function valueRule(f: FieldSpec): (v: Exclude<CellValue, null>) => boolean {
  const ok = inRange(f);
  switch (f.kind) {
    case "number": return ok;
    case "boolean": return (v) => typeof v === "boolean";
    case "ratings": return (v) => Array.isArray(v) && v.every(ok);
    case "category": {
      if (!f.values) return (v) => typeof v === "string" && v !== "";
      const allowed = new Set(f.values);
      return (v) => typeof v === "string" && allowed.has(v);
    }
  }
}

/** The rule of one field, `required` included. */
export function fieldRule(f: FieldSpec): FieldRule {
  const value = valueRule(f);
  return f.required ? (v) => v !== null && value(v) : (v) => v === null || value(v);
}
