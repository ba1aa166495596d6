/**
 * The what-if view: a slider on every written weight or points of the indicator tree; each move
 * asks the server to re-evaluate with the overrides (at most one request in flight, the newest
 * values win) and the ranking redraws with rank changes highlighted. "Save as new version"
 * writes the slider values into the scheme text and saves it.
 */
import { whatIf, type RegionResult, type ResultsJson } from "../api/analysis.js";
import { num, onLanguage, t } from "../i18n.js";
import { flatten, type TreeEntry } from "../lang/analysis.js";
import type { Session } from "../session.js";
import { h, replace } from "../ui/dom.js";
import { notify, notifyError, withProgress } from "../ui/notice.js";
import type { RunView } from "./run.js";
import type { WriteView } from "./write.js";

/** Timing of one slider move, from the input event to the redrawn ranking. */
export interface ReRankTiming {
  readonly totalMs: number;
  readonly regions: number;
}

/** The what-if view. */
export interface WhatIfView {
  readonly root: HTMLElement;
  /** Every slider-to-ranking timing measured so far. */
  readonly timings: ReRankTiming[];
  /** Called when the tab is shown: rebuilds the sliders from the open scheme. */
  shown(): void;
}

function overrideText(n: TreeEntry, value: number): string {
  const p = n.shareParts!;
  return `${n.path}.${p.unit}=${value}${p.percent ? "%" : ""}`;
}

function sliderMax(n: TreeEntry): number {
  const p = n.shareParts!;
  if (p.unit === "weight") return p.percent || p.value > 1 ? 100 : 1;
  return Math.max(10, Math.ceil(p.value * 2));
}

/** Builds the what-if view. */
export function createWhatIfView(session: Session, write: WriteView, run: RunView): WhatIfView {
  const sliders = h("aside", { class: "sliders", "data-testid": "sliders" });
  const ranking = h("div", { class: "ranking", "data-testid": "whatif-ranking" });
  const bar = h("div", { class: "bar" });
  const root = h("div", { class: "view whatif-view" }, bar, h("div", { class: "whatif-body" }, sliders, ranking));
  const values = new Map<string, number>();
  let nodes: TreeEntry[] = [];
  let inFlight = false;
  let pendingSince: number | null = null;
  let latest: ResultsJson | null = null;
  const view: WhatIfView = { root, timings: [], shown: () => build() };

  const base = (): RegionResult[] => [...(run.last?.results.regions ?? [])];
  const overrides = (): string[] => nodes.filter((n) => values.get(n.path) !== n.shareParts!.value).map((n) => overrideText(n, values.get(n.path)!));

  const request = async (since: number): Promise<void> => {
    const last = run.last;
    if (!last) return;
    if (inFlight) {
      pendingSince ??= since;
      return;
    }
    inFlight = true;
    try {
      const list = overrides();
      latest = list.length === 0 ? null : await whatIf(last.target, last.data, list);
      drawRanking();
      view.timings.push({ totalMs: performance.now() - since, regions: last.results.regions.length });
    } catch (e) {
      notifyError(e);
    } finally {
      inFlight = false;
    }
    if (pendingSince !== null) {
      const s = pendingSince;
      pendingSince = null;
      void request(s);
    }
  };

  const drawRanking = (): void => {
    const before = new Map(base().map((r) => [r.region, r]));
    const rows = [...(latest?.regions ?? base())].sort((a, b) => (a.ranks["overall"] ?? 0) - (b.ranks["overall"] ?? 0));
    replace(ranking, h("table", { class: "grid", "data-testid": "whatif-table" },
      h("thead", {}, h("tr", {}, h("th", {}, t("rank")), h("th", {}, t("region")), h("th", {}, t("total")), h("th", {}, "Δ"), h("th", {}, `${t("rank")}（${t("before")}）`), h("th", {}, t("rankChange")), h("th", {}, t("grade")))),
      h("tbody", {}, ...rows.map((r) => {
        const old = before.get(r.region);
        const oldRank = old?.ranks["overall"] ?? null;
        const rank = r.ranks["overall"] ?? null;
        const change = oldRank !== null && rank !== null ? oldRank - rank : 0;
        const delta = old ? r.total - old.total : 0;
        return h("tr", { "data-region": r.region, "data-change": change, class: change > 0 ? "moved up" : change < 0 ? "moved down" : "" },
          h("td", {}, rank ?? "—"), h("td", {}, r.region), h("td", {}, num(r.total)), h("td", { class: delta > 0 ? "up" : delta < 0 ? "down" : "" }, delta === 0 ? "" : `${delta > 0 ? "+" : ""}${num(delta)}`),
          h("td", {}, oldRank ?? "—"), h("td", { class: "change" }, change > 0 ? `▲ ${change}` : change < 0 ? `▼ ${-change}` : "–"),
          h("td", {}, r.grade ?? "—", old && old.grade !== r.grade ? h("span", { class: "muted" }, ` (${old.grade ?? "—"})`) : null));
      }))));
  };

  const slider = (n: TreeEntry): HTMLElement => {
    const p = n.shareParts!;
    const out = h("span", { class: "value" }, num(values.get(n.path)!, 3));
    const input = h("input", {
      type: "range", min: 0, max: sliderMax(n), step: sliderMax(n) <= 1 ? 0.01 : 0.5, value: values.get(n.path)!, "data-path": n.path,
      oninput: (e) => {
        const v = Number((e.target as HTMLInputElement).value);
        values.set(n.path, v);
        out.textContent = num(v, 3);
        void request(performance.now());
      },
    });
    const depth = n.path.split(".").length - 1;
    return h("div", { class: `slider depth-${depth}`, style: `padding-left:${depth * 14}px` },
      h("div", { class: "slider-label" }, h("span", {}, n.label), h("span", { class: "muted" }, `${p.unit === "points" ? t("points") : t("localWeight")} ${p.value}${p.percent ? "%" : ""} →`), out), input);
  };

  const build = (): void => {
    drawBar();
    if (!run.last) return replace(sliders, h("p", { class: "empty" }, t("noResults"))), replace(ranking);
    nodes = flatten(write.client.latest?.tree ?? []).filter((n) => n.shareParts !== null);
    for (const n of nodes) if (!values.has(n.path)) values.set(n.path, n.shareParts!.value);
    replace(sliders, h("p", { class: "muted" }, t("whatifHint")), ...nodes.map(slider));
    drawRanking();
  };

  const reset = (): void => {
    values.clear();
    latest = null;
    build();
  };

  const saveAsVersion = async (): Promise<void> => {
    const changed = nodes.filter((n) => values.get(n.path) !== n.shareParts!.value);
    if (changed.length === 0 || !session.scheme) return;
    const text = write.model.getValue();
    const edits = [...changed].sort((a, b) => b.shareParts!.span.start - a.shareParts!.span.start);
    let next = text;
    for (const n of edits) {
      const p = n.shareParts!;
      next = next.slice(0, p.span.start) + `${values.get(n.path)}${p.percent ? "%" : ""}` + next.slice(p.span.end);
    }
    write.model.setValue(next);
    try {
      const saved = await withProgress(root, () => session.save(`what-if: ${changed.map((n) => overrideText(n, values.get(n.path)!)).join(", ")}`));
      if (saved) {
        values.clear();
        notify(t("saved", { seq: saved.seq, hash: saved.hash.slice(0, 8) }));
        await run.run();
        build();
      }
    } catch (e) {
      notifyError(e);
    }
  };

  const drawBar = (): void => replace(bar,
    h("button", { "data-testid": "whatif-reset", onclick: reset }, t("whatifReset")),
    h("button", { class: "primary", "data-testid": "whatif-save", onclick: () => void saveAsVersion() }, t("saveAsVersion")));
  run.onResults(() => { latest = null; values.clear(); build(); });
  onLanguage(build);
  return view;
}
