/**
 * Monaco, loaded the way Vite 8 and monaco-editor 0.57 want it: the editor API, every editor
 * feature (hover, suggest, find, folding, the diff editor…) but no bundled language, and the
 * editor's own worker. Our language runs in its own worker (see `lang/client.ts`).
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";

(self as unknown as { MonacoEnvironment: { getWorker: () => Worker } }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
