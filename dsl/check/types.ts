/**
 * The checked scheme: the AST as written plus the side tables the checker adds (symbols, value
 * types, the resolved indicator tree with effective points, dependency order). It is the
 * contract between `dsl/` and `engine/`.
 */
import type {
  AggregateClause, Dimension, Expr, Indicator, InputDecl, LetDecl, MissingClause, Scheme, TableDecl,
  TypeRule, TypologyDecl,
} from "../ast.js";
import type { Diagnostic } from "../diagnostics.js";
import type { SourceFile } from "../source.js";

/** The type of a value in expressions. */
export type ValueType = "number" | "boolean" | "category" | "ratings";

/** What a name in an expression refers to. */
export type SymbolInfo =
  | { readonly kind: "input"; readonly decl: InputDecl; readonly type: ValueType }
  | { readonly kind: "let"; readonly decl: LetDecl; readonly type: ValueType }
  | { readonly kind: "table"; readonly decl: TableDecl; readonly type: "number" }
  | { readonly kind: "typology"; readonly decl: TypologyDecl; readonly type: "category" }
  | { readonly kind: "builtin"; readonly name: "total" | "grade" | "x"; readonly type: ValueType };

/** How a group's children are weighted. */
export type WeightsMethod = "explicit" | "equal" | "entropy" | "ahp";

/** The result of an AHP matrix: principal-eigenvector weights and consistency. */
export interface AhpResult {
  /** Normalised weights, in child order. */
  readonly weights: readonly number[];
  readonly lambdaMax: number;
  /** Consistency index (λmax − n)/(n − 1). */
  readonly ci: number;
  /** Consistency ratio CI/RI (0 for n ≤ 2). */
  readonly cr: number;
}

/** A node of the resolved indicator tree (the root has `decl` null and path ""). */
export interface CheckedNode {
  /** Dotted path from the root, e.g. `economy.gdp_growth`; unique. */
  readonly path: string;
  readonly decl: Dimension | Indicator | null;
  /** The label, or the name when no label is written. */
  readonly label: string;
  readonly children: readonly CheckedNode[];
  /**
   * The node's share of its parent (0..1) for regions of the default type; for entropy
   * weights it is NaN until the engine computes it from the data.
   */
  readonly localWeight: number;
  /** Effective points: the product of shares down the tree times the total. */
  readonly points: number;
  /** Per-type effective points, for types whose `for T points n` overrides change them. */
  readonly pointsByType: ReadonlyMap<string, number>;
  /** How this node's children are weighted (groups only). */
  readonly weights: WeightsMethod;
  /** AHP weights and consistency, when `weights ahp`. */
  readonly ahp: AhpResult | null;
  /** How this node's children combine (groups only). */
  readonly aggregate: AggregateClause["method"];
  /** The missing-data policy in force here (inherited from the nearest ancestor that sets one). */
  readonly missing: MissingClause["policy"];
  /** For `missing mean within T`. */
  readonly missingWithin: string | null;
}

/** A scheme whose names are resolved and whose structure is validated. */
export interface CheckedScheme {
  readonly source: SourceFile;
  readonly ast: Scheme;
  /** Every diagnostic from parsing and checking, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Inputs, derived values, tables and typologies by name. */
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  /** Derived values in an order where each comes after everything it uses. */
  readonly letOrder: readonly LetDecl[];
  readonly typologies: readonly TypologyDecl[];
  /** Every type of every typology by type name. */
  readonly types: ReadonlyMap<string, { readonly typology: TypologyDecl; readonly rule: TypeRule }>;
  /** The resolved indicator tree. */
  readonly root: CheckedNode;
  /** Every tree node by path. */
  readonly nodes: ReadonlyMap<string, CheckedNode>;
  /** The type of every expression node the checker saw. */
  readonly exprTypes: ReadonlyMap<Expr, ValueType>;
  /** The scheme's full score before bonuses (`total`, or the top-level points, or 100). */
  readonly total: number;
  /** Inputs whose previous-period value `prev(x)` is used. */
  readonly prevInputs: ReadonlySet<string>;
}
