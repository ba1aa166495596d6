/** Random cases for the reach property tests: a scheme text and rows of values for its inputs f0, f1, …. */
import fc from "fast-check";
import type { Cell } from "./run.js";

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
