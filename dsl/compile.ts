/** Text → checked scheme in one call: the entry point the engine, CLI, server and editor use. */
import { checkScheme } from "./check/index.js";
import type { CheckedScheme } from "./check/types.js";
import { parse } from "./parse.js";

/** Parses and checks scheme text; `diagnostics` holds every syntax and checking problem. */
export function compile(text: string, name = "scheme.yard"): CheckedScheme {
  return checkScheme(parse(text, name));
}
