/**
 * A counterfactual as one JSON document: what `yardstick reach --json` prints and what the
 * API's reach routes return.
 */
import type { Results } from "../results.js";
import type { ReachResult } from "./index.js";

/** The counterfactual document: the scheme's hash, then the result as `reach` gives it. */
export type ReachJson = { readonly schemeHash: string } & ReachResult;

/** Shapes a counterfactual on `base` into its JSON document (keys in the order the CLI prints). */
export function reachJson(result: ReachResult, base: Pick<Results, "schemeHash">): ReachJson {
  return { schemeHash: base.schemeHash, ...result };
}
