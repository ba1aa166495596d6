/** Inputs and tables: ranges, defaults, category values and per-region entries. */
import type { InputDecl, TableDecl } from "../ast.js";
import { constantValue } from "./constant.js";
import type { CheckContext } from "./context.js";
import { checkExpr, PLAIN } from "./exprs.js";
import { inputValueType } from "./symbols.js";

/** Checks every input and table declaration. */
export function checkInputsAndTables(cx: CheckContext): void {
  for (const d of cx.ast.decls) {
    if (d.kind === "input") checkInput(cx, d);
    if (d.kind === "table") checkTable(cx, d);
  }
}

function checkInput(cx: CheckContext, d: InputDecl): void {
  const type = inputValueType(d);
  if (d.range) {
    if (type !== "number") cx.error("misplaced-clause", `a ${d.type} input has no \`range\``, d.range.span);
    checkExpr(cx, d.range.min, PLAIN, "number");
    checkExpr(cx, d.range.max, PLAIN, "number");
    const lo = constantValue(d.range.min);
    const hi = constantValue(d.range.max);
    if (lo === null || hi === null) cx.error("bad-value", "a range is written with numbers, as in `range 0..100`", d.range.span);
    else if (lo > hi) cx.error("bad-value", `the range is empty: ${lo} is more than ${hi}`, d.range.span);
  }
  if (d.values.length > 0 && d.type !== "category") cx.error("misplaced-clause", "only a category input lists `values`", d.values[0]!.span);
  const seen = new Set<string>();
  for (const v of d.values) {
    if (seen.has(v.value)) cx.error("duplicate-name", `"${v.value}" is listed twice`, v.span);
    seen.add(v.value);
  }
  if (d.default) {
    if (type === "ratings") cx.error("misplaced-clause", "a ratings input has no `default`", d.default.span);
    else checkExpr(cx, d.default, PLAIN, type);
    if (d.default.kind === "string" && d.values.length > 0 && !seen.has(d.default.value)) {
      cx.error("type-mismatch", `the default "${d.default.value}" is not one of the listed values`, d.default.span, cx.suggest(d.default.value, seen));
    }
    const v = constantValue(d.default);
    const lo = d.range ? constantValue(d.range.min) : null;
    const hi = d.range ? constantValue(d.range.max) : null;
    if (v !== null && ((lo !== null && v < lo) || (hi !== null && v > hi))) cx.error("bad-value", `the default ${v} is outside the range ${lo}..${hi}`, d.default.span);
  }
  if (d.default && d.required === true) cx.warning("misplaced-clause", "an input with a default is never missing; `required` has no effect", d.default.span);
}

function checkTable(cx: CheckContext, d: TableDecl): void {
  const seen = new Map<string, number>();
  for (const e of d.entries) {
    const earlier = seen.get(e.region.value);
    if (earlier !== undefined) cx.error("duplicate-name", `region "${e.region.value}" has two entries`, e.region.span, `the first is at line ${earlier}`);
    seen.set(e.region.value, e.span.line);
    checkExpr(cx, e.value, PLAIN, "number");
  }
  if (d.default) checkExpr(cx, d.default, PLAIN, "number");
  if (d.entries.length === 0 && !d.default) cx.warning("bad-value", `table \`${d.name.name}\` has no entries`, d.name.span);
}
