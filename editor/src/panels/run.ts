/**
 * The running view: pick a stored dataset or upload a CSV/XLSX, run the open version, see the
 * results table (sortable, filterable by type and grade, grades coloured, alerts, flags and
 * warnings visible), export, and click a region for its explanation.
 */
import { evaluate, listDatasets, uploadDataset, type DatasetRef, type ResultsJson, type RunTarget } from "../api/analysis.js";
import { onLanguage, t } from "../i18n.js";
import type { EvalClient } from "../eval/client.js";
import type { Session } from "../session.js";
import { ask } from "../ui/dialog.js";
import { h, replace } from "../ui/dom.js";
import { notify, notifyError, withProgress } from "../ui/notice.js";
import { createExplainPane } from "./explain.js";
import { renderResultsTable, tableCsv, type TableState } from "./results-table.js";
import type { WriteView } from "./write.js";

/** The running view and what the what-if and sensitivity views reuse. */
export interface RunView {
  readonly root: HTMLElement;
  /** The last results, with the version (and its text) and dataset they came from. */
  last: { readonly target: RunTarget; readonly source: string; readonly data: DatasetRef; readonly results: ResultsJson } | null;
  /** What to run on: the open version when the text is saved, else the text itself; null (with a notice) when not possible. */
  target(): Promise<{ target: RunTarget; source: string; data: DatasetRef } | null>;
  /** Runs and shows the results. */
  run(): Promise<void>;
  /** Calls `f` after each run. */
  onResults(f: () => void): void;
}

/** A stored dataset's option value: `NAME/PERIOD`, as the API names it. */
const DATASET_KEY = (d: DatasetRef): string => `${d.name}/${d.period}`;

/** Builds the running view; `evaluator` (the evaluation worker) writes the XLSX export. */
export function createRunView(session: Session, write: WriteView, evaluator: EvalClient): RunView {
  const datasetSelect = h("select", { "data-testid": "dataset-select" });
  const prevSelect = h("select", { "data-testid": "prev-select" });
  const file = h("input", { type: "file", accept: ".csv,.xlsx", hidden: true, "data-testid": "upload" });
  const bar = h("div", { class: "bar" });
  const issues = h("div", { class: "issues", "data-testid": "run-issues" });
  const table = h("div", { class: "results", "data-testid": "results" });
  const explain = createExplainPane();
  const root = h("div", { class: "view run-view" }, bar, issues, h("div", { class: "run-body" }, table, explain.root), file);
  const state: TableState = { sort: { key: "rank", dir: 1 }, filters: {} };
  const listeners: (() => void)[] = [];

  const loadDatasets = async (): Promise<void> => {
    const list = await listDatasets();
    const options = (): HTMLOptionElement[] => list.map((d) => h("option", { value: DATASET_KEY(d) }, `${d.name} · ${d.period} (${d.rowCount})`));
    for (const [sel, first] of [[datasetSelect, t("pickDataset")], [prevSelect, t("noPrev")]] as const) {
      const keep = sel.value;
      replace(sel, h("option", { value: "" }, first), ...options());
      sel.value = keep;
    }
  };
  const refOf = (value: string): DatasetRef | null => {
    if (!value) return null;
    const cut = value.lastIndexOf("/");
    return { name: value.slice(0, cut), period: value.slice(cut + 1) };
  };
  const dataset = (): DatasetRef | null => {
    const main = refOf(datasetSelect.value);
    return main && { ...main, prev: refOf(prevSelect.value) };
  };
  datasetSelect.addEventListener("change", () => {
    const main = refOf(datasetSelect.value);
    if (!main || prevSelect.value) return;
    const year = /^\d{4}$/.test(main.period) ? String(Number(main.period) - 1) : "prev";
    const prev = `${main.name}/${year}`;
    if ([...prevSelect.options].some((o) => o.value === prev)) prevSelect.value = prev;
  });

  const view: RunView = {
    root, last: null,
    target: async () => {
      const data = dataset();
      if (!data) return notify(t("needDataset"), "error"), null;
      if (write.client.latest?.diagnostics.some((d) => d.severity === "error")) return notify(t("fixErrors"), "error"), null;
      const source = write.model.getValue();
      const target: RunTarget = session.scheme && session.base && !session.dirty
        ? { kind: "version", scheme: session.scheme, version: session.base.hash }
        : { kind: "source", source };
      return { target, source, data };
    },
    run: async () => {
      const what = await view.target();
      if (!what) return;
      try {
        const results = await withProgress(table, () => evaluate(what.target, what.data), t("running"));
        view.last = { ...what, results };
        explain.clear();
        draw();
        for (const f of listeners) f();
      } catch (e) {
        notifyError(e);
      }
    },
    onResults: (f) => listeners.push(f),
  };

  const draw = (): void => {
    drawBar();
    const last = view.last;
    if (!last) return replace(table, h("p", { class: "empty" }, t("noResults")));
    const sev = (s: string): string => (s === "error" ? t("error") : t("warning"));
    replace(issues,
      ...last.results.issues.map((i) => h("div", { class: `issue ${i.severity}` }, `${sev(i.severity)}: ${i.message}`,
        i.regions.length ? h("span", { class: "muted" }, ` (${i.regions.slice(0, 8).join("、")}${i.regions.length > 8 ? "…" : ""})`) : null)),
      ...(last.results.datasetWarnings ?? []).map((w) => h("div", { class: `issue ${w.severity}` },
        `${sev(w.severity)}: ${w.row !== null ? t("rowField", { row: w.row, field: w.field ?? "" }) : ""}${w.message}`)));
    renderResultsTable(table, last.results.regions, state, draw, (region) => void explain.show(last.target, last.data, region));
  };
  /** The run's results as XLSX, written by the evaluation worker from the same scheme text and data. */
  const xlsxOf = async (last: NonNullable<RunView["last"]>): Promise<Blob> => {
    try {
      await evaluator.prepare(last.source, last.data, last.results.receipt);
      return await evaluator.xlsx();
    } catch (e) {
      throw new Error(t("noXlsx", { detail: e instanceof Error ? e.message : String(e) }));
    }
  };
  const exportAs = (format: "csv" | "xlsx") => async (): Promise<void> => {
    const last = view.last;
    if (!last) return notify(t("noResults"), "error");
    try {
      const blob = format === "csv" ? new Blob([tableCsv(table)], { type: "text/csv" }) : await withProgress(table, () => xlsxOf(last));
      const a = h("a", { href: URL.createObjectURL(blob), download: `${session.scheme ?? "scheme"}-${last.data.name}-${last.data.period}.${format}` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      notifyError(e);
    }
  };
  const drawBar = (): void => replace(bar,
    h("label", { class: "field" }, t("dataset"), datasetSelect),
    h("label", { class: "field" }, t("prevDataset"), prevSelect),
    h("button", { "data-testid": "upload-button", onclick: () => file.click() }, t("upload")),
    h("button", { class: "primary", "data-testid": "run", onclick: () => void view.run() }, t("run")),
    h("span", { class: "spacer" }),
    h("button", { "data-testid": "export-csv", onclick: () => void exportAs("csv")() }, t("exportCsv")),
    h("button", { "data-testid": "export-xlsx", onclick: () => void exportAs("xlsx")() }, t("exportXlsx")));

  file.addEventListener("change", () => void upload());
  const upload = async (): Promise<void> => {
    const f = file.files?.[0];
    file.value = "";
    if (!f) return;
    const name = await ask(t("upload"), t("datasetName"), f.name.replace(/\.(csv|xlsx)$/i, ""));
    if (!name) return;
    const period = (await ask(t("upload"), t("period"), String(new Date().getFullYear()))) || "current";
    try {
      const info = await withProgress(table, () => uploadDataset(f, { name, period }));
      await loadDatasets();
      datasetSelect.value = DATASET_KEY(info);
      notify(t("uploaded", { name: info.name, rows: info.rowCount }));
    } catch (e) {
      notifyError(e);
    }
  };
  onLanguage(draw);
  draw();
  void loadDatasets().catch(notifyError);
  return view;
}
