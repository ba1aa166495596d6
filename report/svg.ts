/** The report's charts as inline SVG (no script, prints the same everywhere). */
import type { Bin, Contribution } from "../engine/bulletin/types.js";
import { esc, num } from "./escape.js";

/** A histogram of totals with the grade thresholds marked. */
export function histogramSvg(bins: readonly Bin[], thresholds: readonly { grade: string; total: number }[]): string {
  if (bins.length === 0) return "";
  const w = 640, h = 200, pad = 30;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const lo = bins[0]!.from, hi = bins[bins.length - 1]!.to;
  const x = (v: number) => pad + ((v - lo) / Math.max(1e-9, hi - lo)) * (w - 2 * pad);
  const bars = bins.map((b) => {
    const bh = (b.count / max) * (h - 2 * pad);
    return `<rect x="${x(b.from) + 1}" y="${h - pad - bh}" width="${Math.max(1, x(b.to) - x(b.from) - 2)}" height="${bh}" class="bar"/>`
      + `<text x="${(x(b.from) + x(b.to)) / 2}" y="${h - pad - bh - 3}" class="count">${b.count || ""}</text>`;
  }).join("");
  const axis = bins.map((b) => `<text x="${x(b.from)}" y="${h - pad + 14}" class="tick">${num(b.from)}</text>`).join("")
    + `<text x="${x(hi)}" y="${h - pad + 14}" class="tick">${num(hi)}</text>`;
  const marks = thresholds.filter((t) => t.total >= lo && t.total <= hi).map((t) =>
    `<line x1="${x(t.total)}" x2="${x(t.total)}" y1="${pad - 10}" y2="${h - pad}" class="threshold"/><text x="${x(t.total) + 3}" y="${pad - 2}" class="label">${esc(t.grade)} ≥ ${num(t.total)}</text>`).join("");
  return `<svg viewBox="0 0 ${w} ${h}" class="chart" role="img" aria-label="总分分布">${bars}${axis}${marks}</svg>`;
}

/** Horizontal bars: each dimension's score out of its points. */
export function contributionSvg(items: readonly Contribution[]): string {
  const rowH = 22, labelW = 150, barW = 380, w = labelW + barW + 90;
  const h = items.length * rowH + 10;
  const max = Math.max(1e-9, ...items.map((c) => Math.max(c.points, c.score)));
  const rows = items.map((c, k) => {
    const y = 5 + k * rowH;
    const full = (c.points / max) * barW, got = (Math.max(0, c.score) / max) * barW;
    return `<text x="${labelW - 6}" y="${y + 15}" class="name">${esc(c.label)}</text>`
      + `<rect x="${labelW}" y="${y + 3}" width="${full}" height="14" class="full"/>`
      + `<rect x="${labelW}" y="${y + 3}" width="${got}" height="14" class="got"/>`
      + `<text x="${labelW + Math.max(full, got) + 6}" y="${y + 15}" class="value">${num(c.score)} / ${num(c.points)}</text>`;
  }).join("");
  return `<svg viewBox="0 0 ${w} ${h}" class="chart bars" role="img" aria-label="得分构成">${rows}</svg>`;
}
