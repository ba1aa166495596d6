/**
 * The impact diff as terminal text: a summary line, then one row per region (total, its change,
 * rank and grade under both versions), each followed by the indicators whose contribution moved
 * most.
 */
import stringWidth from "string-width";
import type { ImpactDiff, RegionImpact } from "./impact-types.js";
import { named, num, signed } from "./render.js";

function pad(s: string, width: number, right = false): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(s)));
  return right ? fill + s : s + fill;
}

function cells(r: RegionImpact): string[] {
  const a = r.old;
  const b = r.new;
  const arrow = (x: string | null, y: string | null) => `${x ?? "—"} → ${y ?? "—"}`;
  const gain = r.rankGain === null || r.rankGain === 0 ? "" : r.rankGain > 0 ? `↑${r.rankGain}` : `↓${-r.rankGain}`;
  return [
    r.region,
    arrow(a ? num(a.total) : null, b ? num(b.total) : null),
    r.scoreDelta === null ? "" : signed(r.scoreDelta),
    arrow(a ? String(a.rank) : null, b ? String(b.rank) : null),
    gain,
    (a?.grade ?? null) !== null || (b?.grade ?? null) !== null ? `${arrow(a?.grade ?? null, b?.grade ?? null)}${r.gradeChanged ? " *" : ""}` : "",
  ];
}

/** Renders an impact diff as terminal text. */
export function renderImpact(d: ImpactDiff): string {
  const s = d.summary;
  const out = [
    `影响差异 impact diff: ${d.old.name} → ${d.new.name}, ${s.regions} region${s.regions === 1 ? "" : "s"}`,
    `  rank changed for ${s.rankChanged}, grade changed for ${s.gradeChanged}; largest score change ${num(s.maxScoreChange)}`,
    "",
  ];
  const head = ["地区 region", "总分 total", "Δ", "排名 rank", "", "等次 grade"];
  const rows = d.regions.map(cells);
  const w = head.map((h, k) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[k]!))));
  const fmt = (r: string[]) => `  ${r.map((c, k) => pad(c, w[k]!, k === 2)).join("  ")}`.trimEnd();
  out.push(fmt(head));
  d.regions.forEach((r, k) => {
    out.push(fmt(rows[k]!));
    for (const x of r.drivers) out.push(`      ${named(x.path, x.label)}  ${num(x.old)} → ${num(x.new)}  ${signed(x.delta)}`);
  });
  return out.join("\n") + "\n";
}
