/**
 * Resolves overrides against a scheme: splits `path.field`, finds the node or grade level (with
 * a did-you-mean when there is none), and checks the field and the value. Returns the
 * overrides it could read and an issue for each it could not.
 */
import type { CheckedScheme } from "../../dsl/check/types.js";
import { closest } from "../../dsl/suggest.js";
import { overrideText, parseOverride, whatIfIssue, type Override, type WhatIfIssue } from "./override.js";

/** An indicator parameter an override may set. */
export type ParamField =
  | { readonly name: "target" | "floor" | "to" | "satisfactory" | "disallowed" | "cap" | "else" }
  | { readonly name: "band"; readonly index: number; readonly part: "threshold" | "points" }
  | { readonly name: "add" | "deduct"; readonly index: number; readonly part: "amount" | "reference" };

/** An override whose target was found and whose value is acceptable. */
export type Resolved =
  | { readonly kind: "share"; readonly text: string; readonly path: string; readonly unit: "points" | "weight"; readonly value: number; readonly type: string | null }
  | { readonly kind: "param"; readonly text: string; readonly path: string; readonly field: ParamField; readonly value: number; readonly type: string | null }
  | { readonly kind: "grade"; readonly text: string; readonly level: number; readonly field: "threshold" | "quota"; readonly value: number; readonly percent: boolean };

/** The fields of a tree node, for messages and did-you-mean. */
export const NODE_FIELDS = ["weight", "points"] as const;
/** The fields of an indicator's scoring (K counts from 1). */
export const PARAM_FIELDS = ["target", "floor", "to", "satisfactory", "disallowed", "cap", "else", "band.K", "band.K.points", "add.K", "add.K.reference", "deduct.K", "deduct.K.reference"] as const;
/** The fields of a grade level. */
export const GRADE_FIELDS = ["threshold", "quota"] as const;

const SIMPLE = new Set(["target", "floor", "to", "satisfactory", "disallowed", "cap", "else"]);

function paramField(field: string): ParamField | null {
  if (SIMPLE.has(field)) return { name: field as "target" };
  const m = /^(band|add|deduct)\.(\d+)(?:\.(points|reference))?$/.exec(field);
  if (!m || Number(m[2]) < 1) return null;
  const index = Number(m[2]);
  if (m[1] === "band") return m[3] === "reference" ? null : { name: "band", index, part: m[3] === "points" ? "points" : "threshold" };
  return m[3] === "points" ? null : { name: m[1] as "add" | "deduct", index, part: m[3] === "reference" ? "reference" : "amount" };
}

/** Splits `a.b.c.field` at the longest prefix that is a tree path. */
function splitTarget(target: string, scheme: CheckedScheme): { path: string; field: string } | null {
  const parts = target.split(".");
  for (let k = parts.length - 1; k >= 1; k--) {
    const path = parts.slice(0, k).join(".");
    if (scheme.nodes.has(path) && path !== "") return { path, field: parts.slice(k).join(".") };
  }
  return null;
}

function gradeLabels(scheme: CheckedScheme): string[] {
  const g = scheme.ast.decls.find((d) => d.kind === "grades");
  return g && g.kind === "grades" ? g.levels.map((l) => l.label.value) : [];
}

/** Reads command-line overrides (`path.field=value[@type]`) into `Override`s, splitting path from field. */
export function readOverrides(texts: readonly string[], scheme: CheckedScheme): { overrides: Override[]; issues: WhatIfIssue[] } {
  const overrides: Override[] = [];
  const issues: WhatIfIssue[] = [];
  for (const text of texts) {
    const w = parseOverride(text);
    if ("code" in w) { issues.push(w); continue; }
    const split = splitTarget(w.target, scheme) ?? splitGrade(w.target) ?? unknownPath(w.target, scheme);
    if ("code" in split) { issues.push({ ...split, override: text }); continue; }
    overrides.push({ path: split.path, field: split.field, value: w.value, percent: w.percent, type: w.type, text });
  }
  return { overrides, issues };
}

function splitGrade(target: string): { path: string; field: string } | null {
  const m = /^(grades\.[^.]+)\.([^.]+)$/.exec(target);
  return m ? { path: m[1]!, field: m[2]! } : null;
}

function unknownPath(target: string, scheme: CheckedScheme): WhatIfIssue {
  const path = target.slice(0, target.lastIndexOf("."));
  const paths = [...scheme.nodes.keys()].filter((p) => p !== "");
  const guess = closest(path, paths);
  const help = guess ? `did you mean \`${guess}\`?` : `paths look like \`${paths[0] ?? "dimension.indicator"}\`, followed by \`.weight\`, \`.points\` or a parameter`;
  return whatIfIssue("unknown-path", `no dimension or indicator \`${path}\``, target, help);
}

/** Checks every override against the scheme; what cannot be applied becomes an issue. */
export function resolveOverrides(overrides: readonly Override[], scheme: CheckedScheme): { resolved: Resolved[]; issues: WhatIfIssue[] } {
  const resolved: Resolved[] = [];
  const issues: WhatIfIssue[] = [];
  for (const o of overrides) {
    const r = resolveOne(o, scheme);
    if ("code" in r) issues.push(r);
    else resolved.push(r);
  }
  return { resolved, issues };
}

function resolveOne(o: Override, scheme: CheckedScheme): Resolved | WhatIfIssue {
  const text = overrideText(o);
  const type = o.type ?? null;
  if (!Number.isFinite(o.value)) return whatIfIssue("bad-value", `\`${o.value}\` is not a number`, text);
  if (type !== null && !scheme.types.has(type)) {
    const guess = closest(type, scheme.types.keys());
    return whatIfIssue("unknown-type", `no type \`${type}\` in any typology`, text, guess ? `did you mean \`${guess}\`?` : undefined);
  }
  if (o.path.startsWith("grades.") && !scheme.nodes.has(o.path)) return resolveGrade(o, text, scheme);
  const node = scheme.nodes.get(o.path);
  if (!node || o.path === "") return { ...unknownPath(`${o.path}.${o.field}`, scheme), override: text };
  if (o.field === "weight" || o.field === "points") return resolveShare(o, text, type);
  const isIndicator = node.decl?.kind === "indicator";
  const field = isIndicator ? paramField(o.field) : null;
  if (!field) {
    const fields: readonly string[] = isIndicator ? [...NODE_FIELDS, ...PARAM_FIELDS] : NODE_FIELDS;
    const guess = closest(o.field, fields);
    return whatIfIssue("unknown-field", `\`${o.path}\` has no \`${o.field}\` to set`, text,
      guess ? `did you mean \`${guess}\`?` : `fields are ${fields.map((f) => `\`${f}\``).join(", ")}`);
  }
  return { kind: "param", text, path: o.path, field, value: o.value, type };
}

function resolveShare(o: Override, text: string, type: string | null): Resolved | WhatIfIssue {
  if (o.value < 0) return whatIfIssue("bad-value", `${o.field} cannot be negative (\`${o.value}\`)`, text);
  if (o.field === "weight" && type !== null) {
    return whatIfIssue("bad-override", "a weight cannot be set for one type", text, `set the type's points instead: \`${o.path}.points=N@${type}\``);
  }
  // `weight 30`, `weight 30%` and `weight 0.3` are the same share, as in the language.
  const value = o.field === "weight" && (o.percent || o.value > 1) ? o.value / 100 : o.value;
  return { kind: "share", text, path: o.path, unit: o.field === "weight" ? "weight" : "points", value, type };
}

function resolveGrade(o: Override, text: string, scheme: CheckedScheme): Resolved | WhatIfIssue {
  const labels = gradeLabels(scheme);
  const label = o.path.slice("grades.".length);
  const level = labels.indexOf(label);
  if (level < 0) {
    const guess = closest(label, labels);
    return whatIfIssue("unknown-path", labels.length ? `no grade \`${label}\`` : "the scheme has no grades", text,
      guess ? `did you mean \`grades.${guess}\`?` : labels.length ? `grades are ${labels.map((l) => `\`${l}\``).join(", ")}` : undefined);
  }
  if (o.field !== "threshold" && o.field !== "quota") {
    const guess = closest(o.field, GRADE_FIELDS);
    return whatIfIssue("unknown-field", `a grade has no \`${o.field}\` to set`, text, guess ? `did you mean \`${guess}\`?` : "set `threshold` or `quota`");
  }
  if (o.type) return whatIfIssue("bad-override", "grade overrides apply to every type", text, `leave out \`@${o.type}\``);
  if (o.field === "quota" && (o.value < 0 || (o.percent && o.value > 100))) return whatIfIssue("bad-value", `a quota must be between 0 and 100% (\`${o.value}\`)`, text);
  return { kind: "grade", text, level, field: o.field, value: o.value, percent: o.percent ?? false };
}
