/** A deterministic generator of large, valid schemes for the parse/check benchmark. */

/** Builds a scheme of about `lines` lines: inputs, derived values, a deep tree, rules and grades. */
export function generateScheme(lines: number): string {
  const dims = Math.max(1, Math.round(lines / 250));
  const subs = 5;
  const leaves = Math.max(1, Math.ceil((lines - dims * 10) / (dims * subs * 10)));
  const out: string[] = [`scheme "生成方案" period 2026 unit region`, ``, `input urban percent label "城镇化率" range 0..100`];
  out.push(`typology area "区域" {`, `  core "中心城区" when urban >= 70`, `  plain "平原" when urban >= 40`, `  hill "山区" otherwise`, `}`, ``);
  const indicators: string[] = [];
  for (let d = 0; d < dims; d++) {
    indicators.push(`dimension d${d} "维度${d}" points ${subs * leaves * 2} {`);
    for (let s = 0; s < subs; s++) {
      indicators.push(`  dimension s${s} "子维度${s}" points ${leaves * 2} {`);
      for (let i = 0; i < leaves; i++) indicators.push(...leaf(`x_${d}_${s}_${i}`, i, out));
      indicators.push(`  }`);
    }
    indicators.push(`}`, ``);
  }
  out.push(``, ...indicators);
  out.push(`bonus "创新加分" max 5 {`, `  1 per x_0_0_0_bonus max 3`, `}`);
  out.push(`input x_0_0_0_bonus count default 0`);
  out.push(`grades { "优秀" >= 90 quota at most 20%, "良好" >= 80, "合格" >= 60, "不合格" }`, `rank overall, within area`);
  return out.join("\n") + "\n";
}

function leaf(name: string, i: number, inputs: string[]): string[] {
  inputs.push(`input ${name} percent label "指标${name}" range 0..100`);
  const method = i % 3 === 0 ? `minmax` : i % 3 === 1 ? `goalposts floor 40 target 90` : `bands { >= 90: 2, >= 75: 1.5, >= 60: 1, else 0 }`;
  return [
    `    /// 指标 ${name}`,
    `    indicator ${name} "指标${name}" points 2 higher {`,
    `      ${method}`,
    `      for hill { goalposts floor 30 target 80 }`,
    `      deduct 0.1 per 1pp below 50 max 1`,
    `      cap 2`,
    `      floor 0`,
    `      missing zero`,
    `    }`,
  ];
}
