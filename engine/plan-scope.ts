/**
 * Name resolution for the planner: maps every name an expression uses to the graph slot that
 * computes it, and records the slots read as the node's dependencies. Ids are allocated for all
 * named things before any expression is compiled, so forward references resolve.
 */
import type { Expr } from "../dsl/ast.js";
import type { CheckedScheme } from "../dsl/check/types.js";
import type { Diagnostic } from "../dsl/diagnostics.js";
import type { ExprScope } from "./compile-expr.js";

/** Slot ids of every named thing, allocated before compiling. */
export interface SlotTable {
  readonly inputs: ReadonlyMap<string, { readonly id: number; readonly index: number }>;
  readonly tables: ReadonlyMap<string, number>;
  readonly lets: ReadonlyMap<string, number>;
  readonly typologies: ReadonlyMap<string, { readonly id: number; readonly index: number }>;
  readonly tree: ReadonlyMap<string, number>;
  readonly root: number;
  readonly total: number;
  readonly grades: number | null;
}

/** Interns strings to codes shared by the plan and the run. */
export class Interner {
  private readonly codes = new Map<string, number>();
  /** The strings, by code. */
  readonly strings: string[] = [];

  constructor(initial: readonly string[] = []) {
    for (const s of initial) this.code(s);
  }

  /** The code of a string, allocating one for a new string. */
  code(text: string): number {
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(text);
      this.codes.set(text, c);
    }
    return c;
  }
}

/** The planner's `ExprScope`: resolves names and collects the dependencies of the node being built. */
export class PlanScope implements ExprScope {
  /** Slots read by the node being compiled. */
  deps = new Set<number>();
  /** Whether `x` (the indicator's value) may be used. */
  allowX = false;

  constructor(
    private readonly scheme: CheckedScheme,
    private readonly slots: SlotTable,
    private readonly interner: Interner,
    /** When entropy weights rescale the tree, `score(path)` must wait for the root. */
    private readonly scoresAfterRoot: boolean,
    readonly diagnostics: Diagnostic[],
  ) {}

  /** Starts collecting dependencies for a new node; returns the previous set. */
  begin(allowX = false): void {
    this.deps = new Set();
    this.allowX = allowX;
  }

  name(name: string): number | "x" | null {
    const s = this.slots;
    const sym = this.scheme.symbols.get(name);
    let id: number | null | undefined = null;
    if (name === "x" && this.allowX && (!sym || sym.kind === "builtin")) return "x";
    if (!sym || sym.kind === "builtin") {
      if (name === "total") id = s.total;
      else if (name === "grade") id = s.grades;
    } else if (sym.kind === "input") id = s.inputs.get(name)?.id;
    else if (sym.kind === "let") id = s.lets.get(name);
    else if (sym.kind === "table") id = s.tables.get(name);
    else if (sym.kind === "typology") id = s.typologies.get(name)?.id;
    if (id === null || id === undefined) return null;
    this.deps.add(id);
    return id;
  }

  score(path: string): number | null {
    const id = this.slots.tree.get(path);
    if (id === undefined) return null;
    this.deps.add(id);
    if (this.scoresAfterRoot) this.deps.add(this.slots.root);
    return id;
  }

  typology(name: string): number | null {
    const t = this.slots.typologies.get(name);
    if (!t) return null;
    this.deps.add(t.id);
    return t.index;
  }

  prevInput(name: string): number | null {
    const sym = this.scheme.symbols.get(name);
    return sym?.kind === "input" ? this.slots.inputs.get(name)?.index ?? null : null;
  }

  intern(text: string): number {
    return this.interner.code(text);
  }

  isBoolean(e: Expr): boolean {
    return this.scheme.exprTypes.get(e) === "boolean";
  }

  /** Records a dependency that no expression names (e.g. a typology an override selects on). */
  use(id: number): void {
    this.deps.add(id);
  }
}
