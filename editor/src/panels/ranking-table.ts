/**
 * The what-if ranking: every region best first with its total, change in total, old and new rank
 * and grade, rank changes highlighted. Drawn straight from typed arrays and virtualised: only
 * the rows in view (and a margin) exist, reused between draws, so a re-rank of thousands of
 * regions costs the same as one of forty.
 */
import type { BaseRun, WhatIfOutcome } from "../eval/protocol.js";
import { num, t } from "../i18n.js";
import { h, replace } from "../ui/dom.js";

/** The ranking table of the what-if view. */
export interface RankingTable {
  readonly root: HTMLElement;
  /** Draws `now` (null: the base run itself) against `base`; `note` goes in the summary line. */
  show(base: BaseRun | null, now: WhatIfOutcome | null, note?: string): void;
  /** Draws again (after the view was hidden, resized or scrolled). */
  redraw(): void;
}

/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 30;
const WIDTHS = ["9%", "auto", "14%", "12%", "11%", "12%", "16%"];

/** One pooled row: its cells and the grade cell's two parts. */
interface Row {
  readonly tr: HTMLTableRowElement;
  readonly td: readonly HTMLTableCellElement[];
  readonly grade: Text;
  readonly oldGrade: HTMLSpanElement;
}

function makeRow(): Row {
  const td = WIDTHS.map(() => h("td", {}));
  const grade = document.createTextNode("");
  const oldGrade = h("span", { class: "muted" });
  td[4]!.className = "muted";
  td[5]!.className = "change";
  td[6]!.append(grade, oldGrade);
  return { tr: h("tr", {}, ...td), td, grade, oldGrade };
}

const colgroup = (): HTMLElement => h("colgroup", {}, ...WIDTHS.map((w) => h("col", w === "auto" ? {} : { style: `width:${w}` })));

/** Builds the ranking table. */
export function createRankingTable(): RankingTable {
  const summary = h("div", { class: "ranking-summary muted", "data-testid": "whatif-summary" });
  const headRow = h("tr", {});
  const head = h("table", { class: "grid ranking-head" }, colgroup(), h("thead", {}, headRow));
  const body = h("tbody", {});
  const table = h("table", { class: "grid ranking-rows", "data-testid": "whatif-table" }, colgroup(), body);
  const space = h("div", { class: "ranking-space" }, table);
  // The header sits in the scroller (sticky), so both tables share its width, scrollbar or not.
  const scroller = h("div", { class: "ranking-scroll" }, head, space);
  const root = h("div", { class: "ranking-view" }, summary, scroller);
  const pool: Row[] = [];
  let rowPx = 28;
  let measured = false;
  let base: BaseRun | null = null;
  let now: WhatIfOutcome | null = null;
  let note = "";
  let frame = 0;

  const fill = (row: Row, i: number, overall: number): void => {
    const b = base!;
    const cur = now ?? b;
    const rank = overall >= 0 ? cur.ranks[overall]![i]! : 0;
    const oldRank = overall >= 0 ? b.ranks[overall]![i]! : 0;
    const change = now ? now.rankChange[i]! : 0;
    const delta = now ? cur.total[i]! - b.total[i]! : 0;
    const g = cur.grade[i]!;
    const region = b.regions[i]!;
    row.tr.className = change > 0 ? "moved up" : change < 0 ? "moved down" : "";
    row.tr.dataset["region"] = region;
    row.tr.dataset["change"] = String(change);
    const [c0, c1, c2, c3, c4, c5] = row.td;
    c0!.textContent = rank > 0 ? String(rank) : "—";
    c1!.textContent = region;
    c2!.textContent = num(cur.total[i]);
    c3!.textContent = delta === 0 ? "" : `${delta > 0 ? "+" : ""}${num(delta)}`;
    c3!.className = delta > 0 ? "up" : delta < 0 ? "down" : "";
    c4!.textContent = oldRank > 0 ? String(oldRank) : "—";
    c5!.textContent = change > 0 ? `▲ ${change}` : change < 0 ? `▼ ${-change}` : "–";
    row.grade.textContent = b.gradeLabels[g] ?? "—";
    row.oldGrade.textContent = g !== b.grade[i] ? ` (${b.gradeLabels[b.grade[i]!] ?? "—"})` : "";
  };

  const draw = (): void => {
    frame = 0;
    if (!base) return;
    const n = base.regions.length;
    const cur = now ?? base;
    const overall = base.rankings.indexOf(null);
    const first = Math.min(n, Math.floor(scroller.scrollTop / rowPx));
    const visible = scroller.clientHeight > 0 ? Math.ceil(scroller.clientHeight / rowPx) + 1 : 40;
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(n, first + visible + OVERSCAN);
    space.style.height = `${n * rowPx}px`;
    table.style.transform = `translateY(${start * rowPx}px)`;
    while (pool.length < end - start) pool.push(makeRow());
    if (body.childElementCount !== end - start) replace(body, ...pool.slice(0, end - start).map((r) => r.tr));
    for (let k = start; k < end; k++) fill(pool[k - start]!, cur.order[k]!, overall);
    // The row height is measured once shown (CSS decides it); positions are multiples of it.
    const px = measured || end === start ? 0 : pool[0]!.tr.getBoundingClientRect().height;
    if (px > 0) {
      measured = true;
      if (Math.abs(px - rowPx) > 0.5) { rowPx = px; draw(); }
    }
  };

  const drawSummary = (): void => {
    if (!base) return replace(summary);
    const n = base.regions.length;
    const text = now ? t("whatifSummary", { n, moved: now.moved, grades: now.gradeChanged }) : t("whatifBase", { n });
    replace(summary, text, note ? ` · ${note}` : "");
  };

  const drawHead = (): void => replace(headRow,
    h("th", {}, t("rank")), h("th", {}, t("region")), h("th", {}, t("total")), h("th", {}, "Δ"),
    h("th", {}, `${t("rank")}（${t("before")}）`), h("th", {}, t("rankChange")), h("th", {}, t("grade")));

  scroller.addEventListener("scroll", () => { if (!frame) frame = requestAnimationFrame(draw); });
  window.addEventListener("resize", () => { if (!frame) frame = requestAnimationFrame(draw); });
  drawHead();
  return {
    root,
    show: (b, o, n = "") => {
      if (b !== base) scroller.scrollTop = 0;
      base = b;
      now = o;
      note = n;
      drawHead();
      drawSummary();
      if (!b) replace(body);
      draw();
    },
    redraw: () => { drawHead(); drawSummary(); draw(); },
  };
}
