/**
 * The JSON Schema a scheme implies for one dataset row: its content, that it is a valid 2020-12
 * schema under a strict ajv, and that it agrees with the loader — a row in canonical JSON form
 * loads without errors exactly when the schema accepts it.
 */
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { datasetSchema, loadDataset } from "../../engine/data/index.js";

const SCHEME = compile(`scheme "测试" unit 区县
input gdp     percent label "增速" unit "%" range -20..30 source "统计局"
input items   count   range 0..1000
input done    count   optional
input terrain category values ("山区", "平原")
input ok      boolean default false
input experts ratings optional
let rate = ratio(done, items) * 100
missing zero
indicator gdp points 40 { goalposts floor 0 target 6.5 }
indicator rate points 40 { proportional }
indicator experts points 20 { panel }
veto "否决" when not ok or terrain == "山区"
grades { "好" >= 60, "差" }
`, "t.yard");

function strictAjv() {
  const ajv = new Ajv2020.default({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
  ajv.addVocabulary(["x-yardstick-type", "x-unit", "x-source"]);
  return ajv;
}

describe("datasetSchema", () => {
  const schema = datasetSchema(SCHEME) as Record<string, any>;

  it("describes every input with its type, range, values and requiredness", () => {
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["properties"]["gdp"]).toEqual({
      title: "增速", description: "unit %; source 统计局", type: "number", minimum: -20, maximum: 30,
      "x-yardstick-type": "percent", "x-unit": "%", "x-source": "统计局",
    });
    expect(schema["properties"]["done"]["type"]).toEqual(["number", "null"]);
    expect(schema["properties"]["terrain"]).toMatchObject({ type: "string", enum: ["山区", "平原"] });
    expect(schema["properties"]["ok"]).toMatchObject({ type: ["boolean", "null"], default: false });
    expect(schema["properties"]["experts"]).toMatchObject({ type: ["array", "null"], items: { type: "number" } });
    expect(schema["required"]).toEqual(["gdp", "items", "terrain"]);
    expect(schema["anyOf"]).toEqual([{ required: ["区县"] }, { required: ["id"] }]);
  });

  it("is a valid schema for a strict 2020-12 validator", () => {
    expect(() => strictAjv().compile(schema)).not.toThrow();
  });

  it("requires `id` plainly when the scheme names no unit column", () => {
    const s = datasetSchema(compile(`scheme "x"\ninput a number\nindicator a points 100 { proportional }`, "x.yard")) as Record<string, any>;
    expect(s["required"]).toEqual(["id", "a"]);
    expect(s["anyOf"]).toBeUndefined();
  });

  it("accepts a canonical row exactly when the loader loads it without errors", async () => {
    const validate = strictAjv().compile(schema);
    const num = fc.oneof(fc.integer({ min: -50, max: 1200 }), fc.double({ min: -50, max: 50, noNaN: true }));
    const row = fc.record({
      区县: fc.constantFrom("甲", "乙"),
      gdp: num, items: num, done: fc.option(num),
      terrain: fc.constantFrom("山区", "平原", "丘陵"), ok: fc.option(fc.boolean()),
      experts: fc.option(fc.array(num, { maxLength: 4 })),
    }, { requiredKeys: ["区县"] });
    await fc.assert(fc.asyncProperty(row, async (r) => {
      const loaded = await loadDataset(SCHEME, { name: "r.json", text: JSON.stringify([r]) });
      const errors = loaded.issues.filter((i) => i.severity === "error");
      expect(errors.length === 0).toBe(validate(r));
    }), { numRuns: 300 });
  });
});
