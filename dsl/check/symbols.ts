/** The first pass: declares inputs, derived values, tables, typologies and their types. */
import type { Decl, Ident, InputDecl } from "../ast.js";
import type { CheckContext } from "./context.js";
import type { ValueType } from "./types.js";

/** Builtin names that cannot be declared (`x`, an indicator's own value, may be: a declared `x` shadows it). */
export const BUILTIN_NAMES: readonly string[] = ["total", "grade"];

/** The value type an input's declared type gives. */
export function inputValueType(d: InputDecl): ValueType {
  return d.type === "boolean" ? "boolean" : d.type === "category" ? "category" : d.type === "ratings" ? "ratings" : "number";
}

/** Fills the symbol and type tables, reporting duplicates. */
export function declareSymbols(cx: CheckContext): void {
  const first = new Map<string, Ident>();
  const declare = (name: Ident, what: string): boolean => {
    const earlier = first.get(name.name);
    if (earlier) {
      cx.error("duplicate-name", `\`${name.name}\` is declared twice`, name.span,
        `the first ${what === "type" ? "type" : "declaration"} is at line ${earlier.span.line}; rename one of them`);
      return false;
    }
    if (BUILTIN_NAMES.includes(name.name) && what !== "type") {
      cx.error("duplicate-name", `\`${name.name}\` is a builtin name and cannot be declared`, name.span, "choose another name");
      return false;
    }
    first.set(name.name, name);
    return true;
  };
  for (const d of cx.ast.decls) declareOne(cx, d, declare);
  const typeNames = new Map<string, Ident>();
  for (const d of cx.ast.decls) {
    if (d.kind !== "typology") continue;
    for (const rule of d.types) {
      const earlier = typeNames.get(rule.name.name);
      if (earlier) {
        cx.error("duplicate-name", `type \`${rule.name.name}\` is declared twice`, rule.name.span, `the first is at line ${earlier.span.line}`);
        continue;
      }
      typeNames.set(rule.name.name, rule.name);
      cx.types.set(rule.name.name, { typology: d, rule });
    }
  }
  if (!cx.ast.header) {
    cx.warning("missing-header", "the scheme has no `scheme` header", cx.ast.span,
      "start the file with `scheme \"title\" period 2026 unit region_id`");
  }
}

function declareOne(cx: CheckContext, d: Decl, declare: (n: Ident, what: string) => boolean): void {
  switch (d.kind) {
    case "input":
      if (declare(d.name, "input")) cx.symbols.set(d.name.name, { kind: "input", decl: d, type: inputValueType(d) });
      return;
    case "let":
      if (declare(d.name, "let")) cx.symbols.set(d.name.name, { kind: "let", decl: d, type: "number" });
      return;
    case "table":
      if (declare(d.name, "table")) cx.symbols.set(d.name.name, { kind: "table", decl: d, type: "number" });
      return;
    case "typology":
      if (declare(d.name, "typology")) cx.symbols.set(d.name.name, { kind: "typology", decl: d, type: "category" });
      return;
    default:
      return;
  }
}
