/**
 * What-if overrides: one change to a scheme's numbers, written `path.field=value[@type]`
 * (`economy.points=35`, `economy.gdp_growth.weight=20%`, `economy.gdp_growth.target=8@outer`,
 * `grades.优秀.quota=30%`). Parsing never throws: a bad override becomes a `WhatIfIssue`.
 */

/** One change to apply on top of a scheme. */
export interface Override {
  /** A tree path (`economy.gdp_growth`), or `grades.LABEL` for a grade level. */
  readonly path: string;
  /** What is set (see `FIELDS`). */
  readonly field: string;
  readonly value: number;
  /** True when the value was written with `%` (weights and quotas). */
  readonly percent?: boolean;
  /** Restricts the change to the regions of one type of a typology. */
  readonly type?: string | null;
  /** The override as written, for messages; built from the parts when absent. */
  readonly text?: string;
}

/** Stable codes of what-if issues. */
export const WHATIF_CODES = {
  "bad-override": "an override is not written `path.field=value[@type]`",
  "unknown-path": "no dimension, indicator or grade at that path",
  "unknown-field": "the node has no such number to set",
  "bad-value": "the value is not a number, or is out of range (negative points or weights, a quota above 100%)",
  "unknown-type": "no typology has that type",
  "not-adjustable": "the number is computed, not written (AHP or entropy weights, siblings without shares)",
  "shares-rescaled": "after the change the siblings' shares no longer add up to the parent's: they are re-normalised",
} as const;

/** A stable what-if issue code. */
export type WhatIfCode = keyof typeof WHATIF_CODES;

/** A problem with an override: errors leave the override out, warnings say how it was read. */
export interface WhatIfIssue {
  readonly code: WhatIfCode;
  readonly severity: "error" | "warning";
  /** Lower-case, no final period, names in backticks. */
  readonly message: string;
  /** The override concerned, as written. */
  readonly override: string;
  readonly help?: string;
}

/** An override as written on a command line, before its path is split from its field. */
export interface WrittenOverride {
  /** `path.field`, dotted. */
  readonly target: string;
  readonly value: number;
  readonly percent: boolean;
  readonly type: string | null;
  readonly text: string;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(%|pp)?$/;

/** Makes an issue. */
export function whatIfIssue(code: WhatIfCode, message: string, override: string, help?: string, severity: "error" | "warning" = "error"): WhatIfIssue {
  return help === undefined ? { code, severity, message, override } : { code, severity, message, override, help };
}

/** Parses `path.field=value[@type]`; the value may end in `%` (or `pp`, which changes nothing). */
export function parseOverride(text: string): WrittenOverride | WhatIfIssue {
  const eq = text.indexOf("=");
  if (eq <= 0) return whatIfIssue("bad-override", `\`${text}\` is not an override`, text, "write `path.field=value`, e.g. `economy.points=35` or `economy.gdp_growth.weight=0.2`");
  const target = text.slice(0, eq).trim();
  let rest = text.slice(eq + 1).trim();
  let type: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    type = rest.slice(at + 1).trim();
    rest = rest.slice(0, at).trim();
    if (!type) return whatIfIssue("bad-override", `\`${text}\` names no type after \`@\``, text, "write `path.field=value@TYPE`, e.g. `economy.points=35@mountain`");
  }
  const m = NUMBER.exec(rest);
  if (!m) return whatIfIssue("bad-value", `\`${rest}\` is not a number`, text, "write a number such as `35`, `0.2` or `20%`");
  const value = Number.parseFloat(rest);
  if (!Number.isFinite(value)) return whatIfIssue("bad-value", `\`${rest}\` is not a finite number`, text);
  if (!target.includes(".")) return whatIfIssue("bad-override", `\`${target}\` names no field to set`, text, "write `path.field=value`, e.g. `economy.points=35`");
  return { target, value, percent: m[1] === "%", type, text };
}

/** The override's text: as written, or rebuilt from its parts. */
export function overrideText(o: Override): string {
  return o.text ?? `${o.path}.${o.field}=${o.value}${o.percent ? "%" : ""}${o.type ? `@${o.type}` : ""}`;
}
