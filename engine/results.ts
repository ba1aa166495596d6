/**
 * The results of an evaluation, column-first: every node's column is kept (a deferred score is
 * computed on its first read, then kept), so explain, what-if and impact diffs read from here
 * instead of re-running the scheme. Per-region objects are built on
 * request (`region(id)`), never in the hot path. No column here holds NaN or Infinity: missing
 * values are 0 with a separate mask.
 */
import type { BlockDetail, GradesDetail, TotalDetail } from "./exec-rules.js";
import type { TreeDetail } from "./exec-tree.js";
import type { RatingsColumn } from "./runtime.js";
import { ENGINE_VERSION, type Program } from "./program.js";
import type { EvalIssue } from "./issues.js";
import { bytes, sanitized } from "./ops/column.js";
import { GRADE_REASONS } from "./ops/grade.js";
import { receipt } from "./receipt.js";
import { regionJsonWriter, regionResult, type JsonSink, type RegionResult } from "./results-region.js";
import { treeColumns, type NodeColumns } from "./results-tree.js";
import type { Runtime } from "./runtime.js";

/** A typology's classification. */
export interface TypologyResult {
  readonly name: string;
  readonly label: string;
  readonly types: readonly { readonly name: string; readonly label: string }[];
  /** Type index per region; −1 where no rule matched. */
  readonly type: Int32Array;
}

/** A bonus or deduction block's amounts. */
export interface BlockResult {
  readonly kind: "bonus" | "deduction";
  readonly label: string;
  readonly items: readonly { readonly label: string; readonly amount: Float64Array }[];
  /** The block's total per region, after its `max`. */
  readonly total: Float64Array;
}

/** A rule that fires per region (veto, flag) or a check's failures. */
export interface FiredResult {
  readonly label: string;
  readonly fired: Uint8Array;
}

/** A derived or input value's column. */
export interface ValueResult {
  readonly kind: "input" | "let" | "table";
  /** 0 where missing. */
  readonly column: Float64Array;
  readonly missing: Uint8Array;
  /** For category inputs: the value's text per region (null where missing). */
  readonly text: readonly (string | null)[] | null;
}

/** A veto's firing, with its scope and forced grade. */
export type VetoResult = FiredResult & { readonly scope: "all" | "top"; readonly grade: string | null };

/** Grade labels, each region's level index and the reason. */
export interface GradeResult {
  readonly labels: readonly string[];
  readonly level: Int32Array;
  /** Why, per region (index into `GRADE_REASONS`; see `gradeReason`). */
  readonly reason: Uint8Array;
}

/**
 * Everything an evaluation produced. The columns the run computed are read from it; the
 * derived views (sanitised copies, per-region objects, contribution columns, the receipt) are
 * built on first use, so an evaluation that only needs totals pays for nothing else.
 */
export class Results {
  readonly schemeHash: string;
  readonly engineVersion = ENGINE_VERSION;
  readonly regions: readonly string[];
  /** Warnings of the run (errors stop it, so none are here). */
  readonly issues: readonly EvalIssue[];
  private readonly memo = new Map<string, unknown>();
  private totalColumn: Float64Array | undefined = undefined;

  /** Builds the results of a finished run. */
  constructor(readonly program: Program, private readonly rt: Runtime) {
    this.schemeHash = program.schemeHash;
    this.regions = rt.data.regions;
    this.issues = rt.issues;
  }

  /** The run's columns and details, for re-runs that reuse them (what-if, sensitivity); not for shells. */
  get runtime(): Runtime {
    return this.rt;
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  private get totals(): TotalDetail {
    return this.rt.details[this.program.graph.total] as TotalDetail;
  }

  /** Final score: tree + bonuses − deductions. */
  get total(): Float64Array {
    // A field of its own, not `once`: analyses read it in their inner loops, and `once`'s argument is a closure made per read.
    return (this.totalColumn ??= sanitized(this.rt.slot(this.program.graph.total)));
  }

  /** The indicator tree's score. */
  get treeScore(): Float64Array {
    return this.once("tree-score", () => sanitized(this.totals.tree));
  }

  /** Sum of the bonus blocks. */
  get bonus(): Float64Array {
    return this.once("bonus", () => sanitized(this.totals.bonus));
  }

  /** Sum of the deduction blocks. */
  get deduction(): Float64Array {
    return this.once("deduction", () => sanitized(this.totals.deduction));
  }

  /** Each typology's classification. */
  get typologies(): readonly TypologyResult[] {
    return this.once("typologies", () => this.program.graph.typologies.map((n) => ({
      name: n.decl.name.name, label: n.decl.label?.value ?? n.decl.name.name,
      types: n.rules.map((r) => ({ name: r.name, label: r.label })),
      type: typeIndex(this.rt.groupings[n.typology]!.ids, n.rules.length),
    })));
  }

  /** Grades, or null when the scheme has none. */
  get grades(): GradeResult | null {
    return this.once("grades", () => {
      const g = this.program.graph;
      const node = g.grades === null ? null : g.nodes[g.grades]!;
      if (!node || node.kind !== "grades") return null;
      const d = this.rt.details[node.id] as GradesDetail;
      return { labels: node.levels.map((l) => l.label), level: d.level, reason: d.reason };
    });
  }

  /** Why region i got its grade. */
  gradeReason(i: number): (typeof GRADE_REASONS)[number] | null {
    const g = this.grades;
    return g ? GRADE_REASONS[g.reason[i]!]! : null;
  }

  /** Competition ranks of the total, overall (`within` null) or within a typology. */
  get ranks(): readonly { readonly within: string | null; readonly rank: Int32Array }[] {
    return this.once("ranks", () => this.program.graph.ranks.map((id) => {
      const g = this.program.graph;
      const node = g.nodes[id]!;
      const within = node.kind === "rank" && node.within >= 0 ? g.typologies[node.within]!.decl.name.name : null;
      return { within, rank: Int32Array.from(this.rt.slot(id)) };
    }));
  }

  /** Bonus and deduction blocks with their items' amounts. */
  get blocks(): readonly BlockResult[] {
    return this.once("blocks", () => this.program.graph.nodes.flatMap((n) => {
      if (n.kind !== "block") return [];
      const d = this.rt.details[n.id] as BlockDetail;
      const items = n.items.map((it, k) => ({ label: it.label ?? `#${k + 1}`, amount: sanitized(d.items[k]!) }));
      return [{ kind: n.decl.kind, label: n.decl.label.value, items, total: sanitized(d.total) }];
    }));
  }

  /** Where each veto fired. */
  get vetoes(): readonly VetoResult[] {
    return this.once("vetoes", () => this.fired("veto").map(({ label, fired, node }) => ({ label, fired, scope: node.decl.scope, grade: node.decl.grade?.value ?? null })));
  }

  /** Where each check failed. */
  get checks(): readonly (FiredResult & { readonly severity: "error" | "warning" })[] {
    return this.once("checks", () => this.fired("check").map(({ label, fired, node }) => ({ label, fired, severity: node.decl.severity })));
  }

  /** Alert colour per region: 0 none (subject missing), 1 green, 2 yellow, 3 red. */
  get alerts(): readonly { readonly label: string; readonly color: Uint8Array }[] {
    return this.once("alerts", () => this.fired("alert").map(({ label, node }) => ({ label, color: Uint8Array.from(this.rt.slot(node.id)) })));
  }

  /** Where each flag was raised. */
  get flags(): readonly FiredResult[] {
    return this.once("flags", () => this.fired("flag").map(({ label, fired }) => ({ label, fired })));
  }

  private fired<K extends "veto" | "check" | "alert" | "flag">(kind: K) {
    return this.program.graph.nodes.flatMap((n) => {
      if (n.kind !== kind) return [];
      const node = n as Extract<typeof n, { kind: K }>;
      const label = n.kind === "check" ? n.decl.message.value : n.kind === "alert" ? n.decl.label?.value ?? "alert" : (n as { decl: { label: { value: string } } }).decl.label.value;
      return [{ label, fired: bytes(this.rt.slot(n.id)), node }];
    });
  }

  /** Every tree node's columns by path ("" is the root), in tree order. */
  get tree(): ReadonlyMap<string, NodeColumns> {
    return this.once("tree", () => treeColumns(this.program.graph, this.rt.details, this.rt.n));
  }

  /** Every input, derived value and table column by name. */
  get values(): ReadonlyMap<string, ValueResult> {
    return this.once("values", () => {
      const out = new Map<string, ValueResult>();
      for (const n of this.program.graph.nodes) {
        if (n.kind !== "input" && n.kind !== "let" && n.kind !== "table") continue;
        const col = this.rt.slot(n.id);
        const isCategory = n.kind === "input" && n.valueType === "category";
        const text = isCategory ? Array.from(col, (c) => (c === c ? this.rt.strings.strings[c]! : null)) : null;
        out.set(n.decl.name.name, { kind: n.kind, column: sanitized(col), missing: Uint8Array.from(col, (v) => (v === v ? 0 : 1)), text });
      }
      return out;
    });
  }

  /** A tree node's internal columns (method parameters, adjustments, variants), for explanations. */
  nodeDetail(path: string): TreeDetail | null {
    const id = this.program.graph.tree.get(path);
    return id === undefined ? null : (this.rt.details[id] as TreeDetail);
  }

  /** Ratings of a ratings input per region, as read. */
  ratings(input: string): RatingsColumn | null {
    const node = this.program.graph.inputs.find((i) => i.decl.name.name === input);
    return node ? this.rt.ratings[node.input] ?? null : null;
  }

  /** The receipt: sha256 of (scheme source, dataset, engine version, options), computed once on request. */
  get receipt(): string {
    return this.once("receipt", () => receipt(this.program.scheme.source.text, this.rt.data, this.engineVersion, this.rt.prevData));
  }

  /** Index of a region id, or −1. */
  indexOf(region: string): number {
    return this.once("region-index", () => new Map(this.regions.map((r, i) => [r, i]))).get(region) ?? -1;
  }

  /** The details of one region (by id or index), or null when there is no such region. */
  region(which: string | number): RegionResult | null {
    const i = typeof which === "number" ? which : this.indexOf(which);
    if (i < 0 || i >= this.regions.length) return null;
    return regionResult(this, i);
  }

  /** The results as plain JSON: header, warnings and one object per region. */
  toJSON(): object {
    return {
      schemeHash: this.schemeHash, engineVersion: this.engineVersion, receipt: this.receipt,
      issues: this.issues, regions: this.regions.map((_, i) => regionResult(this, i)),
    };
  }

  /** `JSON.stringify(this.toJSON())`, written without building the per-region objects. */
  toJSONText(): string {
    const parts = ["{"];
    this.writeJSONMembers({ text: (t) => parts.push(t), constant: (t) => parts.push(t) });
    parts.push("}");
    return parts.join("");
  }

  /**
   * Writes the members of `toJSONText()`'s object (the text between its braces) to a sink, so a
   * large answer can be encoded as it is written, inside an object with other members.
   */
  writeJSONMembers(sink: JsonSink): void {
    const head = JSON.stringify({ schemeHash: this.schemeHash, engineVersion: this.engineVersion, receipt: this.receipt, issues: this.issues });
    sink.text(`${head.slice(1, -1)},"regions":[`);
    const region = regionJsonWriter(this, sink);
    for (let i = 0; i < this.regions.length; i++) {
      if (i > 0) sink.text(",");
      region(i);
    }
    sink.text("]");
  }
}

/** Type index per region, −1 for the unclassified group. */
function typeIndex(ids: Int32Array, types: number): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = ids[i]! >= types ? -1 : ids[i]!;
  return out;
}
