/** Benchmark of the language front end: parse and check a generated 5,000-line scheme (goal < 100 ms). */
import { checkScheme } from "../dsl/check/index.js";
import { compile, parse } from "../dsl/index.js";
import { generateScheme } from "./generate-scheme.js";
import { show, time } from "./measure.js";

/** Runs the benchmark; returns the lines to print. */
export function benchFrontEnd(): string[] {
  const text = generateScheme(5000);
  const lines = text.split("\n").length;
  const errors = compile(text, "generated.yard").diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`generated scheme has errors: ${errors[0]!.message}`);
  const parsed = parse(text, "generated.yard");
  const tParse = time(() => parse(text, "generated.yard"));
  const tCheck = time(() => checkScheme(parsed));
  const tBoth = time(() => compile(text, "generated.yard"));
  return [
    `front end: generated scheme of ${lines} lines, ${text.length} characters`,
    `  parse          ${show(tParse)}`,
    `  check          ${show(tCheck)}`,
    `  parse + check  ${show(tBoth)}   goal < 100 ms: ${tBoth.median < 100 ? "met" : "NOT met"}`,
  ];
}
