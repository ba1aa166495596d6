/** Test helper: scheme text → checked scheme, failing the test on any checking error. */
import { compile } from "../../../dsl/index.js";
import type { CheckedScheme } from "../../../dsl/check/types.js";

/** Compiles scheme text; throws on errors (tests only) so a broken fixture fails loudly. */
export function checkedFor(text: string, name = "test.yard"): CheckedScheme {
  const checked = compile(text, name);
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`).join("\n"));
  return checked;
}
