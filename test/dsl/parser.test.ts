import { describe, expect, it } from "vitest";
import { parse } from "../../dsl/index.js";
import type { Dimension, Indicator, InputDecl } from "../../dsl/ast.js";

const where = (text: string) => parse(text, "t.yard").diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`);

describe("parser", () => {
  it("reads a header, inputs with options, and Chinese labels and names", () => {
    const { ast, diagnostics } = parse(`scheme "某市考核" period 2026 unit 区县
input 增速 percent label "地区生产总值增速" unit "%" range 0..30 default 0 required source "统计局"
input kind category values ("山区", "平原") optional`);
    expect(diagnostics).toEqual([]);
    expect(ast.header?.title.value).toBe("某市考核");
    expect(ast.header?.unit?.name).toBe("区县");
    const [a, b] = ast.decls as InputDecl[];
    expect(a!.name.name).toBe("增速");
    expect(a!.type).toBe("percent");
    expect(a!.label?.value).toBe("地区生产总值增速");
    expect(a!.required).toBe(true);
    expect(a!.source?.value).toBe("统计局");
    expect(b!.values.map((v) => v.value)).toEqual(["山区", "平原"]);
    expect(b!.required).toBe(false);
  });

  it("gives operators their precedence and keeps units on numbers", () => {
    const { ast } = parse(`scheme "x"\nlet r = a + b * c >= 95% and not d or e == "y"`);
    const expr = (ast.decls[0] as { expr: unknown }).expr as { kind: string; op: string; left: { op: string } };
    expect(expr.op).toBe("or");
    expect(expr.left.op).toBe("and");
    const { ast: pp } = parse(`scheme "x"\nindicator r points 5 { deduct 0.5 per 1pp below 95 }`);
    const item = (pp.decls[0] as Indicator).body.adjustments[0]!.item;
    expect(item.basis.kind).toBe("gap");
    if (item.basis.kind === "gap") {
      expect(item.basis.step.unit).toBe("pp");
      expect(item.basis.step.value).toBe(1);
      expect(item.basis.side).toBe("below");
    }
  });

  it("builds the indicator tree at any depth with overrides", () => {
    const { ast, diagnostics } = parse(`scheme "x"
dimension a "一级" points 60 {
  weights equal
  for mountain points 50
  dimension b "二级" {
    indicator c "三级" lower { minmax within area  for core { goalposts floor 0 target 5 } }
  }
}`);
    expect(diagnostics).toEqual([]);
    const a = ast.decls[0] as Dimension;
    expect(a.settings[0]?.kind).toBe("weights");
    expect(a.overrides[0]?.types[0]?.name).toBe("mountain");
    const c = (a.children[0] as Dimension).children[0] as Indicator;
    expect(c.direction).toBe("lower");
    expect(c.body.method?.kind).toBe("minmax");
    expect(c.overrides[0]?.body.method?.kind).toBe("goalposts");
  });

  it("attaches doc comments and keeps every comment", () => {
    const { ast } = parse(`scheme "x"\n// plain\n/// 地区生产总值\n/// 第二行\ninput gdp number /* inner */`);
    expect((ast.decls[0] as InputDecl).doc).toBe("地区生产总值\n第二行");
    expect(ast.comments.map((c) => c.text)).toEqual(["// plain", "/// 地区生产总值", "/// 第二行", "/* inner */"]);
  });

  it("reports every syntax error in one run, each with its position, and keeps the rest of the tree", () => {
    const text = `scheme "x"
input a numbr
indicatr foo points 5
dimension d points 10 {
  indicator i points 5 { minmx }
}
grades { "优秀" >= }
input z number label "ok"
let y = (a +
`;
    expect(where(text)).toEqual([
      "2:9 unknown-keyword: unknown input type `numbr`",
      "3:1 unknown-keyword: unknown keyword `indicatr`: expected a declaration such as `input`, `let`, `dimension` or `indicator`",
      "5:26 unknown-keyword: unknown clause `minmx` in an indicator",
      "7:18 syntax: expected a value (a number, a name, text in quotes or `(`) but found `}`",
      "9:13 syntax: expected a value (a number, a name, text in quotes or `(`) but found the end of the file",
    ]);
    const { ast } = parse(text);
    expect(ast.decls.map((d) => d.kind)).toContain("dimension");
    expect(ast.decls.some((d) => d.kind === "input" && d.name.name === "z")).toBe(true);
  });

  it("points at an unterminated string where it starts", () => {
    expect(where(`scheme "x"\ninput a number label "未闭合\n`)[0]).toMatch(/^2:22 syntax: /);
  });

  it("reports a repeated scoring method instead of dropping one silently", () => {
    expect(where(`scheme "x"\ninput a number\nindicator a points 5 { minmax  zscore }`)).toEqual([
      "3:32 misplaced-clause: an indicator has only one scoring method; this one repeats it",
    ]);
  });
});
