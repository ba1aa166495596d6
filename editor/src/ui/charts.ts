/**
 * Two small SVG charts: horizontal bars (a region's contribution per indicator against its
 * points) and rank intervals (each region's range of ranks under sensitivity sampling).
 */
import { num } from "../i18n.js";
import { svg } from "./dom.js";

/** One bar: earned `value` out of `max`. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  /** Indent level (0 for dimensions). */
  readonly depth: number;
}

const ROW = 22;
const LABEL_W = 200;

function text(x: number, y: number, s: string, attrs: Readonly<Record<string, string | number>> = {}): SVGElement {
  return svg("text", { x, y, "font-size": 12, "dominant-baseline": "middle", ...attrs }, s);
}

/** A horizontal bar chart: grey track for the points, coloured bar for the contribution. */
export function barChart(bars: readonly Bar[], width = 560): SVGElement {
  const scaleMax = Math.max(1e-9, ...bars.map((b) => Math.max(b.max, b.value)));
  const plot = width - LABEL_W - 70;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 4;
    const w = (v: number): number => Math.max(0, (v / scaleMax) * plot);
    const ratio = b.max > 0 ? b.value / b.max : 0;
    const colour = ratio >= 0.9 ? "#2e7d32" : ratio >= 0.6 ? "#2457c5" : ratio >= 0.3 ? "#b26a00" : "#c62828";
    return svg("g", { class: "bar", "data-label": b.label },
      text(4 + b.depth * 12, y + 8, b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label, { "font-weight": b.depth === 0 ? "bold" : "normal" }),
      svg("rect", { x: LABEL_W, y, width: w(b.max), height: 16, fill: "#e7eaf0", rx: 2 }),
      svg("rect", { x: LABEL_W, y, width: w(b.value), height: 16, fill: colour, rx: 2 }),
      text(LABEL_W + w(Math.max(b.max, b.value)) + 6, y + 8, `${num(b.value)} / ${num(b.max)}`, { fill: "#444" }));
  });
  return svg("svg", { class: "chart bar-chart", width, height: bars.length * ROW + 8, role: "img" }, ...rows);
}

/** One region's rank interval. */
export interface Interval {
  readonly label: string;
  /** Rank in the base run. */
  readonly base: number;
  readonly low: number;
  readonly high: number;
  /** Chance (0..1) that the grade differs from the base run's, if known. */
  readonly gradeChange: number | null;
}

/** Rank intervals on a common axis (rank 1 at the left), the base rank as a dot. */
export function intervalChart(items: readonly Interval[], regions: number, width = 640): SVGElement {
  const plot = width - LABEL_W - 80;
  const x = (rank: number): number => LABEL_W + ((rank - 1) / Math.max(1, regions - 1)) * plot;
  const axis = svg("g", { class: "axis" },
    svg("line", { x1: LABEL_W, x2: LABEL_W + plot, y1: 10, y2: 10, stroke: "#999" }),
    text(LABEL_W, 4, "1", { "text-anchor": "middle", "font-size": 10 }),
    text(LABEL_W + plot, 4, String(regions), { "text-anchor": "middle", "font-size": 10 }));
  const rows = items.map((it, i) => {
    const y = 20 + i * ROW;
    const colour = it.high - it.low === 0 ? "#2e7d32" : it.high - it.low <= 2 ? "#2457c5" : "#c62828";
    return svg("g", { class: "interval", "data-label": it.label, "data-low": it.low, "data-high": it.high },
      text(4, y + 8, it.label),
      svg("line", { x1: x(it.low), x2: x(it.high), y1: y + 8, y2: y + 8, stroke: colour, "stroke-width": 6, "stroke-linecap": "round" }),
      svg("circle", { cx: x(it.base), cy: y + 8, r: 4, fill: "#111" }),
      text(LABEL_W + plot + 8, y + 8, `${it.low}–${it.high}${it.gradeChange !== null ? ` · ${num(it.gradeChange * 100, 0)}%` : ""}`, { fill: "#444" }));
  });
  return svg("svg", { class: "chart interval-chart", width, height: 28 + items.length * ROW, role: "img" }, axis, ...rows);
}
