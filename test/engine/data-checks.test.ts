/**
 * The loader's per-field checks (engine/data/checks.ts) against the JSON Schema they stand in
 * for: on random fields and random canonical values, a value passes the check exactly when ajv
 * accepts the row holding it.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../engine/data/cells.js";
import { fieldRule } from "../../engine/data/checks.js";
import type { FieldKind, FieldSpec } from "../../engine/data/fields.js";
import { SCHEMA_ANNOTATIONS, shapeSchema } from "../../engine/data/schema.js";

const bound = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });

const fieldArb: fc.Arbitrary<FieldSpec> = fc
  .record({
    kind: fc.constantFrom<FieldKind>("number", "boolean", "category", "ratings"),
    a: bound,
    b: bound,
    values: fc.option(fc.uniqueArray(fc.constantFrom("甲", "乙", "b", ""), { minLength: 1, maxLength: 3 }), { nil: null }),
    required: fc.boolean(),
  })
  .map(({ kind, a, b, values, required }) => {
    const [min, max] = a !== null && b !== null && a > b ? [b, a] : [a, b];
    return {
      name: "x", inputType: kind === "number" ? "number" : kind, kind, label: null, unit: null, source: null, doc: null,
      min: kind === "number" || kind === "ratings" ? min : null, max: kind === "number" || kind === "ratings" ? max : null,
      values: kind === "category" ? values : null, required, default: null,
    } as FieldSpec;
  });

const valueArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.double({ min: -8, max: 8, noNaN: true }),
  fc.integer({ min: -8, max: 8 }),
  fc.boolean(),
  fc.constantFrom("甲", "乙", "b", "", "丙"),
  fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 4 }),
);

function ajvAccepts(f: FieldSpec, v: CellValue): boolean {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary([...SCHEMA_ANNOTATIONS]);
  const validate = ajv.compile(shapeSchema({ idColumn: "id", idAliases: [], fields: [f], computed: new Set() }, null));
  return validate(v === null ? { id: "r1" } : { id: "r1", x: v }) === true;
}

describe("per-field checks", () => {
  it("accept a value exactly when the row schema does", () => {
    fc.assert(fc.property(fieldArb, valueArb, (f, v) => {
      expect(fieldRule(f)(v)).toBe(ajvAccepts(f, v));
    }), { numRuns: 600 });
  });

  it("reject a required field's absence and a value out of range, as the schema does", () => {
    const f: FieldSpec = { name: "x", inputType: "number", kind: "number", label: null, unit: null, source: null, doc: null, min: 0, max: 10, values: null, required: true, default: null };
    for (const v of [null, -1, 11, "5"] as const) {
      expect(fieldRule(f)(v)).toBe(false);
      expect(ajvAccepts(f, v)).toBe(false);
    }
    expect(fieldRule(f)(10)).toBe(true);
  });
});
