/**
 * What evaluate, explain, what-if and the impact diff share: which program (a stored version or
 * a posted source), which dataset (body, rows in the JSON, or a stored one) and previous
 * period, running the engine, turning evaluation errors into a 422, and the audit entry.
 */
import type { Request } from "express";
import type { DataIssue } from "../../engine/data/index.js";
import { evaluate, receiptDocument, type DatasetRef, type EvalIssue, type Program, type ReceiptDocument, type Results } from "../../engine/index.js";
import { programOf } from "../compile.js";
import { loadData, type DataRef, type LoadedData } from "../dataset.js";
import { problem } from "../problem.js";
import type { JsonSchema, RouteContext } from "../route.js";
import { loadProgram } from "./common.js";

/** A stored dataset reference in a query or body: `NAME/PERIOD`. */
export const STORED_REF: JsonSchema = { type: "string", pattern: "^[^/]+/[^/]+$", description: "a stored dataset as `NAME/PERIOD`" };

/** Query of the version routes that take a dataset: a stored one instead of a body, and last period's. */
export const DATA_QUERY: JsonSchema = {
  type: "object", additionalProperties: false,
  properties: { dataset: STORED_REF, prev: { ...STORED_REF, description: "last period's stored dataset as `NAME/PERIOD`, for `prev(x)`" } },
};

/** Rows of a JSON dataset: an array of row objects, or `{ "rows": [...] }`. */
export const ROWS: JsonSchema = {
  oneOf: [
    { type: "array", items: { type: "object" } },
    { type: "object", required: ["rows"], properties: { rows: { type: "array", items: { type: "object" } } } },
  ],
  description: "rows, one object per region (the region id in the scheme's `unit` column or `id`)",
};

/** The properties a posted-source request has: the source, a dataset (rows or stored) and last period's. */
export const SOURCE_RUN_PROPERTIES: Record<string, JsonSchema> = {
  source: { type: "string", maxLength: 2_000_000 },
  dataset: ROWS,
  stored: STORED_REF,
  prev: ROWS,
  prevStored: STORED_REF,
};

/** Which scheme ran: a stored version (name and hash) or a posted source. */
export interface Subject {
  readonly program: Program;
  readonly scheme: string | null;
  readonly version: string | null;
}

/** The stored version named in the path. */
export async function versionSubject(ctx: RouteContext, req: Request): Promise<Subject> {
  const { version, program } = await loadProgram(ctx, req);
  return { program, scheme: version.scheme, version: version.hash };
}

/** The posted `source`. */
export function sourceSubject(source: string): Subject {
  return { program: programOf(source), scheme: null, version: null };
}

function storedRef(text: string): DataRef {
  const [name, period] = text.split("/") as [string, string];
  return { kind: "stored", name, period };
}

/** Dataset and previous dataset for a version route: the body, or `?dataset=`; `?prev=`. */
export function versionData(ctx: RouteContext): { data: DataRef; prev: DataRef | null } {
  const q = ctx.query as { dataset?: string; prev?: string };
  if (q.dataset !== undefined && ctx.body.kind !== "none") {
    throw problem(400, "invalid-request", "two datasets", "send the dataset as the body or name a stored one with `?dataset=`, not both", { errors: [{ pointer: "/query/dataset", message: "/query/dataset is given and so is a body" }] });
  }
  const data: DataRef = q.dataset !== undefined ? storedRef(q.dataset) : { kind: "body", body: ctx.body };
  return { data, prev: q.prev !== undefined ? storedRef(q.prev) : null };
}

/** The fields of a request body that name its dataset and last period's: posted rows or a stored `NAME/PERIOD`. */
export interface DataFields {
  readonly dataset?: unknown;
  readonly stored?: string;
  readonly prev?: unknown;
  readonly prevStored?: string;
}

/** Dataset and previous dataset from a posted-source JSON body. */
export function bodyData(value: DataFields): { data: DataRef; prev: DataRef | null } {
  if ((value.dataset === undefined) === (value.stored === undefined)) {
    throw problem(400, "invalid-request", "one dataset needed", "give either `dataset` (rows) or `stored` (`NAME/PERIOD`)", { errors: [{ pointer: "/dataset", message: "/dataset or /stored is needed, not both" }] });
  }
  const data: DataRef = value.dataset !== undefined ? { kind: "rows", rows: value.dataset, pointer: "/dataset" } : storedRef(value.stored!);
  const prev: DataRef | null = value.prev !== undefined ? { kind: "rows", rows: value.prev, pointer: "/prev" } : value.prevStored !== undefined ? storedRef(value.prevStored) : null;
  return { data, prev };
}

/** An evaluation issue as a problem location. */
export function issueJson(i: EvalIssue): Record<string, unknown> {
  return {
    code: i.code, severity: i.severity, message: i.message, regions: i.regions, path: i.path,
    ...(i.span ? { line: i.span.line, col: i.span.col, endLine: i.span.endLine, endCol: i.span.endCol } : {}),
  };
}

/** A finished evaluation. */
export interface Run {
  readonly results: Results;
  readonly data: LoadedData;
  readonly prev: LoadedData | null;
  readonly warnings: readonly DataIssue[];
}

/** Loads the data, evaluates, records the audit entry; 422 when the run stops on an error. */
export async function runEvaluation(ctx: RouteContext, subject: Subject, data: DataRef, prev: DataRef | null, action: string): Promise<Run> {
  const checked = subject.program.scheme;
  const loaded = await loadData(ctx.services.store, checked, data);
  const prevLoaded = prev ? await loadData(ctx.services.store, checked, prev, true) : null;
  const { results, issues } = evaluate(subject.program, loaded.dataset, prevLoaded ? { prev: prevLoaded.dataset } : {});
  await ctx.services.store.appendAudit({
    actor: ctx.caller.name, action, target: subject.scheme ?? "(posted source)", versionHash: subject.version,
    detail: {
      token: ctx.caller.id, dataset: loaded.about, ...(prevLoaded ? { prev: prevLoaded.about } : {}),
      ...(subject.version === null ? { sourceHash: subject.program.schemeHash } : {}),
      outcome: results ? "ok" : "failed", ...(results ? { receipt: results.receipt } : {}),
    },
  });
  if (!results) {
    const errors = issues.filter((i) => i.severity === "error").map(issueJson);
    throw problem(422, "evaluation-failed", "the evaluation stopped on errors", `${errors.length} error${errors.length === 1 ? "" : "s"}; first: ${String(errors[0]?.["message"] ?? "")}`, { errors });
  }
  return { results, data: loaded, prev: prevLoaded, warnings: [...loaded.warnings, ...(prevLoaded?.warnings ?? [])] };
}

/** A stored dataset as a receipt names it, or null for posted data (which a receipt cannot point to). */
function receiptRef(d: LoadedData): DatasetRef | null {
  const stored = d.about["stored"];
  if (typeof stored !== "string" || typeof d.about["sha256"] !== "string") return null;
  const cut = stored.lastIndexOf("/");
  return { name: stored.slice(0, cut), period: stored.slice(cut + 1), sha256: d.about["sha256"] };
}

/** The receipt document of a stored version run on stored datasets (for `yardstick verify`), else null. */
export function runReceipt(subject: Subject, run: Run): ReceiptDocument | null {
  const dataset = receiptRef(run.data);
  const prev = run.prev ? receiptRef(run.prev) : null;
  if (!subject.scheme || !subject.version || !dataset || (run.prev && !prev)) return null;
  return receiptDocument(run.results, { scheme: { scheme: subject.scheme, version: subject.version }, dataset, prev });
}

/** The header every evaluation answer starts with. */
export function runHeader(subject: Subject, run: Run): Record<string, unknown> {
  return { scheme: subject.scheme, version: subject.version, dataset: run.data.about, datasetWarnings: run.warnings };
}
