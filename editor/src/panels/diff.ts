/**
 * The compare view: two versions side by side in Monaco's diff editor, with the server's
 * structural diff (what changed in the tree, scoring, rules, and whose effective points moved)
 * beside them; a click on a change reveals it in the diff.
 */
import { getVersion, type VersionInfo } from "../api/schemes.js";
import { structuralDiff, type Change, type SchemeDiff } from "../api/analysis.js";
import { num, onLanguage, t } from "../i18n.js";
import { LANGUAGE_ID } from "../lang/monarch.js";
import { monaco } from "../monaco.js";
import { h, replace } from "../ui/dom.js";
import { notifyError, withProgress } from "../ui/notice.js";

/** The compare view. */
export interface DiffView {
  readonly root: HTMLElement;
  /** Loads and shows two versions of a scheme. */
  compare(scheme: string, older: VersionInfo | string, newer: VersionInfo | string): Promise<void>;
  /** Re-lays out the diff editor (after the view becomes visible). */
  layout(): void;
  /** The versions the pickers offer. */
  setVersions(scheme: string | null, versions: readonly VersionInfo[]): void;
}

/** Builds the compare view. */
export function createDiffView(): DiffView {
  const left = h("select", { "data-testid": "diff-left" });
  const right = h("select", { "data-testid": "diff-right" });
  const go = h("button", { class: "primary", "data-testid": "diff-run" });
  const bar = h("div", { class: "bar" }, left, "→", right, go);
  const host = h("div", { class: "diff-host", "data-testid": "diff-editor" });
  const summary = h("aside", { class: "diff-summary", "data-testid": "diff-summary" });
  const root = h("div", { class: "view diff-view" }, bar, h("div", { class: "diff-body" }, host, summary));
  const editor = monaco.editor.createDiffEditor(host, { automaticLayout: true, readOnly: true, renderSideBySide: true, minimap: { enabled: false }, originalEditable: false, unicodeHighlight: { ambiguousCharacters: false } });
  const original = monaco.editor.createModel("", LANGUAGE_ID);
  const modified = monaco.editor.createModel("", LANGUAGE_ID);
  editor.setModel({ original, modified });
  let scheme: string | null = null;
  let last: SchemeDiff | null = null;
  const label = (): void => {
    go.textContent = t("diffRun");
  };
  label();
  onLanguage(() => {
    label();
    if (last) drawSummary(summary, last, editor);
  });
  go.addEventListener("click", () => {
    if (scheme && left.value && right.value) void compare(scheme, left.value, right.value);
  });
  const compare = async (name: string, older: VersionInfo | string, newer: VersionInfo | string): Promise<void> => {
    const a = typeof older === "string" ? older : older.hash;
    const b = typeof newer === "string" ? newer : newer.hash;
    left.value = a;
    right.value = b;
    try {
      await withProgress(summary, async () => {
        const [va, vb] = await Promise.all([getVersion(name, a), getVersion(name, b)]);
        original.setValue(va.source);
        modified.setValue(vb.source);
        last = await structuralDiff(name, va.hash, vb.hash);
      });
      if (last) drawSummary(summary, last, editor);
    } catch (e) {
      notifyError(e);
    }
  };
  const setVersions = (name: string | null, versions: readonly VersionInfo[]): void => {
    scheme = name;
    const options = (sel: HTMLSelectElement, pick: number): void => {
      const keep = sel.value;
      replace(sel, ...versions.map((v) => h("option", { value: v.hash }, `#${v.seq} ${v.message.slice(0, 30)}`)));
      sel.value = versions.some((v) => v.hash === keep) ? keep : versions[pick]?.hash ?? "";
    };
    options(left, Math.min(1, versions.length - 1));
    options(right, 0);
  };
  return { root, compare, setVersions, layout: () => editor.layout() };
}

function changeLine(c: Change): string {
  const what = c.field ? `${c.subject} · ${c.field}` : c.subject;
  const values = c.old !== null && c.new !== null ? `${c.old} → ${c.new}` : c.new ?? c.old ?? "";
  return `${what}${c.label ? `（${c.label}）` : ""}${values ? `: ${values}` : ""}${c.delta !== null ? ` (${c.delta > 0 ? "+" : ""}${num(c.delta, 3)})` : ""}`;
}

function drawSummary(root: HTMLElement, d: SchemeDiff, editor: monaco.editor.IStandaloneDiffEditor): void {
  const reveal = (c: { newSpan: { line: number } | null; oldSpan: { line: number } | null }): void => {
    if (c.newSpan) editor.getModifiedEditor().revealLineInCenter(c.newSpan.line);
    else if (c.oldSpan) editor.getOriginalEditor().revealLineInCenter(c.oldSpan.line);
  };
  const changes = d.changes.map((c) => h("li", { class: `change ${c.op}`, "data-section": c.section, onclick: () => reveal(c) },
    h("span", { class: "op" }, c.op), " ", h("span", { class: "section muted" }, c.section), " ", changeLine(c)));
  const effective = d.effective.map((e) => h("li", { class: "effective", onclick: () => reveal(e) },
    `${e.label} (${e.path}): ${num(e.old, 3)} → ${num(e.new, 3)} `, h("span", { class: e.delta >= 0 ? "up" : "down" }, `${e.delta >= 0 ? "+" : ""}${num(e.delta, 3)}`)));
  replace(root, h("div", { class: "panel-title" }, t("diffSummary")),
    d.changes.length + d.effective.length === 0 ? h("p", { class: "empty" }, t("diffNone")) : null,
    changes.length ? h("ul", { class: "changes" }, ...changes) : null,
    effective.length ? h("div", { class: "panel-title" }, t("effectivePoints")) : null,
    effective.length ? h("ul", { class: "changes" }, ...effective) : null);
}
