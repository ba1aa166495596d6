/**
 * The what-if view: a slider on every written weight or points of the indicator tree. The
 * evaluation worker holds the base run (prepared when a run finishes or the view opens); each
 * move sends the overrides there (coalesced: only the newest waiting move is computed) and the
 * ranking redraws from the typed arrays it answers, rank changes highlighted. When the worker
 * cannot be used the server computes instead. "Save as new version" writes the slider values
 * into the scheme text and saves it.
 */
import { whatIf } from "../api/analysis.js";
import { Coalescer } from "../eval/coalesce.js";
import { WhatIfRejected, type EvalClient } from "../eval/client.js";
import { baseOfJson, outcomeOfJson } from "../eval/from-json.js";
import type { BaseRun, WhatIfOutcome } from "../eval/protocol.js";
import { num, onLanguage, t } from "../i18n.js";
import { flatten, type TreeEntry } from "../lang/analysis.js";
import type { Session } from "../session.js";
import { h, replace } from "../ui/dom.js";
import { notify, notifyError, withProgress } from "../ui/notice.js";
import { createRankingTable } from "./ranking-table.js";
import type { RunView } from "./run.js";
import type { WriteView } from "./write.js";

/** Timing of one slider move, from the input event to the redrawn ranking. */
export interface ReRankTiming {
  /** Input event → the ranking's rows rewritten. */
  readonly totalMs: number;
  /** Input event → the first frame painted after that (a task after the next animation frame). */
  readonly paintedMs: number;
  /** Time the worker spent on the what-if (0 on the server path). */
  readonly workerMs: number;
  /** Time the page spent rewriting the ranking's rows. */
  readonly drawMs: number;
  readonly regions: number;
  readonly via: "worker" | "server";
}

/** Where what-ifs are computed now. */
export type WhatIfMode = "idle" | "preparing" | "worker" | "server";

/** The what-if view. */
export interface WhatIfView {
  readonly root: HTMLElement;
  /** Every slider-to-ranking timing measured so far. */
  readonly timings: ReRankTiming[];
  /** Where what-ifs are computed for the current run. */
  readonly mode: WhatIfMode;
  /** The overrides the sliders stand for now (`path.points=V` / `path.weight=V`). */
  overrides(): string[];
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

/** Calls `f` once the frame after now has been painted. */
function afterPaint(f: () => void): void {
  requestAnimationFrame(() => {
    const c = new MessageChannel();
    c.port1.onmessage = () => f();
    c.port2.postMessage(null);
  });
}

/** Builds the what-if view; `evaluator` is the evaluation worker's client. */
export function createWhatIfView(session: Session, write: WriteView, run: RunView, evaluator: EvalClient): WhatIfView {
  const sliders = h("aside", { class: "sliders", "data-testid": "sliders" });
  const table = createRankingTable();
  const ranking = h("div", { class: "ranking", "data-testid": "whatif-ranking" }, table.root);
  const bar = h("div", { class: "bar" });
  const root = h("div", { class: "view whatif-view" }, bar, h("div", { class: "whatif-body" }, sliders, ranking));
  const values = new Map<string, number>();
  let nodes: TreeEntry[] = [];
  let mode: WhatIfMode = "idle";
  /** Why the worker is not used for this run (server mode). */
  let fallback = "";
  /** Bumped by every new run: answers for an older one are dropped. */
  let generation = 0;
  /** The run whose ranking the table shows. */
  let shownGeneration = -1;
  let serverBase: BaseRun | null = null;
  const timings: ReRankTiming[] = [];
  const overrides = (): string[] => nodes.filter((n) => values.get(n.path) !== n.shareParts!.value).map((n) => overrideText(n, values.get(n.path)!));
  const view: WhatIfView = { root, timings, get mode() { return mode; }, overrides, shown: () => build() };

  /** Where the ranking was computed, and the first warning about the overrides (e.g. shares re-normalised). */
  const note = (now: WhatIfOutcome | null = null): string => {
    const where = mode === "server" ? t("whatifServer", { detail: fallback }) : mode === "worker" ? t("whatifLocal") : mode === "preparing" ? t("whatifPreparing") : "";
    const warnings = (now?.issues ?? []).filter((i) => i.severity === "warning");
    return warnings.length === 0 ? where : `${where} · ⚠ ${warnings[0]!.override}: ${warnings[0]!.message}${warnings.length > 1 ? ` (+${warnings.length - 1})` : ""}`;
  };
  const jsonBase = (): BaseRun | null => (run.last ? (serverBase ??= baseOfJson(run.last.results.regions)) : null);

  /** Prepares the worker's base run for the current results; on failure what-ifs go to the server. */
  const prepare = async (): Promise<BaseRun | null> => {
    const last = run.last;
    if (!last || mode === "server") return null;
    const gen = generation;
    if (mode === "idle") mode = "preparing";
    try {
      const b = await evaluator.prepare(last.source, last.data, last.results.receipt);
      if (gen === generation && mode === "preparing") mode = "worker";
      return gen === generation ? b : null;
    } catch (e) {
      if (gen === generation) { mode = "server"; fallback = e instanceof Error ? e.message : String(e); }
      return null;
    }
  };

  /** Shows an outcome and, for a move (`since` not null), records its timing once the frame is painted. */
  const draw = (since: number | null, via: ReRankTiming["via"], base: BaseRun, now: WhatIfOutcome | null): void => {
    const t0 = performance.now();
    table.show(base, now, note(now));
    if (since === null) return;
    const done = performance.now();
    const timing = { totalMs: done - since, drawMs: done - t0, workerMs: now?.workerMs ?? 0, regions: base.regions.length, via };
    afterPaint(() => timings.push({ ...timing, paintedMs: performance.now() - since }));
  };

  const viaServer = async (list: readonly string[], since: number | null, gen: number): Promise<void> => {
    const last = run.last!;
    const base = jsonBase()!;
    const res = list.length === 0 ? null : await whatIf(last.target, last.data, list);
    if (gen !== generation) return;
    draw(since, "server", base, res ? outcomeOfJson(base, res.regions) : null);
  };

  const compute = async (list: readonly string[], since: number | null): Promise<void> => {
    if (!run.last) return;
    const gen = generation;
    try {
      const base = await prepare();
      if (gen !== generation) return;
      if (base) {
        try {
          const now = list.length === 0 ? null : await evaluator.whatIf(list);
          if (gen !== generation) return;
          return draw(since, "worker", base, now);
        } catch (e) {
          if (e instanceof WhatIfRejected) return notify(e.message, "error");
          mode = "server";
          fallback = e instanceof Error ? e.message : String(e);
        }
      }
      await viaServer(list, since, gen);
    } catch (e) {
      notifyError(e);
    }
  };
  const moves = new Coalescer<readonly string[]>(compute);

  const slider = (n: TreeEntry): HTMLElement => {
    const p = n.shareParts!;
    const out = h("span", { class: "value" }, num(values.get(n.path)!, 3));
    const input = h("input", {
      type: "range", min: 0, max: sliderMax(n), step: sliderMax(n) <= 1 ? 0.01 : 0.5, value: values.get(n.path)!, "data-path": n.path,
      oninput: (e) => {
        const v = Number((e.target as HTMLInputElement).value);
        values.set(n.path, v);
        out.textContent = num(v, 3);
        moves.submit(overrides(), performance.now());
      },
    });
    const depth = n.path.split(".").length - 1;
    return h("div", { class: `slider depth-${depth}`, style: `padding-left:${depth * 14}px` },
      h("div", { class: "slider-label" }, h("span", {}, n.label), h("span", { class: "muted" }, `${p.unit === "points" ? t("points") : t("localWeight")} ${p.value}${p.percent ? "%" : ""} →`), out), input);
  };

  /** Redraws the sliders and the ranking for the current values (not a timed move). */
  const build = (): void => {
    drawBar();
    if (!run.last) {
      table.show(null, null);
      return replace(sliders, h("p", { class: "empty" }, t("noResults")));
    }
    nodes = flatten(write.client.latest?.tree ?? []).filter((n) => n.shareParts !== null);
    for (const n of nodes) if (!values.has(n.path)) values.set(n.path, n.shareParts!.value);
    replace(sliders, h("p", { class: "muted" }, t("whatifHint")), ...nodes.map(slider));
    if (shownGeneration === generation) table.redraw();
    else table.show(jsonBase(), null, note());
    shownGeneration = generation;
    moves.submit(overrides(), null);
  };

  const reset = (): void => {
    values.clear();
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
  run.onResults(() => {
    generation++;
    mode = "idle";
    fallback = "";
    serverBase = null;
    values.clear();
    build();
  });
  onLanguage(build);
  return view;
}
