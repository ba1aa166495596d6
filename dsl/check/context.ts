/**
 * The checker's shared state: the symbol table, the types found so far and the diagnostics
 * collected. Each checking pass reads and adds to one `CheckContext`.
 */
import type { Expr, Scheme, TypeRule, TypologyDecl } from "../ast.js";
import { error, warning, type Diagnostic, type DiagnosticCode } from "../diagnostics.js";
import type { SourceFile, Span } from "../source.js";
import { closest } from "../suggest.js";
import type { SymbolInfo, ValueType } from "./types.js";

/** Everything the passes share. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols = new Map<string, SymbolInfo>();
  readonly types = new Map<string, { readonly typology: TypologyDecl; readonly rule: TypeRule }>();
  readonly exprTypes = new Map<Expr, ValueType>();
  /** Names read by some expression (inputs, derived values, tables, typologies). */
  readonly used = new Set<string>();
  readonly prevInputs = new Set<string>();
  /** Dotted paths of every tree node, filled before expressions are checked. */
  readonly paths = new Set<string>();

  constructor(readonly source: SourceFile, readonly ast: Scheme, private readonly parseDiagnostics: readonly Diagnostic[] = []) {}

  /** True when the parser already reported an error inside `span` (later passes then stay quiet about it). */
  brokenWithin(span: Span): boolean {
    return this.parseDiagnostics.some((d) => d.severity === "error" && d.span.start >= span.start && d.span.end <= span.end);
  }

  error(code: DiagnosticCode, message: string, span: Span, help?: string): void {
    this.diagnostics.push(error(code, message, span, help));
  }

  warning(code: DiagnosticCode, message: string, span: Span, help?: string): void {
    this.diagnostics.push(warning(code, message, span, help));
  }

  /** A "did you mean" hint for a misspelt name among candidates, or undefined. */
  suggest(word: string, candidates: Iterable<string>): string | undefined {
    const guess = closest(word, candidates);
    return guess ? `did you mean \`${guess}\`?` : undefined;
  }

  /** The typology named `name`, or null after reporting it as unknown. */
  typology(name: string, span: Span): TypologyDecl | null {
    const sym = this.symbols.get(name);
    if (sym?.kind === "typology") {
      this.used.add(name);
      return sym.decl;
    }
    const typologies = [...this.symbols.values()].filter((s) => s.kind === "typology").map((s) => s.decl.name.name);
    this.error("unknown-name", `no typology \`${name}\``, span,
      this.suggest(name, typologies) ?? (typologies.length ? `typologies: ${typologies.join(", ")}` : "declare one with `typology`"));
    return null;
  }

  /** Reports an unknown type name in `for T`. */
  checkTypeName(name: string, span: Span): boolean {
    if (this.types.has(name)) return true;
    this.error("unknown-name", `no type \`${name}\` in any typology`, span, this.suggest(name, this.types.keys()));
    return false;
  }
}
