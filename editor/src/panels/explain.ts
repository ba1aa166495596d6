/**
 * A region's explanation beside the results: total and its parts, grade and why, a bar chart of
 * each dimension's and indicator's contribution against its points, and each indicator's value,
 * method and adjustments, as the server's explain returns them.
 */
import { explainRegion, type DatasetRef, type ExplainNode, type Explanation, type RunTarget } from "../api/analysis.js";
import { num, t } from "../i18n.js";
import { barChart, type Bar } from "../ui/charts.js";
import { h, replace } from "../ui/dom.js";
import { notifyError, withProgress } from "../ui/notice.js";

/** The explanation pane. */
export interface ExplainPane {
  readonly root: HTMLElement;
  show(target: RunTarget, data: DatasetRef, region: string): Promise<void>;
  clear(): void;
}

function bars(node: ExplainNode, depth: number, maxDepth: number): Bar[] {
  const own: Bar[] = node.path === "" ? [] : [{ label: node.label, value: node.contribution, max: node.points, depth }];
  const next = node.path === "" ? depth : depth + 1;
  return next > maxDepth ? own : [...own, ...node.children.flatMap((c) => bars(c, next, maxDepth))];
}

function indicatorRows(node: ExplainNode): HTMLElement[] {
  if (node.kind === "group") return node.children.flatMap(indicatorRows);
  const adj = (node.adjustments ?? []).map((a) => `${a.sign === "add" ? "+" : "−"}${num(a.amount)} ${a.label}`).join("；");
  return [h("tr", {},
    h("td", {}, node.label), h("td", {}, num(node.value ?? null)), h("td", { class: "mono" }, node.method?.text ?? "—"),
    h("td", {}, `${num(node.score)} / ${num(node.points)}`), h("td", {}, adj || "—"), h("td", { class: "muted" }, (node.status ?? []).join(", ")))];
}

function render(root: HTMLElement, e: Explanation): void {
  const s = e.summary;
  const rules = [
    ...s.bonuses.map((b) => `${t("bonus")} +${num(b.amount)} ${b.block} · ${b.item}`),
    ...s.deductions.map((d) => `${t("deduction")} −${num(d.amount)} ${d.block} · ${d.item}`),
    ...s.vetoes.map((v) => `${t("vetoes")}: ${v.label}`),
    ...s.flags.map((f) => `${t("flags")}: ${f}`),
  ];
  replace(root,
    h("div", { class: "panel-title" }, t("explainOf", { region: s.region }), h("button", { class: "link", onclick: () => replace(root) }, "×")),
    h("p", { class: "explain-summary" },
      `${t("total")} ${num(s.total)} = ${num(s.treeScore)}${s.bonus ? ` + ${num(s.bonus)}` : ""}${s.deduction ? ` − ${num(s.deduction)}` : ""} · ${t("rank")} ${s.ranks["overall"] ?? "—"} · ${t("grade")} ${s.grade ?? "—"}${s.gradeReason ? ` (${s.gradeReason})` : ""}`),
    h("div", { class: "chart-box", "data-testid": "contribution-chart" }, barChart(bars(e.tree, 0, 1))),
    rules.length ? h("ul", { class: "rules" }, ...rules.map((r) => h("li", {}, r))) : null,
    h("table", { class: "grid small" },
      h("thead", {}, h("tr", {}, h("th", {}, t("kind_indicator")), h("th", {}, t("value")), h("th", {}, t("method")), h("th", {}, t("score")), h("th", {}, t("adjustments")), h("th", {}))),
      h("tbody", {}, ...indicatorRows(e.tree))));
}

/** Builds the explanation pane. */
export function createExplainPane(): ExplainPane {
  const root = h("aside", { class: "explain-pane", "data-testid": "explain" });
  return {
    root,
    clear: () => replace(root),
    show: async (target, data, region) => {
      try {
        const e = await withProgress(root, () => explainRegion(target, data, region));
        render(root, e);
      } catch (err) {
        notifyError(err);
      }
    },
  };
}
