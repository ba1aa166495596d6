/** The report's print stylesheet: A4 pages, CJK fonts, one region per page. */
export const BULLETIN_CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 4mm; } h2 { font-size: 14pt; margin: 6mm 0 3mm; border-bottom: 1.5pt solid #8b1a1a; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 2mm; }
.meta { color: #555; font-size: 9pt; } .receipt { font-family: monospace; font-size: 7.5pt; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; page-break-inside: auto; }
th, td { border: 0.5pt solid #999; padding: 1mm 2mm; text-align: left; } th { background: #f0ebe6; }
tr { page-break-inside: avoid; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.grade-0 { color: #0b6b2f; font-weight: bold; } .grade-last { color: #a40000; font-weight: bold; }
.page { page-break-before: always; } .summary td { border: none; padding: 0.5mm 3mm 0.5mm 0; }
.chart { width: 100%; max-height: 80mm; } .bar { fill: #8b1a1a; } .count, .tick, .label, .value, .name { font-size: 9px; fill: #333; }
.count { text-anchor: middle; } .tick { text-anchor: middle; } .name { text-anchor: end; }
.threshold { stroke: #d08000; stroke-dasharray: 3 2; } .full { fill: #e6e0da; } .got { fill: #8b1a1a; }
.cols { display: flex; gap: 6mm; } .cols > div { flex: 1; } ul { margin: 1mm 0; padding-left: 5mm; }
.none { color: #777; }
`;
