/**
 * Diffs of two scheme versions: structural (what the author changed, and how effective points
 * moved) and impact (how each region's score, rank and grade move on a dataset), as JSON-ready
 * values and as terminal text.
 */
export { structuralDiff, diffSide } from "./structural.js";
export { renderDiff, SECTION_TITLES } from "./render.js";
export { impactDiff, type ImpactOptions, type ImpactOutcome } from "./impact.js";
export { renderImpact } from "./render-impact.js";
export { matchTrees, type TreeMatch } from "./match.js";
export { SECTIONS, type Change, type ChangeOp, type DiffSide, type EffectiveChange, type SchemeDiff, type Section, type TypePoints } from "./types.js";
export type { Driver, ImpactDiff, ImpactIssue, RegionImpact, RegionOutcome } from "./impact-types.js";
