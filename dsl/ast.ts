/**
 * The Yardstick abstract syntax tree: what the author wrote, with a span on every node.
 * The checker adds side tables instead of rewriting it, so the formatter and the diff see the
 * author's text. `Missing` nodes stand where recovery had to skip a broken piece.
 */
import type { Span } from "./source.js";

/** A name as written, with where. */
export interface Ident {
  readonly kind: "ident";
  readonly name: string;
  readonly span: Span;
}

/** A dotted path to a dimension or indicator, e.g. `economy.gdp_growth`. */
export interface Path {
  readonly kind: "path";
  readonly parts: readonly Ident[];
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

/** Units a number literal may carry: percentage points and percent are different things. */
export type NumberUnit = "pp" | "%" | null;

/** A number literal such as `95`, `95%` or `0.5pp`. */
export interface NumberLit {
  readonly kind: "number";
  readonly value: number;
  readonly unit: NumberUnit;
  /** The literal as written, so the formatter keeps `0.50` as `0.50`. */
  readonly text: string;
  readonly span: Span;
}

/** A string literal (labels, category values). */
export interface StringLit {
  readonly kind: "string";
  readonly value: string;
  readonly span: Span;
}

/** `true` or `false`. */
export interface BoolLit {
  readonly kind: "bool";
  readonly value: boolean;
  readonly span: Span;
}

/** A reference to an input, derived value, table, typology or builtin (`total`, `grade`). */
export interface NameRef {
  readonly kind: "name";
  readonly name: string;
  readonly span: Span;
}

/** Negation or logical not. */
export interface Unary {
  readonly kind: "unary";
  readonly op: "-" | "not";
  readonly operand: Expr;
  readonly span: Span;
}

/** Binary operators, lowest precedence first: or, and, comparisons, + -, * /. */
export type BinaryOp = "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/";

/** A binary operation. */
export interface Binary {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** A function call; `within` scopes a cross-region function to the region's own type. */
export interface Call {
  readonly kind: "call";
  readonly callee: Ident;
  readonly args: readonly Expr[];
  readonly within: Ident | null;
  readonly span: Span;
}

/** `score(path)`: the score of a dimension or indicator, usable in vetoes and flags. */
export interface ScoreRef {
  readonly kind: "score";
  readonly path: Path;
  readonly span: Span;
}

/** `if c then a else b`. */
export interface IfExpr {
  readonly kind: "if";
  readonly cond: Expr;
  readonly then: Expr;
  readonly otherwise: Expr;
  readonly span: Span;
}

/** `x in ("a", "b")`: membership of a value in a list. */
export interface InExpr {
  readonly kind: "in";
  readonly value: Expr;
  readonly options: readonly Expr[];
  readonly span: Span;
}

/** Where recovery could not read an expression. */
export interface Missing {
  readonly kind: "missing";
  readonly span: Span;
}

/** Any expression. */
export type Expr = NumberLit | StringLit | BoolLit | NameRef | Unary | Binary | Call | ScoreRef | IfExpr | InExpr | Missing;

// ---------------------------------------------------------------- declarations

/** `scheme "title" period 2026 unit district`: the file's header. */
export interface Header {
  readonly kind: "header";
  readonly title: StringLit;
  readonly period: NumberLit | StringLit | null;
  /** The dataset column identifying a region. */
  readonly unit: Ident | null;
  readonly span: Span;
}

/** The dataset field types an input may have. */
export type InputType = "number" | "percent" | "count" | "money" | "years" | "boolean" | "category" | "ratings";

/** `input name type ...`: one dataset field. */
export interface InputDecl {
  readonly kind: "input";
  readonly name: Ident;
  readonly type: InputType;
  readonly label: StringLit | null;
  /** Unit of measure, e.g. `"亿元"`. */
  readonly unit: StringLit | null;
  readonly range: RangeClause | null;
  readonly default: Expr | null;
  /** `required` or `optional`, when written; inputs without a default are required. */
  readonly required: boolean | null;
  /** Allowed values of a category input. */
  readonly values: readonly StringLit[];
  /** Where the data comes from (e.g. a system, not self-reported). */
  readonly source: StringLit | null;
  readonly doc: string | null;
  readonly span: Span;
}

/** `range 0..100`: the valid interval of an input. */
export interface RangeClause {
  readonly kind: "range";
  readonly min: Expr;
  readonly max: Expr;
  readonly span: Span;
}

/** `let name "label" = expr`: a derived value. */
export interface LetDecl {
  readonly kind: "let";
  readonly name: Ident;
  readonly label: StringLit | null;
  readonly expr: Expr;
  readonly doc: string | null;
  readonly span: Span;
}

/** `table name "label" { "宝应": 3, ... }`: a value per region written in the scheme (目标分解表). */
export interface TableDecl {
  readonly kind: "table";
  readonly name: Ident;
  readonly label: StringLit | null;
  readonly entries: readonly TableEntry[];
  readonly default: Expr | null;
  readonly doc: string | null;
  readonly span: Span;
}

/** One region's value in a table. */
export interface TableEntry {
  readonly kind: "entry";
  readonly region: StringLit;
  readonly value: Expr;
  readonly span: Span;
}

/** `typology name "label" { type "label" when cond ... }`: classifies regions into types. */
export interface TypologyDecl {
  readonly kind: "typology";
  readonly name: Ident;
  readonly label: StringLit | null;
  readonly types: readonly TypeRule[];
  readonly doc: string | null;
  readonly span: Span;
}

/** One type of a typology; `when` is null for `otherwise`. */
export interface TypeRule {
  readonly kind: "type";
  readonly name: Ident;
  readonly label: StringLit | null;
  readonly when: Expr | null;
  readonly span: Span;
}

/** `check cond error|warning "message"`: a data-validation rule. */
export interface CheckDecl {
  readonly kind: "check";
  readonly cond: Expr;
  readonly severity: "error" | "warning";
  readonly message: StringLit;
  readonly doc: string | null;
  readonly span: Span;
}

/** `alert "label" on expr red below 80 yellow below 90`: early-warning thresholds. */
export interface AlertDecl {
  readonly kind: "alert";
  readonly label: StringLit | null;
  readonly subject: Expr;
  readonly levels: readonly AlertLevel[];
  readonly doc: string | null;
  readonly span: Span;
}

/** One colour of an alert: flagged when the subject is below/above the threshold. */
export interface AlertLevel {
  readonly kind: "alert-level";
  readonly color: "red" | "yellow";
  readonly side: "below" | "above";
  readonly threshold: Expr;
  readonly span: Span;
}

/** `flag "label" when cond`: a consequence flagged after grading (may use total, grade, score()). */
export interface FlagDecl {
  readonly kind: "flag";
  readonly label: StringLit;
  readonly when: Expr;
  readonly doc: string | null;
  readonly span: Span;
}

/** `points 30` or `weight 0.3` / `weight 30%`: a node's share of its parent. */
export interface Share {
  readonly kind: "share";
  readonly unit: "points" | "weight";
  readonly value: NumberLit;
  readonly span: Span;
}

/** How sibling weights are obtained. */
export interface WeightsClause {
  readonly kind: "weights";
  readonly method: "explicit" | "equal" | "entropy" | "ahp";
  /** Pairwise-comparison matrix rows for `ahp`, in child order. */
  readonly matrix: readonly (readonly Expr[])[];
  readonly span: Span;
}

/** How children's scores combine into the parent's. */
export interface AggregateClause {
  readonly kind: "aggregate";
  readonly method: "arithmetic" | "geometric" | "minimum";
  readonly span: Span;
}

/** What to do when an indicator's value is missing for a region. */
export interface MissingClause {
  readonly kind: "missing";
  readonly policy: "error" | "zero" | "mean" | "prev" | "drop";
  /** For `mean within T`: impute the mean of the region's type. */
  readonly within: Ident | null;
  readonly span: Span;
}

/** `total 100`: the scheme's full score before bonuses. */
export interface TotalClause {
  readonly kind: "total";
  readonly value: NumberLit;
  readonly span: Span;
}

/** Settings that may appear at the top level or in a dimension. */
export type GroupSetting = WeightsClause | AggregateClause | MissingClause;

/** A dimension (or sub-dimension) of the indicator tree. */
export interface Dimension {
  readonly kind: "dimension";
  readonly name: Ident;
  readonly label: StringLit | null;
  readonly share: Share | null;
  readonly settings: readonly GroupSetting[];
  readonly overrides: readonly ShareOverride[];
  readonly children: readonly TreeNode[];
  readonly doc: string | null;
  readonly span: Span;
}

/** `for mountain points 10` on a dimension: a different share for some types. */
export interface ShareOverride {
  readonly kind: "share-override";
  readonly types: readonly Ident[];
  readonly share: Share;
  readonly span: Span;
}

/** A leaf of the indicator tree: one scored quantity. */
export interface Indicator {
  readonly kind: "indicator";
  readonly name: Ident;
  readonly label: StringLit | null;
  readonly share: Share | null;
  /** Higher or lower is better; null when not written (higher). */
  readonly direction: "higher" | "lower" | null;
  readonly body: ScoringBody;
  /** `for T { ... }` blocks: per-type targets, thresholds, methods or shares. */
  readonly overrides: readonly TypeOverride[];
  readonly doc: string | null;
  readonly span: Span;
}

/** A node of the indicator tree. */
export type TreeNode = Dimension | Indicator;

/** The scoring clauses of an indicator (or of a per-type override, where each replaces the base). */
export interface ScoringBody {
  /** `value expr`: what is scored; defaults to the input or derived value of the same name. */
  readonly value: Expr | null;
  readonly transform: TransformClause | null;
  readonly method: Method | null;
  /** `add ...` / `deduct ...` items, applied to the method's score (or to full marks). */
  readonly adjustments: readonly Adjustment[];
  /** `zero when cond`: the item scores nothing (e.g. 两次及以上，此项不得分). */
  readonly zeroWhen: readonly ZeroWhen[];
  /** `exempt when cond`: deductions do not apply (可不扣分). */
  readonly exemptWhen: readonly ExemptWhen[];
  /** `inapplicable when cond score average`: such regions get the peers' average score. */
  readonly inapplicable: Inapplicable | null;
  /** `cap n`: the most the item can score (default its points). */
  readonly cap: Limit | null;
  /** `floor n`: the least the item can score (default 0, 扣完为止). */
  readonly floor: Limit | null;
  readonly missing: MissingClause | null;
}

/** A per-type override inside an indicator: `for core, outer { ... }`. */
export interface TypeOverride {
  readonly kind: "override";
  readonly types: readonly Ident[];
  readonly share: Share | null;
  readonly body: ScoringBody;
  readonly span: Span;
}

/** `transform log` / `transform sqrt`: applied to the value before scoring. */
export interface TransformClause {
  readonly kind: "transform";
  readonly fn: "log" | "sqrt";
  readonly span: Span;
}

/** `cap n` or `floor n`. */
export interface Limit {
  readonly kind: "cap" | "floor";
  readonly value: Expr;
  readonly span: Span;
}

/** `zero when cond`. */
export interface ZeroWhen {
  readonly kind: "zero-when";
  readonly cond: Expr;
  readonly span: Span;
}

/** `exempt when cond`. */
export interface ExemptWhen {
  readonly kind: "exempt-when";
  readonly cond: Expr;
  readonly span: Span;
}

/** `inapplicable when cond [score average [within T]]`. */
export interface Inapplicable {
  readonly kind: "inapplicable";
  readonly cond: Expr;
  readonly within: Ident | null;
  readonly span: Span;
}

// ---------------------------------------------------------------- scoring methods

/** Every scoring method an indicator may use. */
export type Method =
  | MinMax
  | ZScore
  | Goalposts
  | TargetMet
  | Proportional
  | Bands
  | RatioToBest
  | RankPoints
  | Efficacy
  | Panel
  | Ballots
  | Fuzzy
  | CustomScore;

/** `minmax [within T]`: (x − min) / (max − min) of the points. */
export interface MinMax {
  readonly kind: "minmax";
  readonly within: Ident | null;
  readonly span: Span;
}

/** `zscore [within T]`: Φ(z) of the points, z standardised over regions. */
export interface ZScore {
  readonly kind: "zscore";
  readonly within: Ident | null;
  readonly span: Span;
}

/** `goalposts floor F target T`: linear from F (nothing) to T (full), clamped. */
export interface Goalposts {
  readonly kind: "goalposts";
  readonly floor: Expr;
  readonly target: Expr;
  readonly span: Span;
}

/** `target T [else proportional]`: full marks when met (达标得满分), else zero or x/T. */
export interface TargetMet {
  readonly kind: "target";
  readonly target: Expr;
  readonly otherwise: "zero" | "proportional";
  readonly span: Span;
}

/** `proportional [to T]`: x / T of the points (完成率×分值), T defaults to 100. */
export interface Proportional {
  readonly kind: "proportional";
  readonly to: Expr | null;
  readonly span: Span;
}

/** `bands { >= 95: 10, >= 90: 8, else 0 }`: points by threshold (分档赋分), first match wins. */
export interface Bands {
  readonly kind: "bands";
  readonly bands: readonly Band[];
  readonly otherwise: Expr | null;
  readonly span: Span;
}

/** One band: when value `op` threshold, score `points`. */
export interface Band {
  readonly kind: "band";
  readonly op: ">=" | ">" | "<=" | "<";
  readonly threshold: Expr;
  readonly points: Expr;
  readonly span: Span;
}

/** `ratio to best [within T]`: x / best (lower is better: best / x) of the points. */
export interface RatioToBest {
  readonly kind: "ratio-to-best";
  readonly within: Ident | null;
  readonly span: Span;
}

/** `rank points [within T] 60, 57, 54 [then step -3] [else 0]`: points by rank (按排名赋分). */
export interface RankPoints {
  readonly kind: "rank-points";
  readonly within: Ident | null;
  readonly points: readonly Expr[];
  /** Points change per further rank after the list (e.g. -0.1 per place). */
  readonly step: Expr | null;
  readonly otherwise: Expr | null;
  readonly span: Span;
}

/** `efficacy satisfactory H disallowed S`: 60 + 40·(x − S)/(H − S) on a 100 scale (功效系数). */
export interface Efficacy {
  readonly kind: "efficacy";
  readonly satisfactory: Expr;
  readonly disallowed: Expr;
  readonly span: Span;
}

/** `panel [trim n] [above m raters] [scale s]`: expert ratings by (trimmed) mean. */
export interface Panel {
  readonly kind: "panel";
  /** Ratings dropped at each end (去掉最高分和最低分). */
  readonly trim: NumberLit | null;
  /** Trim only when there are more raters than this. */
  readonly above: NumberLit | null;
  readonly scale: Expr | null;
  readonly span: Span;
}

/** `ballots { heavy: 100, many: 80 } [scale s]`: ballot counts per category to points. */
export interface Ballots {
  readonly kind: "ballots";
  readonly categories: readonly Category[];
  readonly scale: Expr | null;
  readonly span: Span;
}

/** `fuzzy { good: 95, fair: 75 } [scale s]`: memberships per grade, weighted average (模糊综合评价). */
export interface Fuzzy {
  readonly kind: "fuzzy";
  readonly categories: readonly Category[];
  readonly scale: Expr | null;
  readonly span: Span;
}

/** A ballot or fuzzy category: the input field holding its count/membership and its value. */
export interface Category {
  readonly kind: "category";
  readonly field: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** `score expr`: a custom formula giving points; `x` is the indicator's value. */
export interface CustomScore {
  readonly kind: "custom";
  readonly expr: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------- rules

/** `add ...` or `deduct ...` inside an indicator. */
export interface Adjustment {
  readonly kind: "adjustment";
  readonly sign: "add" | "deduct";
  readonly item: RuleItem;
  readonly span: Span;
}

/** What an amount is paid per: a gap to a reference, a count, or a condition. */
export type Basis =
  | { readonly kind: "gap"; readonly step: NumberLit; readonly side: "below" | "above"; readonly reference: Expr; readonly span: Span }
  | { readonly kind: "count"; readonly count: Expr; readonly span: Span }
  | { readonly kind: "when"; readonly cond: Expr; readonly span: Span }
  | { readonly kind: "highest"; readonly tiers: readonly Tier[]; readonly span: Span };

/** One tier of a `highest { ... }` item: the amount paid when its condition holds. */
export interface Tier {
  readonly kind: "tier";
  readonly amount: Expr;
  readonly cond: Expr;
  readonly span: Span;
}

/** One bonus or deduction item: `[label] amount per basis [max m] [times k] [unless c]`. */
export interface RuleItem {
  readonly kind: "item";
  readonly label: StringLit | null;
  /** Null for `highest { ... }`, whose tiers carry their amounts. */
  readonly amount: Expr | null;
  readonly basis: Basis;
  readonly max: Expr | null;
  /** A multiplier (加倍扣分 is `times 2`). */
  readonly times: Expr | null;
  readonly unless: Expr | null;
  readonly span: Span;
}

/** `bonus "label" [max m] { items }` or `deduction "label" [max m] { items }` on the total. */
export interface RuleBlock {
  readonly kind: "bonus" | "deduction";
  readonly label: StringLit;
  readonly max: Expr | null;
  readonly items: readonly RuleItem[];
  readonly doc: string | null;
  readonly span: Span;
}

/** `veto [top] "label" when cond [grade "g"]`: forces a grade (一票否决) or bars the top one (一票否优). */
export interface VetoDecl {
  readonly kind: "veto";
  readonly scope: "all" | "top";
  readonly label: StringLit;
  readonly when: Expr;
  readonly grade: StringLit | null;
  readonly doc: string | null;
  readonly span: Span;
}

/** `grades [within T] [refill] { "优秀" >= 90 quota at most 20%, ..., "不合格" }`. */
export interface GradesDecl {
  readonly kind: "grades";
  readonly within: Ident | null;
  /** 缺额依次递补: a vetoed region's quota place goes to the next in rank. */
  readonly refill: boolean;
  readonly levels: readonly GradeLevel[];
  readonly doc: string | null;
  readonly span: Span;
}

/** One grade: its label, its threshold (null for the last, catch-all grade) and quotas. */
export interface GradeLevel {
  readonly kind: "grade";
  readonly label: StringLit;
  readonly op: ">=" | ">" | null;
  readonly threshold: Expr | null;
  readonly quotas: readonly Quota[];
  readonly span: Span;
}

/** `quota at most 20%` / `quota at least 2`: a bound on how many regions get a grade. */
export interface Quota {
  readonly kind: "quota";
  readonly bound: "at-most" | "at-least";
  readonly value: NumberLit;
  readonly span: Span;
}

/** `rank overall, within area`: which rankings to produce. */
export interface RankDecl {
  readonly kind: "rank";
  /** `overall` is written as null. */
  readonly scopes: readonly (Ident | null)[];
  readonly doc: string | null;
  readonly span: Span;
}

/** Anything at the top level of a scheme. */
export type Decl =
  | InputDecl
  | LetDecl
  | TableDecl
  | TypologyDecl
  | CheckDecl
  | AlertDecl
  | FlagDecl
  | TreeNode
  | RuleBlock
  | VetoDecl
  | GradesDecl
  | RankDecl
  | TotalClause
  | GroupSetting;

/** A comment as written (`//`, `/* *\/` or `///`), kept for the formatter. */
export interface Comment {
  readonly kind: "comment";
  readonly text: string;
  readonly span: Span;
}

/** A whole scheme file. */
export interface Scheme {
  readonly kind: "scheme";
  readonly header: Header | null;
  readonly decls: readonly Decl[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}
