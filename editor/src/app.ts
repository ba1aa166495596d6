/**
 * The page: toolbar (scheme, new, save, format, language), tabs for writing, versions,
 * comparing, running, what-if and sensitivity, and the notice line.
 */
import { listSchemes, history, type VersionInfo } from "./api/schemes.js";
import { adoptTokenFromUrl } from "./api/token.js";
import { EvalClient } from "./eval/client.js";
import { lang, onLanguage, setLang, t, type WordKey } from "./i18n.js";
import { monaco } from "./monaco.js";
import { createDiffView, type DiffView } from "./panels/diff.js";
import { createHistoryView } from "./panels/history.js";
import { createRunView, type RunView } from "./panels/run.js";
import { createSensitivityView } from "./panels/sensitivity.js";
import { createWhatIfView, type WhatIfView } from "./panels/whatif.js";
import { createWriteView, type WriteView } from "./panels/write.js";
import { Session } from "./session.js";
import { h, replace } from "./ui/dom.js";
import { mountNotice, notify, notifyError, withProgress } from "./ui/notice.js";

/** What tests and the console may reach: the editor, Monaco, the session and the views. */
export interface AppHandle {
  readonly monaco: typeof monaco;
  readonly write: WriteView;
  readonly session: Session;
  readonly diff: DiffView;
  readonly run: RunView;
  readonly whatif: WhatIfView;
  /** Opens a tab by id. */
  show(tab: TabId): void;
}

/** The tabs of the page. */
export type TabId = "write" | "history" | "diff" | "run" | "whatif" | "sensitivity";
const TABS: readonly { id: TabId; key: WordKey }[] = [
  { id: "write", key: "tabEdit" }, { id: "history", key: "tabHistory" }, { id: "diff", key: "tabDiff" },
  { id: "run", key: "tabRun" }, { id: "whatif", key: "tabWhatif" }, { id: "sensitivity", key: "tabSensitivity" },
];

/** Builds the page in `root`. */
export function startApp(root: HTMLElement): { handle: AppHandle } {
  adoptTokenFromUrl();
  const write = createWriteView();
  const session = new Session({ getText: () => write.model.getValue(), setText: (s) => write.model.setValue(s) });
  const schemeSelect = h("select", { "data-testid": "scheme-select" });
  const diff = createDiffView();
  const evaluator = new EvalClient();
  const run = createRunView(session, write, evaluator);
  const whatif = createWhatIfView(session, write, run, evaluator);
  const sensitivity = createSensitivityView(session, write, run);
  const historyView = createHistoryView(session, {
    open: (v) => void session.open(v.scheme, v.hash).then(() => show("write"), notifyError),
    compare: (a, b) => { show("diff"); void diff.compare(a.scheme, a, b); },
  });
  const views: Record<TabId, HTMLElement> = {
    write: write.root, history: historyView.root, diff: diff.root, run: run.root, whatif: whatif.root, sensitivity: sensitivity.root,
  };
  const notice = h("div", { class: "notice-line" });
  mountNotice(notice);
  const tabs = h("nav", { class: "tabs", role: "tablist" });
  const toolbar = h("header", { class: "toolbar" });
  let active: TabId = "write";
  const show = (id: TabId): void => {
    active = id;
    for (const [k, v] of Object.entries(views)) v.hidden = k !== id;
    drawTabs();
    if (id === "write") write.editor.layout();
    if (id === "history") void historyView.refresh();
    if (id === "diff") diff.layout();
    if (id === "whatif") whatif.shown();
  };
  const drawTabs = (): void => replace(tabs, ...TABS.map((tab) =>
    h("button", { class: `tab${tab.id === active ? " active" : ""}`, role: "tab", "data-tab": tab.id, onclick: () => show(tab.id) }, t(tab.key))));

  const loadSchemes = async (): Promise<void> => {
    try {
      const schemes = await listSchemes();
      replace(schemeSelect, h("option", { value: "" }, t("pickScheme")), ...schemes.map((s) => h("option", { value: s.name }, `${s.name} (${s.versions})`)));
      schemeSelect.value = session.scheme ?? "";
    } catch (e) {
      notifyError(e);
    }
  };
  schemeSelect.addEventListener("change", () => {
    if (!schemeSelect.value) return;
    void withProgress(write.root, () => session.open(schemeSelect.value)).then(() => show("write"), notifyError);
  });
  const refreshVersions = async (): Promise<void> => {
    if (!session.scheme) return diff.setVersions(null, []);
    try {
      const versions: VersionInfo[] = await history(session.scheme);
      diff.setVersions(session.scheme, versions);
    } catch (e) {
      notifyError(e);
    }
  };
  session.onChange(() => {
    void loadSchemes();
    void refreshVersions();
    if (active === "history") void historyView.refresh();
  });
  const save = (): void => void session.save().catch(notifyError);
  const drawToolbar = (): void => replace(toolbar,
    h("div", { class: "brand" }, h("strong", {}, t("appName")), h("span", { class: "muted" }, t("appSub"))),
    h("label", { class: "field" }, t("scheme"), schemeSelect),
    h("button", { "data-testid": "new", onclick: () => void session.createFromText().catch(notifyError) }, t("newScheme")),
    h("button", { class: "primary", "data-testid": "save", onclick: save }, t("save")),
    h("button", { "data-testid": "format", onclick: () => void write.format().then((ok) => ok || notify(t("formatFailed"), "error"), notifyError) }, t("format")),
    h("span", { class: "spacer" }),
    h("button", { class: "link", "data-testid": "lang", onclick: () => setLang(lang() === "zh" ? "en" : "zh") }, t("langSwitch")));
  write.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, save);
  onLanguage(() => { drawToolbar(); drawTabs(); void loadSchemes(); });
  drawToolbar();
  replace(root, h("div", { class: "app" }, toolbar, tabs, notice, h("main", { class: "views" }, ...Object.values(views))));
  show("write");
  void loadSchemes();
  return { handle: { monaco, write, session, diff, run, whatif, show } };
}
