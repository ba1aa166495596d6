/**
 * Re-evaluation with some input values of one region changed: the base run's columns are
 * shared, the changed fields get new columns, and only the graph nodes downstream of those
 * inputs run again (the rest of the run is the base's). One probe serves many evaluations of
 * the same set of fields.
 */
import { runNode } from "../evaluate.js";
import type { GradesDetail } from "../exec-rules.js";
import type { Results } from "../results.js";
import { Runtime, type ColumnarData } from "../runtime.js";
import { downstream } from "../whatif/rerun.js";

/** What a re-evaluation tells about one region. */
export interface Outcome {
  readonly total: number;
  /** Grade level (−1 without grades). */
  readonly level: number;
  /** Rank in each ranking, in the scheme's order. */
  readonly ranks: readonly number[];
  /** False when a `check … error` fails for the region (a value the data rules forbid). */
  readonly valid: boolean;
  /** The run, for reading other columns (indicator scores). */
  readonly rt: Runtime;
}

/** Evaluates a region with changed values of a fixed set of input fields. */
export class Probe {
  private readonly dirty: number[];
  private readonly ids: readonly number[];

  constructor(private readonly base: Results, private readonly fields: readonly string[]) {
    const graph = base.program.graph;
    this.ids = fields.map((f) => graph.inputs.find((i) => i.decl.name.name === f)!.id);
    const mark = downstream(graph, this.ids);
    this.dirty = graph.order.filter((id) => mark[id]);
  }

  /** The current values of the fields for region r (NaN where missing). */
  current(r: number): number[] {
    return this.ids.map((id) => this.base.runtime.slot(id)[r]!);
  }

  /**
   * Region r's outcome with the fields set to `values` (same order as the fields), on top of the
   * base run or of `from` (an earlier outcome's run: its other changes are kept).
   */
  run(r: number, values: readonly number[], from: Runtime = this.base.runtime): Outcome {
    const columns = new Map(from.data.columns);
    const missing = new Map(from.data.missing);
    this.fields.forEach((f, k) => {
      const col = Float64Array.from(columns.get(f) ?? from.slot(this.ids[k]!));
      col[r] = values[k]!;
      columns.set(f, col);
      const m = missing.get(f);
      if (m && m[r]) { const copy = m.slice(); copy[r] = 0; missing.set(f, copy); }
    });
    const data: ColumnarData = { ...from.data, columns, missing };
    const graph = { ...this.base.program.graph, strings: from.strings.strings.slice() };
    const rt = new Runtime(graph, data, from.prevData).adopt(from);
    for (const id of this.dirty) runNode(graph.nodes[id]!, rt);
    const g = graph.grades;
    const valid = this.dirty.every((id) => {
      const n = graph.nodes[id]!;
      return n.kind !== "check" || n.decl.severity !== "error" || rt.slot(id)[r] !== 1;
    });
    return {
      valid,
      total: rt.slot(graph.total)[r]!,
      level: g === null ? -1 : (rt.details[g] as GradesDetail).level[r]!,
      ranks: graph.ranks.map((id) => rt.slot(id)[r]!),
      rt,
    };
  }
}
