/** The planner: the graph it builds and the problems it reports instead of throwing. */
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { programFor } from "./support/run.js";

/** Schemes the planner cannot build are stopped by the checker first: its errors, as `line:code: message`. */
const problems = (text: string) => compile(text).diagnostics.filter((d) => d.severity === "error").map((d) => `${d.span.line}:${d.code}: ${d.message}`);

describe("plan", () => {
  it("orders nodes so each comes after what it reads, whatever the declaration order", () => {
    const p = programFor(`scheme "o"
flag "low" when total < 60
let b = a * 2
input a number
indicator b points 100 { proportional }
typology t { hi when b > 10  lo otherwise }`);
    const g = p.graph;
    const pos = new Map(g.order.map((id, k) => [id, k]));
    for (const n of g.nodes) for (const d of n.deps) expect(pos.get(d)!).toBeLessThan(pos.get(n.id)!);
    const kinds = g.order.map((id) => g.nodes[id]!.kind);
    expect(kinds.indexOf("flag")).toBeGreaterThan(kinds.indexOf("total"));
  });

  it("reports a veto forcing an undeclared grade", () => {
    expect(problems(`scheme "v"\ninput a number\nindicator a points 100 { proportional }\nveto "x" when a > 1 grade "优"\ngrades { "优秀" >= 90, "合格" }`))
      .toEqual(["4:unknown-name: no grade \"优\""]);
  });

  it("reports a below/above gap in a bonus block (it has no value to measure)", () => {
    expect(problems(`scheme "g"\ninput a number\nindicator a points 100 { proportional }\nbonus "b" { 1 per 1pp below 5 }`)[0])
      .toMatch(/^4:misplaced-clause: a gap item \(`per … below\|above …`\) measures an indicator's value/);
  });

  it("reports rules that feed back into the scores they depend on", () => {
    expect(problems(`scheme "c"\ninput a number\nlet boost = total / 10\nindicator a points 100 { proportional }\nbonus "b" { 1 per boost }`)[0])
      .toMatch(/^3:cycle: `total` is known only after scoring; it cannot be used here/);
  });

  it("reports `x` outside an indicator and an indicator with nothing to score", () => {
    expect(problems(`scheme "x"\ninput a number\nlet y = x + 1\nindicator a points 50 { proportional }\nindicator q points 50 { minmax }`)).toEqual([
      "3:unknown-name: unknown name `x`",
      "5:unknown-name: indicator `q` has no value: no input or derived value is called `q`",
    ]);
  });

  it("reports a panel on something that is not a ratings input", () => {
    expect(problems(`scheme "p"\ninput a number\nindicator a points 100 { panel }`)[0]).toMatch(/^3:type-mismatch: `a` is a number; a panel scores ratings/);
  });
});
