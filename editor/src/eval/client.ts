/**
 * The page's side of the evaluation worker: fetches a stored dataset's bytes (and last
 * period's) through the API, hands them to the worker with the scheme text, and asks for
 * what-ifs and workbooks. One base run at a time: a new `prepare` replaces the old one. A worker
 * that cannot start or dies makes every request reject, so the caller falls back to the server.
 */
import { datasetBytes, type DatasetRef } from "../api/analysis.js";
import EvalWorker from "../worker/eval.worker.ts?worker";
import type { BaseRun, EvalReply, EvalRequest, WhatIfOutcome } from "./protocol.js";

/** A request before the client numbers it. */
type Outgoing = EvalRequest extends infer R ? (R extends { readonly id: number } ? Omit<R, "id"> : never) : never;

/** A what-if the worker refused for the user's reasons (bad overrides, a run that stops): not a reason to fall back. */
export class WhatIfRejected extends Error {}

/** Evaluations in a worker, for one scheme text and dataset at a time. */
export class EvalClient {
  private worker: Worker | null = null;
  private broken: string | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: EvalReply) => void; reject: (e: Error) => void }>();
  private key: string | null = null;
  private base: Promise<BaseRun> | null = null;

  /**
   * The base run of `source` on `data`, which the server ran with receipt `receipt`; prepared
   * once per receipt. Rejects when the worker's run has another receipt (the data changed since,
   * or the browser computed differently): what the page shows must be what the server computes.
   */
  prepare(source: string, data: DatasetRef, receipt: string): Promise<BaseRun> {
    if (this.broken) return Promise.reject(new Error(this.broken));
    if (this.key === receipt && this.base) return this.base;
    this.key = receipt;
    const base = this.load(source, data, receipt);
    this.base = base;
    // A failed preparation is not kept: the next call tries again.
    base.catch(() => { if (this.base === base) { this.key = null; this.base = null; } });
    return base;
  }

  private async load(source: string, data: DatasetRef, receipt: string): Promise<BaseRun> {
    const [main, prev] = await Promise.all([datasetBytes(data), data.prev ? datasetBytes(data.prev) : Promise.resolve(null)]);
    const transfer = [main.bytes, ...(prev ? [prev.bytes] : [])];
    const reply = await this.send({ type: "prepare", source, file: "scheme.yard", data: main, prev }, transfer);
    if (reply.type !== "ready") throw new Error("bug: the worker answered `prepare` with " + reply.type);
    if (reply.receipt !== receipt) throw new Error(`the browser's run has receipt ${reply.receipt.slice(0, 12)}…, the server's ${receipt.slice(0, 12)}…`);
    return reply.base;
  }

  /** The outcome under `overrides`, from the prepared base run. */
  async whatIf(overrides: readonly string[]): Promise<WhatIfOutcome> {
    const reply = await this.send({ type: "whatif", overrides: [...overrides] });
    if (reply.type !== "whatif") throw new Error("bug: the worker answered `whatif` with " + reply.type);
    return reply.outcome;
  }

  /** The prepared base run's results table as XLSX. */
  async xlsx(): Promise<Blob> {
    const reply = await this.send({ type: "xlsx" });
    if (reply.type !== "xlsx") throw new Error("bug: the worker answered `xlsx` with " + reply.type);
    return new Blob([reply.bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new EvalWorker();
    w.onmessage = (e: MessageEvent<EvalReply>) => this.receive(e.data);
    w.onerror = (e) => this.fail(e.message || "the evaluation worker stopped");
    return (this.worker = w);
  }

  private send(req: Outgoing, transfer: Transferable[] = []): Promise<EvalReply> {
    if (this.broken) return Promise.reject(new Error(this.broken));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      try {
        this.start().postMessage({ ...req, id } as EvalRequest, transfer);
      } catch (e) {
        this.waiting.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  private receive(reply: EvalReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if (reply.type === "failed") w.reject(new Error(reply.message));
    else if (reply.type === "rejected") w.reject(new WhatIfRejected(reply.message));
    else w.resolve(reply);
  }

  private fail(message: string): void {
    this.broken = message;
    this.worker?.terminate();
    this.worker = null;
    this.base = null;
    this.key = null;
    for (const w of this.waiting.values()) w.reject(new Error(message));
    this.waiting.clear();
  }
}
