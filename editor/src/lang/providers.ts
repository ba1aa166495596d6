/**
 * Monaco providers for the Yardstick language: completion, hover, go to definition, document
 * formatting and document symbols. Each reads the latest worker analysis of its model.
 */
import type { Span } from "../../../dsl/index.js";
import { t, lang } from "../i18n.js";
import { monaco } from "../monaco.js";
import type { Analysis, SymbolEntry } from "./analysis.js";
import type { LanguageClient } from "./client.js";
import { FUNCTIONS } from "./functions.js";
import { hoverLines } from "./hover-text.js";
import { HARD_WORDS, LANGUAGE_ID, SOFT_WORDS, languageConfiguration, monarch } from "./monarch.js";

type Lookup = (model: monaco.editor.ITextModel) => LanguageClient | undefined;

/** A Span as a Monaco range. */
export function spanRange(s: Span): monaco.IRange {
  return { startLineNumber: s.line, startColumn: s.col, endLineNumber: s.endLine, endColumn: s.endCol };
}

/** Registers the language and its providers once; `clientOf` finds a model's language client. */
export function registerLanguage(clientOf: Lookup): void {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: [".yard"], aliases: ["Yardstick", "标尺"] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarch);
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);
  const latest = (m: monaco.editor.ITextModel): Analysis | null => clientOf(m)?.latest ?? null;
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, { provideCompletionItems: (m, p) => completions(latest(m), m, p) });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, { provideHover: (m, p) => hover(latest(m), m, p) });
  monaco.languages.registerDefinitionProvider(LANGUAGE_ID, { provideDefinition: (m, p) => definition(latest(m), m, p) });
  monaco.languages.registerDocumentSymbolProvider(LANGUAGE_ID, { provideDocumentSymbols: (m) => documentSymbols(latest(m)) });
  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    provideDocumentFormattingEdits: async (m) => {
      const client = clientOf(m);
      if (!client) return [];
      const r = await client.format(m.getValue());
      return r.text === null || r.text === m.getValue() ? [] : [{ range: m.getFullModelRange(), text: r.text }];
    },
  });
}

function wordRange(m: monaco.editor.ITextModel, p: monaco.Position): { word: string; range: monaco.IRange } | null {
  const w = m.getWordAtPosition(p);
  if (!w) return null;
  return { word: w.word, range: { startLineNumber: p.lineNumber, endLineNumber: p.lineNumber, startColumn: w.startColumn, endColumn: w.endColumn } };
}

/** The symbols a word may name; for `a.b` paths, the tree node the path spells. */
function symbolsAt(a: Analysis, m: monaco.editor.ITextModel, p: monaco.Position): { range: monaco.IRange; symbols: SymbolEntry[] } | null {
  const w = wordRange(m, p);
  if (!w) return null;
  const line = m.getLineContent(p.lineNumber);
  const pathMatch = /[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)+/gu;
  for (const match of line.matchAll(pathMatch)) {
    const start = match.index + 1;
    if (w.range.startColumn >= start && w.range.endColumn <= start + match[0].length) {
      const upto = match[0].slice(0, w.range.endColumn - start);
      const node = a.symbols.find((s) => s.path === upto);
      if (node) return { range: w.range, symbols: [node] };
    }
  }
  return { range: w.range, symbols: a.symbols.filter((s) => s.name === w.word) };
}

function completions(a: Analysis | null, m: monaco.editor.ITextModel, p: monaco.Position): monaco.languages.CompletionList {
  const w = m.getWordUntilPosition(p);
  const range = { startLineNumber: p.lineNumber, endLineNumber: p.lineNumber, startColumn: w.startColumn, endColumn: w.endColumn };
  const K = monaco.languages.CompletionItemKind;
  const items: monaco.languages.CompletionItem[] = [];
  for (const k of HARD_WORDS) items.push({ label: k, kind: K.Keyword, insertText: k, range, detail: t("kind_keyword"), sortText: `3${k}` });
  for (const k of SOFT_WORDS) items.push({ label: k, kind: K.Keyword, insertText: k, range, detail: t("kind_keyword"), sortText: `4${k}` });
  for (const f of FUNCTIONS) {
    items.push({ label: f.name, kind: K.Function, insertText: `${f.name}($0)`, insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
      range, detail: f.signature, documentation: lang() === "zh" ? f.zh : f.en, sortText: `2${f.name}` });
  }
  const kinds: Record<SymbolEntry["kind"], monaco.languages.CompletionItemKind> = {
    input: K.Field, let: K.Variable, table: K.Struct, typology: K.Enum, type: K.EnumMember, dimension: K.Module, indicator: K.Property,
  };
  const seen = new Set<string>();
  for (const s of a?.symbols ?? []) {
    if (seen.has(`${s.kind}:${s.name}`)) continue;
    seen.add(`${s.kind}:${s.name}`);
    items.push({ label: { label: s.name, description: s.label ?? undefined }, kind: kinds[s.kind], insertText: s.name, range,
      detail: `${t(`kind_${s.kind}`)}${s.label ? ` · ${s.label}` : ""}`, sortText: `1${s.name}` });
  }
  return { suggestions: items };
}

function hover(a: Analysis | null, m: monaco.editor.ITextModel, p: monaco.Position): monaco.languages.Hover | null {
  if (!a) return null;
  const found = symbolsAt(a, m, p);
  if (!found) return null;
  const fn = FUNCTIONS.find((f) => f.name === m.getWordAtPosition(p)?.word);
  const contents = found.symbols.map((s) => ({ value: hoverLines(s, a).join("\n\n") }));
  const after = m.getLineContent(p.lineNumber).slice(found.range.endColumn - 1);
  if (fn && found.symbols.length === 0 && /^\s*\(/.test(after)) {
    contents.push({ value: `**${fn.signature}** — ${lang() === "zh" ? fn.zh : fn.en}` });
  }
  return contents.length ? { range: found.range, contents } : null;
}

function definition(a: Analysis | null, m: monaco.editor.ITextModel, p: monaco.Position): monaco.languages.Location[] {
  if (!a) return [];
  const found = symbolsAt(a, m, p);
  return (found?.symbols ?? []).map((s) => ({ uri: m.uri, range: spanRange(s.span) }));
}

function documentSymbols(a: Analysis | null): monaco.languages.DocumentSymbol[] {
  if (!a) return [];
  const K = monaco.languages.SymbolKind;
  const tree = (entries: Analysis["tree"]): monaco.languages.DocumentSymbol[] => entries.map((e) => ({
    name: `${e.name} ${e.label}`, detail: e.points === null ? "" : `${e.points}`, kind: e.kind === "dimension" ? K.Module : K.Property, tags: [],
    range: spanRange(e.span), selectionRange: spanRange(e.nameSpan), children: tree(e.children),
  }));
  const tops = a.symbols.filter((s) => s.kind === "input" || s.kind === "let" || s.kind === "typology" || s.kind === "table");
  return [
    ...tops.map((s) => ({ name: s.name, detail: s.label ?? "", kind: s.kind === "input" ? K.Field : K.Variable, tags: [], range: spanRange(s.span), selectionRange: spanRange(s.span) })),
    ...tree(a.tree),
  ];
}
