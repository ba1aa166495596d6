/**
 * The page's side of the language worker: sends the model's text after every change (at most one
 * request in flight; newer text replaces any waiting one), turns the returned diagnostics into
 * Monaco markers, and keeps the latest analysis for hover, completion and the outline.
 */
import type { Diagnostic } from "../../../dsl/index.js";
import { monaco } from "../monaco.js";
import type { Analysis, WorkerReply, WorkerRequest } from "./analysis.js";
import LangWorker from "../worker/lang.worker.ts?worker";

/** The marker owner name our diagnostics are set under. */
export const MARKER_OWNER = "yardstick";

/** Timing of one keystroke-to-squiggles round, for the benchmark. */
export interface DiagnosticsTiming {
  /** Milliseconds from the change to the markers being set. */
  readonly totalMs: number;
  /** Milliseconds the worker spent analysing. */
  readonly workerMs: number;
  readonly lines: number;
}

/** Keeps one model analysed. */
export class LanguageClient {
  private readonly worker: Worker = new LangWorker();
  private nextId = 1;
  private inFlight = false;
  private pendingSince: number | null = null;
  private sentAt = 0;
  private readonly formatWaiters = new Map<number, (r: { text: string | null; diagnostics: readonly Diagnostic[] }) => void>();
  private readonly listeners: ((a: Analysis) => void)[] = [];
  /** The newest analysis (of the newest text that has been analysed). */
  latest: Analysis | null = null;
  /** Every keystroke-to-markers timing measured so far. */
  readonly timings: DiagnosticsTiming[] = [];

  constructor(private readonly model: monaco.editor.ITextModel) {
    this.worker.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(e.data);
    model.onDidChangeContent(() => this.request(performance.now()));
    this.request(performance.now());
  }

  /** Calls `f` with every new analysis. */
  onAnalysis(f: (a: Analysis) => void): void {
    this.listeners.push(f);
    if (this.latest) f(this.latest);
  }

  /** Formats text with the shared formatter. */
  format(text: string): Promise<{ text: string | null; diagnostics: readonly Diagnostic[] }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.formatWaiters.set(id, resolve);
      this.post({ type: "format", id, text });
    });
  }

  private request(changedAt: number): void {
    if (this.inFlight) {
      this.pendingSince ??= changedAt;
      return;
    }
    this.inFlight = true;
    this.sentAt = changedAt;
    this.post({ type: "analyze", id: this.nextId++, version: this.model.getVersionId(), text: this.model.getValue() });
  }

  private post(req: WorkerRequest): void {
    this.worker.postMessage(req);
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === "formatted") {
      this.formatWaiters.get(reply.id)?.(reply);
      this.formatWaiters.delete(reply.id);
      return;
    }
    this.inFlight = false;
    if (this.pendingSince !== null) {
      const since = this.pendingSince;
      this.pendingSince = null;
      this.request(since);
      return; // the text changed since: this analysis is stale
    }
    this.apply(reply.analysis);
  }

  private apply(a: Analysis): void {
    if (a.version !== this.model.getVersionId()) return;
    this.latest = a;
    monaco.editor.setModelMarkers(this.model, MARKER_OWNER, a.diagnostics.map(toMarker));
    this.timings.push({ totalMs: performance.now() - this.sentAt, workerMs: a.ms, lines: this.model.getLineCount() });
    for (const f of this.listeners) f(a);
  }
}

/** A diagnostic as a Monaco marker (1-based line:col on both sides; an empty span shows one character). */
export function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  const s = d.span;
  const empty = s.line === s.endLine && s.col === s.endCol;
  return {
    severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.help ? `${d.message}\n${d.help}` : d.message,
    code: d.code,
    source: "yardstick",
    startLineNumber: s.line, startColumn: s.col,
    endLineNumber: s.endLine, endColumn: empty ? s.endCol + 1 : s.endCol,
  };
}
