/** Renders a bulletin as one self-contained HTML document that prints cleanly to A4. */
import type { Bulletin, DimensionStandings, RankingGroup, RegionPage } from "../engine/bulletin/types.js";
import { esc, num } from "./escape.js";
import { BULLETIN_CSS } from "./style.js";
import { contributionSvg, histogramSvg } from "./svg.js";

const REASONS: Record<string, string> = {
  "quota-at-most": "名额限制", "quota-at-least": "保底名额", veto: "一票否决", "veto-top": "一票否优", threshold: "按分数",
};

/** The whole report. */
export function bulletinHtml(b: Bulletin): string {
  const grades = b.gradeCounts.map((g) => g.grade);
  const gradeClass = (g: string | null) => (g === grades[0] ? "grade-0" : g !== null && g === grades[grades.length - 1] ? "grade-last" : "");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(b.title)} 考核通报</title><style>${BULLETIN_CSS}</style></head>
<body>
<h1>${esc(b.title)}${b.period ? ` <span class="meta">（${esc(b.period)}年度）</span>` : ""} 考核通报</h1>
<p class="meta">参评地区 ${b.regionCount} 个。${b.gradeCounts.map((g) => `${esc(g.grade)} ${g.count} 个`).join("，")}。</p>
<p class="meta receipt">复核凭据（receipt）：${esc(b.receipt)}</p>
<h2>一、排名与等次</h2>
${b.rankings.map((g) => rankingTable(g, gradeClass)).join("\n")}
<h2>二、总分分布</h2>
${histogramSvg(b.distribution.bins, b.distribution.thresholds)}
<h2>三、各维度领先与落后地区</h2>
${b.dimensions.map(dimensionBlock).join("\n")}
<h2>四、名次变化</h2>
${rankChanges(b)}
<h2>五、因名额或否决调整等次的地区</h2>
${displaced(b)}
${b.regions.map((r) => regionPage(r, gradeClass)).join("\n")}
</body></html>
`;
}

function rankingTable(g: RankingGroup, gradeClass: (g: string | null) => string): string {
  const within = g.rows.some((r) => r.rankWithin !== null);
  const rows = g.rows.map((r) => `<tr><td>${esc(r.region)}</td><td class="n">${num(r.total)}</td><td class="n">${r.rank}</td>`
    + `${within ? `<td class="n">${r.rankWithin ?? ""}</td>` : ""}<td class="${gradeClass(r.grade)}">${esc(r.grade ?? "")}${r.gradeReason && r.gradeReason !== "threshold" ? `（${esc(REASONS[r.gradeReason] ?? r.gradeReason)}）` : ""}</td>`
    + `<td>${r.flags.map(esc).join("、")}</td></tr>`).join("\n");
  return `<h3>${esc(g.title)}</h3><table><thead><tr><th>地区</th><th>总分</th><th>总排名</th>${within ? "<th>类内排名</th>" : ""}<th>等次</th><th>提示</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function dimensionBlock(d: DimensionStandings): string {
  const list = (xs: DimensionStandings["leaders"]) => xs.map((s) => `<li>${esc(s.region)} ${num(s.score)} / ${num(s.points)}</li>`).join("");
  return `<h3>${esc(d.label)}</h3><div class="cols"><div>领先<ul>${list(d.leaders)}</ul></div><div>落后<ul>${list(d.laggards)}</ul></div></div>`;
}

function rankChanges(b: Bulletin): string {
  if (!b.rankChanges) return `<p class="none">未提供上期或上一版本的结果。</p>`;
  if (b.rankChanges.changes.length === 0) return `<p class="none">与${esc(b.rankChanges.against)}相比，名次无变化。</p>`;
  const rows = b.rankChanges.changes.map((c) => `<tr><td>${esc(c.region)}</td><td class="n">${c.before}</td><td class="n">${c.after}</td><td class="n">${c.after < c.before ? "↑" : "↓"}${Math.abs(c.after - c.before)}</td></tr>`).join("\n");
  return `<p class="meta">对比：${esc(b.rankChanges.against)}</p><table><thead><tr><th>地区</th><th>原名次</th><th>现名次</th><th>变化</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function displaced(b: Bulletin): string {
  if (b.displaced.length === 0) return `<p class="none">无。</p>`;
  const rows = b.displaced.map((d) => `<tr><td>${esc(d.region)}</td><td class="n">${num(d.total)}</td><td>${esc(d.earned)}</td><td>${esc(d.got)}</td><td>${esc(REASONS[d.reason] ?? d.reason)}</td></tr>`).join("\n");
  return `<table><thead><tr><th>地区</th><th>总分</th><th>按分数应得</th><th>实得等次</th><th>原因</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

const FIRED: Record<RegionPage["fired"][number]["kind"], string> = { bonus: "加分", deduction: "扣分", veto: "否决", flag: "提示", alert: "预警" };

function regionPage(r: RegionPage, gradeClass: (g: string | null) => string): string {
  const fired = r.fired.length === 0 ? `<p class="none">无加分、扣分或否决事项。</p>`
    : `<ul>${r.fired.map((f) => `<li>【${FIRED[f.kind]}】${esc(f.text)}${f.amount !== null ? ` ${num(f.amount)} 分` : ""}</li>`).join("")}</ul>`;
  const next = r.nextGrade === null ? `<p class="none">已是最高等次，或无可达路径。</p>` : `<ul>${r.nextGrade.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>`;
  return `<section class="page"><h2>${esc(r.region)}</h2>
<table class="summary"><tr><td>类型：${esc(r.types.join("、") || "—")}</td><td>总分：<b>${num(r.total)}</b></td><td>排名：${r.rank}</td><td>等次：<span class="${gradeClass(r.grade)}">${esc(r.grade ?? "—")}</span></td></tr>
<tr><td>指标得分：${num(r.treeScore)}</td><td>加分：${num(r.bonus)}</td><td>扣分：${num(r.deduction)}</td><td></td></tr></table>
<h3>得分构成</h3>${contributionSvg(r.contributions)}
<h3>加分、扣分与否决事项</h3>${fired}
<h3>晋升下一等次需要</h3>${next}
</section>`;
}
