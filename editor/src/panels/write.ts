/**
 * The writing view: the outline of the indicator tree, the Monaco editor with the scheme, and the
 * problems list; diagnostics come from the language worker as the user types.
 */
import { onLanguage } from "../i18n.js";
import type { Analysis } from "../lang/analysis.js";
import { LanguageClient } from "../lang/client.js";
import { LANGUAGE_ID } from "../lang/monarch.js";
import { registerLanguage, spanRange } from "../lang/providers.js";
import { monaco } from "../monaco.js";
import { h } from "../ui/dom.js";
import { renderOutline } from "./outline.js";
import { renderProblems } from "./problems.js";

/** The writing view's parts other views use. */
export interface WriteView {
  readonly root: HTMLElement;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly model: monaco.editor.ITextModel;
  readonly client: LanguageClient;
  /** Formats the document with the shared formatter; false when the text has syntax errors. */
  format(): Promise<boolean>;
}

const clients = new Map<string, LanguageClient>();

/** Builds the writing view. */
export function createWriteView(): WriteView {
  registerLanguage((m) => clients.get(m.uri.toString()));
  const outline = h("aside", { class: "outline-pane" });
  const host = h("div", { class: "editor-host", "data-testid": "editor" });
  const problems = h("section", { class: "problems-pane" });
  const root = h("div", { class: "view write-view" }, outline, h("div", { class: "editor-column" }, host, problems));
  const model = monaco.editor.createModel("", LANGUAGE_ID, monaco.Uri.parse("inmemory://scheme/scheme.yard"));
  const editor = monaco.editor.create(host, {
    model, automaticLayout: true, minimap: { enabled: false }, fontSize: 14, tabSize: 2, insertSpaces: true,
    renderWhitespace: "none", unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true }, scrollBeyondLastLine: false, "semanticHighlighting.enabled": false, fixedOverflowWidgets: true,
    fontFamily: "'Noto Sans Mono CJK SC', 'WenQuanYi Micro Hei Mono', 'Menlo', 'Consolas', monospace",
  });
  const client = new LanguageClient(model);
  clients.set(model.uri.toString(), client);
  const revealSpan = (r: monaco.IRange): void => {
    editor.setSelection({ ...r, endLineNumber: r.startLineNumber, endColumn: r.startColumn });
    editor.revealRangeInCenter(r);
    editor.focus();
  };
  const draw = (a: Analysis): void => {
    renderOutline(outline, a, (n) => revealSpan(spanRange(n.nameSpan)));
    renderProblems(problems, a.diagnostics, (d) => revealSpan(spanRange(d.span)));
  };
  client.onAnalysis(draw);
  onLanguage(() => client.latest && draw(client.latest));
  const format = async (): Promise<boolean> => {
    const r = await client.format(model.getValue());
    if (r.text === null) return false;
    if (r.text !== model.getValue()) editor.executeEdits("format", [{ range: model.getFullModelRange(), text: r.text }]);
    return true;
  };
  return { root, editor, model, client, format };
}
