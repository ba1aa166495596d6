/**
 * Building a dataset from rows as a reader delivers them: the header checked once, then per row
 * the region id and every declared cell read straight into the columns, each value checked
 * against the schema's rules (`checks.ts`). A row whose cells all pass needs nothing more. A row
 * with a cell that fails is read again cell by cell and validated with ajv against the JSON
 * Schema, so its issues are exactly those the schema implies, worded and ordered as before.
 */
import { isProblem, quickCell, readCell, readId, type RawCell } from "./cells.js";
import { fieldRule, type FieldRule } from "./checks.js";
import { ColumnBuilder } from "./columns.js";
import { dataIssue, hasDataErrors, type DataFormat, type DataIssue, type Dataset, type IssuePlace } from "./dataset.js";
import type { DatasetShape } from "./fields.js";
import { readHeader, type Layout } from "./header.js";
import { replayTable, type RawTable, type TableSink } from "./table.js";
import { rowValidator, type RowValidator } from "./validate.js";

/** What the header fixes for every row. */
interface Plan {
  readonly layout: Layout;
  /** The number of header cells, and the id column's header. */
  readonly width: number;
  readonly idField: string;
  readonly rules: readonly FieldRule[];
  /** Declared inputs without a column: never reported as missing per row. */
  readonly absent: ReadonlySet<string>;
  readonly columns: ColumnBuilder;
  readonly validate: RowValidator;
  /** False when an input shares the id column's name: every row then goes to ajv. */
  readonly quick: boolean;
}

/** The dataset built from the header and rows delivered to it, and the issues found. */
export interface Built {
  readonly dataset: Dataset | null;
  readonly issues: DataIssue[];
}

function hasExtraCells(cells: readonly RawCell[], width: number): boolean {
  for (let c = width; c < cells.length; c++) {
    const v = cells[c];
    if (v !== null && v !== undefined && String(v).trim() !== "") return true;
  }
  return false;
}

/** A `TableSink` that checks the header and rows and fills the engine's columns. */
export class DatasetBuilder implements TableSink {
  private readonly issues: DataIssue[] = [];
  private readonly seen = new Map<string, number>();
  private plan: Plan | null = null;
  private headed = false;
  private headerRow: number | null = null;
  private count = 0;

  constructor(private readonly shape: DatasetShape, private readonly file: string) {}

  header(headers: readonly string[], headerRow: number | null, rowBound = 1024): void {
    if (headers.length === 0) return;
    this.headed = true;
    this.headerRow = headerRow;
    const { layout, issues } = readHeader(this.shape, headers, headerRow, this.file);
    this.issues.push(...issues);
    if (!layout) return;
    const specs = layout.fields.map((l) => l.spec);
    const idNames = new Set([this.shape.idColumn, ...this.shape.idAliases]);
    this.plan = {
      layout, width: headers.length, idField: headers[layout.id]!,
      rules: specs.map(fieldRule),
      absent: new Set(this.shape.fields.filter((f) => !specs.includes(f)).map((f) => f.name)),
      columns: new ColumnBuilder(specs, rowBound),
      validate: rowValidator(this.shape),
      quick: !this.shape.fields.some((f) => idNames.has(f.name)),
    };
  }

  row(row: number, cells: readonly RawCell[]): void {
    const p = this.plan;
    if (!p) return;
    this.count++;
    const file = this.file;
    if (cells.length > p.width && hasExtraCells(cells, p.width)) {
      this.issues.push(dataIssue("row-length", "error", `the row has ${cells.length} cells but the header has ${p.width}`, { file, row }, "a number with a thousands separator (`1,234`) must be quoted in CSV"));
    }
    const id = readId(cells[p.layout.id]);
    const at = { file, row, region: id };
    const before = id === null ? undefined : this.seen.get(id);
    if (id === null) this.issues.push(dataIssue("missing-region", "error", "the row has no region id", { ...at, field: p.idField }));
    else if (before !== undefined) this.issues.push(dataIssue("duplicate-region", "error", `the region \`${id}\` is also on row ${before}`, { ...at, field: p.idField }));
    else this.seen.set(id, row);
    const i = p.columns.add(row, id ?? "");
    if (!(p.quick && id !== null && this.quickRow(p, i, cells))) this.carefulRow(p, i, cells, at, id);
  }

  /** Reads a row's cells into the columns; false (stopping at once) when a cell fails its rule. */
  private quickRow(p: Plan, i: number, cells: readonly RawCell[]): boolean {
    const { fields } = p.layout;
    for (let k = 0; k < fields.length; k++) {
      const { spec, col } = fields[k]!;
      const v = quickCell(cells[col], spec);
      if (isProblem(v) || !p.rules[k]!(v)) return false;
      if (typeof v === "number") p.columns.setNumber(k, i, v);
      else p.columns.set(k, i, v);
    }
    return true;
  }

  /** Reads a row cell by cell, reporting each bad cell, and validates it with ajv. */
  private carefulRow(p: Plan, i: number, cells: readonly RawCell[], at: IssuePlace, id: string | null): void {
    const canonical: Record<string, unknown> = { [this.shape.idColumn]: id ?? "" };
    const skip = new Set(p.absent);
    p.layout.fields.forEach(({ spec, col }, k) => {
      const v = readCell(cells[col], spec);
      if (isProblem(v)) {
        this.issues.push(dataIssue(v.code, "error", v.message, { ...at, field: spec.name }, v.help));
        skip.add(spec.name);
        p.columns.set(k, i, null);
      } else {
        p.columns.set(k, i, v);
        if (v !== null) canonical[spec.name] = v;
      }
    });
    this.issues.push(...p.validate(canonical, at, skip));
  }

  /** The dataset (null when any issue here is an error) and the issues, once every row is in. */
  finish(format: DataFormat): Built {
    const { file, issues } = this;
    if (!this.headed) return { dataset: null, issues: [dataIssue("empty-dataset", "error", "the file is empty", { file })] };
    if (!this.plan) return { dataset: null, issues };
    if (this.count === 0) {
      issues.push(dataIssue("empty-dataset", "error", "the dataset has no rows of data", { file, row: this.headerRow }));
      return { dataset: null, issues };
    }
    return { dataset: hasDataErrors(issues) ? null : this.plan.columns.finish(file, format), issues };
  }
}

/** Builds the dataset from a raw table already in memory: header checks, cells, row validation, columns. */
export function buildDataset(shape: DatasetShape, t: RawTable, file: string, format: DataFormat): Built {
  const builder = new DatasetBuilder(shape, file);
  replayTable(t, builder);
  return builder.finish(format);
}
