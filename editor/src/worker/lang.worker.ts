/**
 * The language worker: the real `dsl/` front end off the page's thread. Answers `analyze`
 * (diagnostics and name tables for one text version) and `format` requests; posts `Diagnostic`
 * objects as they are, spans included.
 */
import { compile } from "../../../dsl/index.js";
import type { WorkerReply, WorkerRequest } from "../lang/analysis.js";
import { analysisOf } from "./analyze.js";
import { formatText } from "./format.js";

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const req = e.data;
  if (req.type === "analyze") {
    const t0 = performance.now();
    const result = compile(req.text);
    scope.postMessage({ type: "analysis", id: req.id, analysis: analysisOf(result, req.version, performance.now() - t0) });
  } else {
    const { text, diagnostics } = formatText(req.text);
    scope.postMessage({ type: "formatted", id: req.id, text, diagnostics });
  }
};
