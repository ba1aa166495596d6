/**
 * A stability report as one JSON document, per analysed region and per share: what
 * `yardstick stability --json` prints and what the API's stability job returns.
 */
import type { Results } from "../results.js";
import type { StabilityReport } from "./index.js";
import { regionStability, type RegionStability } from "./view.js";

/** The stability document of one run. */
export interface StabilityJson {
  /** The hash of the scheme the run evaluated. */
  readonly schemeHash: string;
  /** Shares (or regions) left out, with the reason. */
  readonly problems: readonly string[];
  /** Shares whose intervals come from sampling the engine, not exact, with the reason. */
  readonly sampled: readonly { readonly path: string; readonly why: string | null }[];
  /** Every analysed region (dataset order), with its stability under every analysed share. */
  readonly regions: readonly { readonly region: string; readonly shares: readonly RegionStability[] }[];
}

/** Shapes a stability report on `base` into its JSON document (keys in the order the CLI prints). */
export function stabilityJson(report: StabilityReport, base: Pick<Results, "schemeHash">): StabilityJson {
  const regions = report.analysed.map((r) => ({ region: report.regions[r]!, shares: report.nodes.map((n) => regionStability(n, report.regions[r]!, r)) }));
  const sampled = report.nodes.filter((n) => !n.exact).map((n) => ({ path: n.path, why: n.why }));
  return { schemeHash: base.schemeHash, problems: report.problems, sampled, regions };
}
