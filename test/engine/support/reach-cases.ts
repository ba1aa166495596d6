/**
 * Random cases for the reach property tests: a scheme text and rows of values for its inputs
 * f0, f1, …; and the walk over every region's lite probe of every field the model reads.
 */
import fc from "fast-check";
import type { Results } from "../../../engine/results.js";
import { fieldOf, type Field } from "../../../engine/reach/fields.js";
import { fieldModel, type FieldModel } from "../../../engine/reach/field-model.js";
import { nextGrade, type ReachTarget } from "../../../engine/index.js";
import { liteProbe } from "../../../engine/reach/lite.js";
import type { Cell } from "./run.js";

/** One indicator of a one-dimension scheme: its method, direction, and whether its input declares `range 0..100`. */
export interface OneIndicator {
  readonly method: string;
  readonly lower: boolean;
  readonly ranged?: boolean;
}

/** A scheme of one dimension over inputs f0, f1, … under `missing mean`, its first grade with an `at most` quota. */
export function oneDimension(inds: readonly OneIndicator[], quota: number): string {
  return [
    `scheme "a" period 2026 unit id`, "missing mean",
    ...inds.map((d, k) => `input f${k} number${d.ranged ? " range 0..100" : ""} optional`),
    `dimension d "维度" points 100 {`,
    ...inds.map((d, k) => `  indicator f${k} "指标${k}" points ${100 / inds.length}${d.lower ? " lower" : ""} { ${d.method} }`),
    "}",
    `grades { "优" >= 50 quota at most ${quota}%, "良" >= 30, "差" }`,
    "",
  ].join("\n");
}

/** One-dimension schemes of one to three mostly min-max indicators (some with a declared range) under a 30% quota: the min-max cases of the lite probe. */
export const minmaxSchemes: fc.Arbitrary<string> = fc
  .array(fc.record({ method: fc.constantFrom("minmax", "minmax", "goalposts floor 20 target 80"), lower: fc.boolean(), ranged: fc.boolean() }), { minLength: 1, maxLength: 3 })
  .map((inds) => oneDimension(inds, 30));

/** A region's lite probe of one field toward its next grade (only where the field has a value and a model, and the probe applies). */
export interface ProbeCase {
  readonly r: number;
  readonly t: ReachTarget;
  readonly f: Field;
  readonly x: number;
  readonly m: FieldModel;
  readonly at: NonNullable<ReturnType<typeof liteProbe>>;
}

/** Calls `each` for every region below the top grade and every field whose lite probe applies. */
export function eachProbe(base: Results, each: (c: ProbeCase) => void): void {
  for (let r = 0; r < base.regions.length; r++) {
    const t = nextGrade(base, r);
    if (!t) continue;
    for (const input of base.program.graph.inputs) {
      const f = fieldOf(input.decl);
      const x = base.runtime.slot(input.id)[r]!;
      const m = fieldModel(base, f.name);
      if (x !== x || typeof m === "string") continue;
      const at = liteProbe(base, m, r, t);
      if (at) each({ r, t, f, x, m, at });
    }
  }
}

/** How the rows are drawn: values from `min` to 95, one in `freq` missing, `regions` rows. */
export interface RowSpec {
  readonly min: number;
  readonly freq: number;
  readonly regions: readonly [number, number];
}

/** Each scheme with random rows for as many inputs as it declares. */
export function reachCases(scheme: fc.Arbitrary<string>, spec: RowSpec): fc.Arbitrary<{ text: string; data: Record<string, Cell>[] }> {
  const rows = (fields: number) => fc.array(fc.array(fc.option(fc.integer({ min: spec.min, max: 95 }), { freq: spec.freq }), { minLength: fields, maxLength: fields }), { minLength: spec.regions[0], maxLength: spec.regions[1] })
    .map((rs) => rs.map((vals, i) => ({ id: `r${i}`, ...Object.fromEntries(vals.map((v, k) => [`f${k}`, v])) }) as Record<string, Cell>));
  return scheme.chain((text) => rows((text.match(/^input /gm) ?? []).length).map((data) => ({ text, data })));
}
