/**
 * Problems found while evaluating a scheme on a dataset. They are values, like the DSL's
 * diagnostics, but they also name the regions concerned, so a policy office can see at once
 * which districts' data to fix.
 */
import type { Span } from "../dsl/source.js";

/** Stable codes of evaluation issues; tests, the CLI and the API rely on them. */
export const EVAL_CODES = {
  "missing-value": "an indicator value is missing and its policy is `missing error`",
  "check-failed": "a `check` rule does not hold for some regions",
  "unclassified": "regions no rule of a typology matched",
  "imputation-failed": "a missing value could not be imputed (no peers, no previous period), so it scored zero",
  "missing-prev": "`prev(...)` or `missing prev` is used but no previous-period dataset was given",
  "missing-column": "the dataset has no column for an input the scheme uses: every region counts as missing",
  "quota-unmet": "an `at least` quota could not be met because too few regions remained",
  "unknown-grade": "a veto forces a grade the scheme does not declare",
  "bad-data": "a value the engine cannot use (for example ratings that are not numbers)",
} as const;

/** A stable evaluation issue code. */
export type EvalCode = keyof typeof EVAL_CODES;

/** One evaluation problem: what, where in the scheme, and which regions. */
export interface EvalIssue {
  /** Stable code from `EVAL_CODES`. */
  readonly code: EvalCode;
  /** An error means the run produced no results; a warning is reported beside them. */
  readonly severity: "error" | "warning";
  /** One line in the diagnostics' style: lower-case, no final period, names in backticks. */
  readonly message: string;
  /** The scheme construct concerned, when there is one. */
  readonly span: Span | null;
  /** Tree path of the indicator concerned, when there is one. */
  readonly path: string | null;
  /** Region ids concerned, in dataset order. */
  readonly regions: readonly string[];
}

/** Makes an issue. */
export function issue(
  code: EvalCode, severity: EvalIssue["severity"], message: string,
  where: { span?: Span | null; path?: string | null; regions?: readonly string[] } = {},
): EvalIssue {
  return { code, severity, message, span: where.span ?? null, path: where.path ?? null, regions: where.regions ?? [] };
}

/** Region ids where `mask[i]` is set. */
export function regionsWhere(regions: readonly string[], mask: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < regions.length; i++) if (mask[i]) out.push(regions[i]!);
  return out;
}

/** A short list of region ids for a message: the first few, then how many more. */
export function regionList(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max).map((r) => `\`${r}\``).join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}
