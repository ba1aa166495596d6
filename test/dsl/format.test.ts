/**
 * The formatter by example: every construct's canonical layout, the fewest parentheses,
 * comments kept in place, and idempotence on the language reference's examples.
 */
import { describe, expect, it } from "vitest";
import type { InputDecl, Scheme } from "../../dsl/ast.js";
import { equalModuloSpans } from "../../dsl/equal.js";
import { formatScheme, formatSource } from "../../dsl/index.js";
import { parse } from "../../dsl/parse.js";
import { readDoc, schemeText, yardBlocks } from "../docs/doc-blocks.js";

const HEAD = `scheme "x"\n`;

/** Formats a fragment under a header and returns what follows the header. */
function fmt(body: string): string {
  const result = formatSource(HEAD + body, "t.yard");
  if (result.text === null) throw new Error(result.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join("\n"));
  expect(result.text.startsWith(HEAD)).toBe(true);
  return result.text.slice(HEAD.length).replace(/^\n/, "");
}

/** Formats one expression (as a `let`) and returns it. */
function fmtExpr(e: string): string {
  return fmt(`let v = ${e}`).replace(/^let v = /, "").replace(/\n$/, "");
}

describe("formatter: declarations", () => {
  const cases: [string, string, string][] = [
    ["header", `scheme   "t"   period  2026 unit 区县`, `scheme "t" period 2026 unit 区县\n`],
    ["header with a text period", `scheme "t" period "2026年上半年"`, `scheme "t" period "2026年上半年"\n`],
  ];
  for (const [name, input, output] of cases) {
    it(name, () => expect(formatSource(input).text).toBe(output));
  }

  const decls: [string, string, string][] = [
    ["input options in canonical order",
      `input  a   percent source "局" optional default 0 range -20 .. 30 unit "%" label "增速" values ("x")`,
      `input a percent values ("x") label "增速" unit "%" range -20..30 default 0 optional source "局"\n`],
    ["input required", `input b count required`, `input b count required\n`],
    ["let with label", `let  r "率"=a/b*100`, `let r "率" = a / b * 100\n`],
    ["table flat when it fits", `table t "目标" { "宝应": 3 "高邮": 4, else 2 }`, `table t "目标" { "宝应": 3, "高邮": 4, else 2 }\n`],
    ["table broken when too long",
      `table t { ${Array.from({ length: 12 }, (_, i) => `"地区${i}": ${i}`).join(", ")} }`,
      `table t {\n${Array.from({ length: 12 }, (_, i) => `  "地区${i}": ${i}\n`).join("")}}\n`],
    ["typology", `typology area "类型" { core "中心" when u >= 80  outer otherwise }`, `typology area "类型" { core "中心" when u >= 80, outer otherwise }\n`],
    ["check", `check a<=b   warning "超过"`, `check a <= b warning "超过"\n`],
    ["alert", `alert "预警" on total red below 60, yellow below 80`, `alert "预警" on total red below 60 yellow below 80\n`],
    ["alert without label", `alert on x red above 2`, `alert on x red above 2\n`],
    ["flag", `flag "约谈" when grade=="不合格" or score(a.b)<20`, `flag "约谈" when grade == "不合格" or score(a.b) < 20\n`],
    ["total", `total 100`, `total 100\n`],
    ["settings", `weights equal\naggregate geometric\nmissing mean within area`, `weights equal\naggregate geometric\nmissing mean within area\n`],
    ["ahp matrix", `weights ahp { [1, 3] [1/3, 1] }`, `weights ahp { [1, 3], [1 / 3, 1] }\n`],
    ["veto", `veto top "通报" when c  grade "合格"`, `veto top "通报" when c grade "合格"\n`],
    ["grades", `grades within area refill { "优" >= 90 quota at most 30% quota at least 1 "良" > 80, "差" }`,
      `grades within area refill { "优" >= 90 quota at most 30% quota at least 1, "良" > 80, "差" }\n`],
    ["rank", `rank overall,within area`, `rank overall, within area\n`],
    ["bonus block", `bonus "加分" max 5 { "奖" 2 per awards max 4  "推广" highest { 3 when p == "国", 1 when p } }`,
      `bonus "加分" max 5 { "奖" 2 per awards max 4, "推广" highest { 3 when p == "国", 1 when p } }\n`],
    ["bonus block too wide for one line (Chinese counts double)",
      `bonus "加分" max 5 { "奖" 2 per awards max 4  "推广" highest { 3 when p == "国", 1 when p == "省" } }`,
      `bonus "加分" max 5 {\n  "奖" 2 per awards max 4\n  "推广" highest { 3 when p == "国", 1 when p == "省" }\n}\n`],
    ["deduction block broken, with the comma an item starting with `-` needs",
      `deduction "扣分" { "重大事故扣分项目" 5 per accidents times 2 unless concealed, -1 per 1pp below 95 max 10, (a or b) * 2 when c, "一般" 1 per x }`,
      `deduction "扣分" {\n  "重大事故扣分项目" 5 per accidents times 2 unless concealed,\n  -1 per 1pp below 95 max 10,\n  (a or b) * 2 when c\n  "一般" 1 per x\n}\n`],
  ];
  for (const [name, input, output] of decls) {
    it(name, () => expect(fmt(input)).toBe(output));
  }
});

describe("formatter: the indicator tree", () => {
  it("lays a dimension out as settings, share overrides, then children", () => {
    expect(fmt(`dimension d "维度" points 40 { indicator a { minmax } for m points 30  weights equal  dimension e { } }`)).toBe(
      `dimension d "维度" points 40 {\n  weights equal\n  for m points 30\n  indicator a { minmax }\n  dimension e {}\n}\n`);
  });

  it("keeps an indicator with one clause on one line, and puts several one per line", () => {
    expect(fmt(`indicator a points 5 lower { ratio to best within t }`)).toBe(`indicator a points 5 lower { ratio to best within t }\n`);
    expect(fmt(`indicator a weight 30% higher`)).toBe(`indicator a weight 30% higher\n`);
    expect(fmt(`indicator a points 5 { cap 6 deduct 1 per x minmax value y transform log }`)).toBe(
      `indicator a points 5 {\n  value y\n  transform log\n  minmax\n  deduct 1 per x\n  cap 6\n}\n`);
  });

  const methods: [string, string][] = [
    ["zscore within t", "zscore within t"],
    ["goalposts  floor 0 target 6.5", "goalposts floor 0 target 6.5"],
    ["target 95% else proportional", "target 95% else proportional"],
    ["target t", "target t"],
    ["proportional to 50", "proportional to 50"],
    ["bands { >= 90: 30 , > 80: 24, ≥ 70: 18 else 10 }", "bands { >= 90: 30, > 80: 24, >= 70: 18, else 10 }"],
    ["rank points within t 60, 57, 54 then step -3 else 0", "rank points within t 60, 57, 54 then step -3 else 0"],
    ["efficacy satisfactory 100 disallowed 50", "efficacy satisfactory 100 disallowed 50"],
    ["panel trim 1 above 5 raters scale 10", "panel trim 1 above 5 raters scale 10"],
    ["ballots { 繁重: 100  较多: 80 } scale 10", "ballots { 繁重: 100, 较多: 80 } scale 10"],
    ["fuzzy { 好: 95, 一般: 50 }", "fuzzy { 好: 95, 一般: 50 }"],
    ["score 2 - a / b", "score 2 - a / b"],
    ["deduct 0.5 per 1pp below 95", "deduct 0.5 per 1pp below 95"],
    ["add 0.5 per 0.5pp above g max 2 times 2 unless c", "add 0.5 per 0.5pp above g max 2 times 2 unless c"],
    ["deduct \"返工\" 0.2 per n", "deduct \"返工\" 0.2 per n"],
    ["deduct 1 when not ok", "deduct 1 when not ok"],
    ["deduct highest { 2 when a, 1 when b }", "deduct highest { 2 when a, 1 when b }"],
    ["zero when n >= 2", "zero when n >= 2"],
    ["exempt when r > mean(r) + 5", "exempt when r > mean(r) + 5"],
    ["inapplicable when n == 0", "inapplicable when n == 0 score average"],
    ["inapplicable when n == 0 score average within t", "inapplicable when n == 0 score average within t"],
    ["floor 1", "floor 1"],
    ["missing drop", "missing drop"],
  ];
  for (const [input, output] of methods) {
    it(`prints \`${output}\``, () => expect(fmt(`indicator i points 10 { ${input} }`)).toBe(`indicator i points 10 { ${output} }\n`));
  }

  it("prints per-type overrides after the base clauses", () => {
    expect(fmt(`indicator g points 15 { for outer, m { points 10 goalposts floor 0 target 5.5 } goalposts floor 0 target 6.5 }`)).toBe(
      `indicator g points 15 {\n  goalposts floor 0 target 6.5\n  for outer, m {\n    points 10\n    goalposts floor 0 target 5.5\n  }\n}\n`);
    expect(fmt(`indicator g { for outer { minmax } }`)).toBe(`indicator g { for outer { minmax } }\n`);
  });

  it("breaks a nested list that does not fit, inside a broken indicator", () => {
    const bands = Array.from({ length: 10 }, (_, i) => `>= ${100 - i * 5}: ${10 - i}`).join(", ");
    expect(fmt(`indicator s points 10 { bands { ${bands}, else 0 } }`)).toBe(
      `indicator s points 10 {\n  bands {\n${Array.from({ length: 10 }, (_, i) => `    >= ${100 - i * 5}: ${10 - i},\n`).join("")}    else 0\n  }\n}\n`);
  });
});

describe("formatter: expressions", () => {
  const cases: [string, string][] = [
    ["(a + b) * c", "(a + b) * c"],
    ["a + (b * c)", "a + b * c"],
    ["(a - b) - c", "a - b - c"],
    ["a - (b - c)", "a - (b - c)"],
    ["a / (b / c)", "a / (b / c)"],
    ["((a))", "a"],
    ["a or (b and c)", "a or b and c"],
    ["(a or b) and c", "(a or b) and c"],
    ["not (a and b)", "not (a and b)"],
    ["not a == b", "not a == b"],
    ["(not a) == b", "(not a) == b"],
    ["not not a", "not not a"],
    ["a and not b", "a and not b"],
    ["- 5", "-(5)"],
    ["-5", "-5"],
    ["-(-5)", "-(-5)"],
    ["- x", "-x"],
    ["-(a + b)", "-(a + b)"],
    ["a - -5", "a - -5"],
    ["(if a then 1 else 2) + 1", "(if a then 1 else 2) + 1"],
    ["if a then 1 else 2 + 1", "if a then 1 else 2 + 1"],
    ["x in (\"a\",\"b\")", "x in (\"a\", \"b\")"],
    ["(a == b) in (true)", "a == b in (true)"],
    ["a == (b in (1))", "a == (b in (1))"],
    ["mean(d within t) + count(d > 80) + mean(within t)", "mean(d within t) + count(d > 80) + mean(within t)"],
    ["score( a . b )", "score(a.b)"],
    ["0.50 + 1e3 + 95% + 0.5pp", "0.50 + 1e3 + 95% + 0.5pp"],
    ["a ≥ b × c ÷ d − e", "a >= b * c / d - e"],
    ["ratio(a ， b)", "ratio(a, b)"],
    ["\"say \\\"hi\\\" \\\\ \\q\"", "\"say \\\"hi\\\" \\\\ q\""],
    ["max(a, b) + total + rank(total)", "max(a, b) + total + rank(total)"],
  ];
  for (const [input, output] of cases) {
    it(`${input} → ${output}`, () => expect(fmtExpr(input)).toBe(output));
  }
});

describe("formatter: comments and blank lines", () => {
  it("keeps leading, trailing and end-of-block comments where they were", () => {
    const input = `// 头注释
input a number   // 行尾
dimension d points 10 {   // 维度说明
  /* 块注释 */
  indicator a points 10 { minmax }  // 指标
  // 收尾
}
// 文件末尾`;
    expect(fmt(input)).toBe(`// 头注释
input a number  // 行尾

dimension d points 10 {  // 维度说明
  /* 块注释 */
  indicator a points 10 { minmax }  // 指标
  // 收尾
}
// 文件末尾
`);
  });

  it("breaks a block that holds a comment, and moves a comment inside a line before it", () => {
    expect(fmt(`indicator a points 5 { bands { >= 90: 5, // 高\n else 0 } }`)).toBe(
      `indicator a points 5 {\n  bands {\n    >= 90: 5,  // 高\n    else 0\n  }\n}\n`);
    expect(fmt(`let v = a + /* 注 */ b`)).toBe(`/* 注 */\nlet v = a + b\n`);
  });

  it("prints a doc comment once and keeps it the declaration's doc", () => {
    const text = fmt(`/// 第一行\n///  第二行\ninput a number`);
    expect(text).toBe(`/// 第一行\n///  第二行\ninput a number\n`);
    expect((parse(HEAD + text).ast.decls[0] as InputDecl).doc).toBe("第一行\n第二行");
  });

  it("keeps a plain comment inside a declaration from splitting it from its doc", () => {
    const text = fmt(`/// 说明\ninput // 注\n a number`);
    expect(text).toBe(`// 注\n/// 说明\ninput a number\n`);
    expect((parse(HEAD + text).ast.decls[0] as InputDecl).doc).toBe("说明");
  });

  it("moves a `///` written inside a declaration to the end of its block, so it documents nothing", () => {
    const text = fmt(`input /// 不是文档\n a number\ninput b number`);
    expect(text).toBe(`input a number\ninput b number\n/// 不是文档\n`);
    expect(parse(HEAD + text).ast.decls.map((d) => (d as InputDecl).doc)).toEqual([null, null]);
  });

  it("keeps at most one blank line, and puts one around multi-line declarations", () => {
    expect(fmt(`input a number\n\n\n\ninput b number\ninput c number\ndimension d { }\nindicator e`)).toBe(
      `input a number\n\ninput b number\ninput c number\ndimension d {}\nindicator e\n`);
    expect(fmt(`input a number\ndimension d { indicator e }\ninput b number`)).toBe(
      `input a number\n\ndimension d {\n  indicator e\n}\n\ninput b number\n`);
  });

  it("keeps a multi-line block comment as written, and trims a line comment's trailing spaces", () => {
    expect(fmt(`/* 第一行\n   第二行 */\ninput a number // 尾   `)).toBe(`/* 第一行\n   第二行 */\ninput a number  // 尾\n`);
  });

  it("prints a file of comments only", () => {
    expect(formatSource(`// a\n\n\n/* b */`).text).toBe(`// a\n\n/* b */\n`);
    expect(formatSource(``).text).toBe(``);
  });
});

describe("formatter: entry points", () => {
  it("declines text with syntax errors and returns the diagnostics", () => {
    const result = formatSource(`scheme "x"\ninput a numbr\nlet = 3`, "bad.yard");
    expect(result.text).toBeNull();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("prints a doc string of an AST that has no comments as `///` lines", () => {
    const ast = parse(`scheme "x"\ninput a number`).ast;
    const withDoc: Scheme = { ...ast, decls: [{ ...(ast.decls[0] as InputDecl), doc: "第一行\n第二行" }] };
    expect(formatScheme(withDoc)).toBe(`scheme "x"\n/// 第一行\n/// 第二行\ninput a number\n`);
  });

  it("is idempotent and keeps the AST on every example of docs/language.md", () => {
    const blocks = yardBlocks(readDoc());
    expect(blocks.length).toBeGreaterThan(40);
    for (const block of blocks) {
      const text = schemeText(block);
      if (parse(text).diagnostics.length > 0) continue;
      const once = formatSource(text).text!;
      expect(formatSource(once).text, `docs/language.md:${block.line}`).toBe(once);
      expect(equalModuloSpans(parse(once).ast, parse(text).ast), `docs/language.md:${block.line}`).toBe(true);
    }
  });
});
