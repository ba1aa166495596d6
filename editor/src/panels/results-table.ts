/**
 * The results table: a row per region with rank, types, total and its parts, grade (coloured),
 * alerts, flags, vetoes and warnings; headers sort, selects filter by type and grade.
 */
import type { RegionResult } from "../api/analysis.js";
import { num, t } from "../i18n.js";
import { h, replace } from "../ui/dom.js";

/** Sorting and filters, kept between redraws. */
export interface TableState {
  sort: { key: string; dir: 1 | -1 };
  /** Filter values by key (`type.T` or `grade`); empty means all. */
  filters: Record<string, string>;
}

interface Column {
  readonly key: string;
  readonly label: string;
  readonly value: (r: RegionResult) => string | number | null;
  readonly cell?: (r: RegionResult) => HTMLElement;
}

/** A CSS class for a grade by its position among the scheme's grades (best first). */
export function gradeClass(grade: string | null, grades: readonly string[]): string {
  if (grade === null) return "grade-none";
  const i = grades.indexOf(grade);
  const n = Math.max(1, grades.length - 1);
  return `grade grade-${Math.round((i / n) * 3)}`;
}

/** Grades in order, best first, by the median total of their regions (a vetoed region does not move its grade). */
export function gradeOrder(rows: readonly RegionResult[]): string[] {
  const totals = new Map<string, number[]>();
  for (const r of rows) if (r.grade !== null) (totals.get(r.grade) ?? totals.set(r.grade, []).get(r.grade)!).push(r.total);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [...totals.entries()].map(([g, xs]) => [g, median(xs)] as const).sort((a, b) => b[1] - a[1]).map(([g]) => g);
}

function columns(rows: readonly RegionResult[], grades: readonly string[]): Column[] {
  const typologies = Object.keys(rows[0]?.types ?? {});
  const rankKeys = Object.keys(rows[0]?.ranks ?? {}).filter((k) => k !== "overall");
  const hasRules = rows.some((r) => r.bonus !== 0 || r.deduction !== 0);
  return [
    { key: "rank", label: t("rank"), value: (r) => r.ranks["overall"] ?? null },
    { key: "region", label: t("region"), value: (r) => r.region },
    ...typologies.map((k): Column => ({ key: `type.${k}`, label: k, value: (r) => r.types[k] ?? null })),
    { key: "total", label: t("total"), value: (r) => r.total },
    ...(hasRules ? [
      { key: "bonus", label: t("bonus"), value: (r: RegionResult) => r.bonus },
      { key: "deduction", label: t("deduction"), value: (r: RegionResult) => r.deduction },
    ] : []),
    { key: "grade", label: t("grade"), value: (r) => r.grade, cell: (r) => h("span", { class: gradeClass(r.grade, grades) }, r.grade ?? "—") },
    ...rankKeys.map((k): Column => ({ key: `rank.${k}`, label: `${t("rank")}·${k}`, value: (r) => r.ranks[k] ?? null })),
    { key: "notes", label: t("warnings"), value: (r) => r.alerts.filter((a) => a.color !== "green").length + r.flags.length + r.vetoes.length + r.issues.length, cell: notes },
  ];
}

function notes(r: RegionResult): HTMLElement {
  return h("span", { class: "notes" },
    ...r.alerts.filter((a) => a.color === "red" || a.color === "yellow").map((a) => h("span", { class: `alert ${a.color}`, title: a.label }, `● ${a.label}`)),
    ...r.vetoes.map((v) => h("span", { class: "veto", title: t("vetoes") }, `✖ ${v.label}`)),
    ...r.flags.map((f) => h("span", { class: "flag", title: t("flags") }, `⚑ ${f}`)),
    r.issues.length ? h("span", { class: "warn", title: r.issues.map((i) => i.message).join("\n") }, `⚠ ${r.issues.length}`) : null);
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "zh-CN");
}

/** Renders the table into `root`; `redraw` is called after the state changes; `pick` with a clicked region. */
export function renderResultsTable(root: HTMLElement, rows: readonly RegionResult[], state: TableState, redraw: () => void, pick: (region: string) => void): void {
  const grades = gradeOrder(rows);
  const cols = columns(rows, grades);
  const filterKeys = [...cols.filter((c) => c.key.startsWith("type.")).map((c) => c.key), "grade"];
  const shown = rows.filter((r) => filterKeys.every((k) => !state.filters[k] || String(cols.find((c) => c.key === k)!.value(r)) === state.filters[k]));
  const sortCol = cols.find((c) => c.key === state.sort.key) ?? cols[0]!;
  const sorted = [...shown].sort((a, b) => state.sort.dir * compare(sortCol.value(a), sortCol.value(b)));
  const filters = filterKeys.map((k) => {
    const col = cols.find((c) => c.key === k)!;
    const values = [...new Set(rows.map((r) => col.value(r)).filter((v) => v !== null).map(String))];
    if (k === "grade") values.sort((a, b) => grades.indexOf(a) - grades.indexOf(b));
    const sel = h("select", { "data-filter": k, onchange: (e) => { state.filters[k] = (e.target as HTMLSelectElement).value; redraw(); } },
      h("option", { value: "" }, t("all")), ...values.map((v) => h("option", { value: v }, v)));
    sel.value = state.filters[k] ?? "";
    return h("label", { class: "field" }, col.label, sel);
  });
  const head = h("tr", {}, ...cols.map((c) => h("th", {
    "data-key": c.key, class: c.key === state.sort.key ? (state.sort.dir === 1 ? "sorted asc" : "sorted desc") : "",
    onclick: () => { state.sort = { key: c.key, dir: state.sort.key === c.key ? (-state.sort.dir as 1 | -1) : c.key === "total" ? -1 : 1 }; redraw(); },
  }, c.label)));
  const body = sorted.map((r) => h("tr", { "data-region": r.region, onclick: (e) => { select(e.currentTarget as HTMLElement); pick(r.region); } },
    ...cols.map((c) => h("td", { class: `col-${c.key.split(".")[0]}` }, c.cell ? c.cell(r) : fmt(c.value(r))))));
  replace(root, h("div", { class: "bar filters" }, h("span", { class: "muted" }, `${shown.length}/${rows.length} · ${t("sortHint")}`), ...filters),
    h("table", { class: "grid results-table", "data-testid": "results-table" }, h("thead", {}, head), h("tbody", {}, ...body)));
}

function select(row: HTMLElement): void {
  for (const r of row.parentElement?.querySelectorAll("tr.selected") ?? []) r.classList.remove("selected");
  row.classList.add("selected");
}

function fmt(v: string | number | null): string {
  return v === null ? "—" : typeof v === "number" ? num(v, 2) : v;
}

/** The table as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese), rows as sorted and filtered on screen. */
export function tableCsv(root: HTMLElement): string {
  const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [...root.querySelectorAll("table.results-table tr")].map((tr) => [...tr.children].map((c) => quote((c.textContent ?? "").trim())).join(","));
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
