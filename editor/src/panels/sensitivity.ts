/**
 * The sensitivity view: runs the server's Monte Carlo over weights (a job with progress) and draws
 * each region's rank interval, base rank marked, with the chance its grade changes.
 */
import { sensitivity, type RegionSensitivity } from "../api/analysis.js";
import { onLanguage, t } from "../i18n.js";
import type { Session } from "../session.js";
import { intervalChart } from "../ui/charts.js";
import { h, replace } from "../ui/dom.js";
import { notifyError } from "../ui/notice.js";
import type { RunView } from "./run.js";
import type { WriteView } from "./write.js";

/** Builds the sensitivity view. */
export function createSensitivityView(_session: Session, _write: WriteView, run: RunView): { root: HTMLElement } {
  const samples = h("input", { type: "number", min: 10, max: 100000, step: 10, value: 500, "data-testid": "samples" });
  const spread = h("input", { type: "number", min: 1, max: 100, step: 1, value: 20, "data-testid": "spread" });
  const bar = h("div", { class: "bar" });
  const progress = h("div", { class: "job-progress" });
  const chart = h("div", { class: "chart-box", "data-testid": "sensitivity-chart" });
  const root = h("div", { class: "view sensitivity-view" }, bar, progress, chart);
  let result: RegionSensitivity[] | null = null;

  const draw = (): void => {
    replace(bar,
      h("label", { class: "field" }, t("samples"), samples),
      h("label", { class: "field" }, `${t("spread")} (±%)`, spread),
      h("span", { class: "muted" }, t("intervalNote")),
      h("button", { class: "primary", "data-testid": "sensitivity-run", onclick: () => void go() }, t("sensitivityRun")));
    if (!result) return replace(chart, h("p", { class: "empty" }, t("noResults")));
    const items = [...result].sort((a, b) => a.baseRank - b.baseRank).map((r) => ({ label: r.region, base: r.baseRank, low: r.low, high: r.high, gradeChange: r.gradeChange }));
    replace(chart, h("div", { class: "panel-title" }, `${t("rankInterval")} · ${t("gradeChange")}`), intervalChart(items, result.length));
  };

  const go = async (): Promise<void> => {
    const what = await run.target();
    if (!what) return;
    const meter = h("progress", { max: 1, value: 0 });
    const label = h("span", {}, "0%");
    replace(progress, h("span", { class: "spinner" }), t("progress"), meter, label);
    try {
      result = await sensitivity(what.target, what.data, { samples: Number(samples.value), spread: Number(spread.value) }, (f) => {
        meter.value = f;
        label.textContent = `${Math.round(f * 100)}%`;
      });
    } catch (e) {
      notifyError(e);
    } finally {
      replace(progress);
    }
    draw();
  };
  onLanguage(draw);
  draw();
  return { root };
}
