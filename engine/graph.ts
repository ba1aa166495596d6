/**
 * The evaluation graph: a DAG of typed nodes, one per computed column or rule, with their
 * dependencies. The planner builds it from a checked scheme (resolving every name once);
 * `evaluate` walks `order` and runs each node's kernel over whole columns.
 */
import type {
  AlertDecl, CheckDecl, FlagDecl, GradesDecl, InputDecl, LetDecl, RuleBlock, TableDecl, TypologyDecl, VetoDecl,
} from "../dsl/ast.js";
import type { CheckedNode, ValueType } from "../dsl/check/types.js";
import type { Span } from "../dsl/source.js";
import type { ColumnExpr } from "./ops/column.js";
import type { QuotaSpec } from "./ops/grade.js";
import type { IndicatorPlan, ItemPlan } from "./plan-types.js";

/** What every graph node has. */
interface NodeBase {
  /** Index in `EvalGraph.nodes`; also the node's slot in the run's column table. */
  readonly id: number;
  /** Ids of the nodes this one reads. */
  readonly deps: readonly number[];
  /** Where the node comes from in the scheme. */
  readonly span: Span | null;
}

/** A dataset field. */
export interface InputNode extends NodeBase {
  readonly kind: "input";
  readonly decl: InputDecl;
  readonly valueType: ValueType;
  /** Index among inputs (for `prev`). */
  readonly input: number;
  /** The value used where the dataset has none. */
  readonly fallback: ColumnExpr | null;
}

/** A value per region written in the scheme (目标分解表). */
export interface TableNode extends NodeBase {
  readonly kind: "table";
  readonly decl: TableDecl;
  readonly entries: ReadonlyMap<string, number>;
  /** The `else` value; NaN (missing) when none. */
  readonly otherwise: number;
}

/** A derived value. */
export interface LetNode extends NodeBase {
  readonly kind: "let";
  readonly decl: LetDecl;
  readonly expr: ColumnExpr;
}

/** One type of a typology, with its condition compiled. */
export interface TypeRulePlan {
  readonly name: string;
  readonly label: string;
  /** The type name's string code (typology columns hold these). */
  readonly code: number;
  /** Null for `otherwise`. */
  readonly when: ColumnExpr | null;
}

/** A typology: classifies each region by the first rule that holds. */
export interface TypologyNode extends NodeBase {
  readonly kind: "typology";
  readonly decl: TypologyDecl;
  /** Index among typologies (for `within`). */
  readonly typology: number;
  readonly rules: readonly TypeRulePlan[];
}

/** A leaf of the indicator tree. */
export interface IndicatorNode extends NodeBase {
  readonly kind: "indicator";
  readonly tree: CheckedNode;
  readonly plan: IndicatorPlan;
}

/** A dimension (or the root) of the indicator tree. */
export interface GroupNode extends NodeBase {
  readonly kind: "group";
  readonly tree: CheckedNode;
  /** Node ids of the children, in tree order. */
  readonly children: readonly number[];
  readonly points: PointsPlan;
  /** True for the root: it also finalises entropy-weighted points below it. */
  readonly root: boolean;
}

/** A node's points: one number, with per-type values where `for T points n` changes them. */
export interface PointsPlan {
  readonly base: number;
  /** Points by (typology index, type index), for the types that differ. */
  readonly byType: readonly { readonly typology: number; readonly type: number; readonly points: number }[];
}

/** A bonus or deduction block on the total. */
export interface BlockNode extends NodeBase {
  readonly kind: "block";
  readonly decl: RuleBlock;
  readonly items: readonly ItemPlan[];
  readonly max: ColumnExpr | null;
}

/** The final score: tree score + bonuses − deductions. */
export interface TotalNode extends NodeBase {
  readonly kind: "total";
  readonly root: number;
  readonly bonuses: readonly number[];
  readonly deductions: readonly number[];
}

/** A veto (一票否决) or top-grade veto (一票否优). */
export interface VetoNode extends NodeBase {
  readonly kind: "veto";
  readonly decl: VetoDecl;
  readonly when: ColumnExpr;
  /** The level it forces (index into the grades' levels), −1 for the lowest; unused for `top`. */
  readonly level: number;
}

/** One grade level, compiled. */
export interface LevelPlan {
  readonly label: string;
  readonly code: number;
  readonly op: ">=" | ">" | null;
  readonly threshold: ColumnExpr | null;
  readonly quotas: readonly QuotaSpec[];
}

/** The grades with quotas. */
export interface GradesNode extends NodeBase {
  readonly kind: "grades";
  readonly decl: GradesDecl;
  readonly levels: readonly LevelPlan[];
  /** Typology index for `grades within T`, or −1. */
  readonly within: number;
  readonly total: number;
  readonly vetoes: readonly number[];
}

/** A ranking of the total, overall (−1) or within a typology. */
export interface RankNode extends NodeBase {
  readonly kind: "rank";
  readonly within: number;
  readonly total: number;
}

/** A data-validation rule. */
export interface CheckNode extends NodeBase {
  readonly kind: "check";
  readonly decl: CheckDecl;
  readonly cond: ColumnExpr;
}

/** An early-warning alert. */
export interface AlertNode extends NodeBase {
  readonly kind: "alert";
  readonly decl: AlertDecl;
  readonly subject: ColumnExpr;
  readonly levels: readonly { readonly color: "red" | "yellow"; readonly side: "below" | "above"; readonly threshold: ColumnExpr }[];
}

/** A consequence flagged after grading. */
export interface FlagNode extends NodeBase {
  readonly kind: "flag";
  readonly decl: FlagDecl;
  readonly cond: ColumnExpr;
}

/** Any node of the evaluation graph. */
export type GraphNode =
  | InputNode | TableNode | LetNode | TypologyNode | IndicatorNode | GroupNode | BlockNode | TotalNode
  | VetoNode | GradesNode | RankNode | CheckNode | AlertNode | FlagNode;

/** The whole graph, with a topological order and lookup tables. */
export interface EvalGraph {
  readonly nodes: readonly GraphNode[];
  /** Node ids in an order where each node comes after everything it reads. */
  readonly order: readonly number[];
  readonly inputs: readonly InputNode[];
  readonly typologies: readonly TypologyNode[];
  /** Tree node id by dotted path ("" is the root). */
  readonly tree: ReadonlyMap<string, number>;
  readonly root: number;
  readonly total: number;
  readonly grades: number | null;
  readonly ranks: readonly number[];
  /** The string table the plan interned (category values, type names, grade labels). */
  readonly strings: readonly string[];
}

/**
 * A topological order of the nodes (Kahn's algorithm, ties by id so the order is stable), or the
 * ids left in a cycle.
 */
export function topoOrder(nodes: readonly { readonly id: number; readonly deps: readonly number[] }[]): { order: number[]; cycle: number[] } {
  const indegree = new Int32Array(nodes.length);
  const users: number[][] = nodes.map(() => []);
  for (const n of nodes) {
    for (const d of new Set(n.deps)) {
      indegree[n.id]!++;
      users[d]!.push(n.id);
    }
  }
  const ready: number[] = [];
  for (const n of nodes) if (indegree[n.id] === 0) ready.push(n.id);
  const order: number[] = [];
  for (let k = 0; k < ready.length; k++) {
    const id = ready[k]!;
    order.push(id);
    for (const u of users[id]!) if (--indegree[u]! === 0) ready.push(u);
  }
  const cycle = nodes.filter((n) => indegree[n.id]! > 0).map((n) => n.id);
  return { order, cycle };
}
