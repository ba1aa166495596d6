/** Weights, aggregation, missing-data policies, per-type overrides and typologies, hand-worked. */
import { describe, expect, it } from "vitest";
import { run, scores, totals } from "./support/run.js";

const head = `scheme "t" period 2026 unit id\n`;

describe("weights and aggregation", () => {
  it("points add up; weights multiply down the tree", () => {
    const ev = run(`${head}input a number
input b number
input c number
dimension econ "经济" weight 0.4 {
  indicator a weight 0.5 { proportional }
  indicator b weight 0.5 { proportional }
}
dimension soc "社会" weight 0.6 { indicator c { proportional } }`, [{ id: "r", a: 100, b: 50, c: 80 }]);
    // econ: 0.5×1 + 0.5×0.5 = 0.75 of 40 = 30; soc: 0.8 of 60 = 48; total 78
    expect(scores(ev, "econ")).toEqual([30]);
    expect(scores(ev, "econ.b")).toEqual([10]);
    expect(totals(ev)).toEqual([78]);
    const b = ev.results!.region("r")!.nodes.find((n) => n.path === "econ.b")!;
    expect([b.points, b.weight, b.contribution]).toEqual([20, 0.2, 10]);
  });

  it("equal and AHP weights", () => {
    const ev = run(`${head}input a number
input b number
dimension eq points 50 { weights equal  indicator a { proportional }  indicator b { proportional } }
dimension ahp points 50 {
  weights ahp { [1, 3] [1/3, 1] }
  indicator a2 { value a  proportional }
  indicator b2 { value b  proportional }
}`, [{ id: "r", a: 100, b: 0 }]);
    // equal: 0.5 × 1 + 0.5 × 0 → 25; AHP [[1,3],[1/3,1]] → weights 0.75 / 0.25 → 37.5
    expect(scores(ev, "eq")).toEqual([25]);
    expect(scores(ev, "ahp")[0]).toBeCloseTo(37.5, 9);
  });

  it("entropy weights from the data (熵权法)", () => {
    const ev = run(`${head}input a number
input b number
weights entropy
indicator a { minmax }
indicator b { goalposts floor 0 target 10 }`, [{ id: "r1", a: 0, b: 5 }, { id: "r2", a: 5, b: 5 }, { id: "r3", a: 10, b: 10 }]);
    // fractions a: 0, .5, 1 → p = 0, 1/3, 2/3; b: .5, .5, 1 → p = .25, .25, .5
    const h = (ps: number[]) => -ps.filter((p) => p > 0).reduce((s, p) => s + p * Math.log(p), 0) / Math.log(3);
    const da = 1 - h([0, 1 / 3, 2 / 3]);
    const db = 1 - h([0.25, 0.25, 0.5]);
    const wa = da / (da + db);
    const wb = db / (da + db);
    const t = totals(ev);
    expect(t[0]).toBeCloseTo(100 * (0 * wa + 0.5 * wb), 9);
    expect(t[1]).toBeCloseTo(100 * (0.5 * wa + 0.5 * wb), 9);
    expect(t[2]).toBeCloseTo(100, 9);
    // the points follow the weights once they are known
    expect(ev.results!.tree.get("a")!.points[0]).toBeCloseTo(100 * wa, 9);
    expect(ev.results!.tree.get("a")!.score[1]).toBeCloseTo(50 * wa, 9);
  });

  it("geometric and minimum aggregation", () => {
    const ev = run(`${head}input a number
input b number
dimension g points 50 { aggregate geometric  indicator a points 25 { proportional }  indicator b points 25 { proportional } }
dimension m points 50 { aggregate minimum  indicator a2 points 25 { value a  proportional }  indicator b2 points 25 { value b  proportional } }`,
    [{ id: "r", a: 25, b: 100 }, { id: "z", a: 0, b: 100 }]);
    // geometric: 0.25^0.5 × 1^0.5 = 0.5 → 25; minimum: 0.25 → 12.5; a zero makes the product 0
    expect(scores(ev, "g")).toEqual([25, 0]);
    expect(scores(ev, "m")).toEqual([12.5, 0]);
  });
});

describe("missing data", () => {
  const tree = (policy: string) => `${head}input a number
input b number
input k category
typology t { x when k == "x"  y otherwise }
missing ${policy}
dimension d points 20 {
  indicator a points 10 { goalposts floor 0 target 10 }
  indicator b points 10 { goalposts floor 0 target 10 }
}`;
  const data = [
    { id: "r1", a: 10, b: 4, k: "x" }, { id: "r2", a: 5, b: 8, k: "x" }, { id: "r3", a: 0, b: null, k: "x" }, { id: "r4", a: 10, b: 2, k: "y" },
  ];

  it("error: the run fails and names the regions", () => {
    const ev = run(tree("error"), data);
    expect(ev.results).toBeNull();
    expect(ev.issues).toMatchObject([{ code: "missing-value", severity: "error", path: "d.b", regions: ["r3"] }]);
  });

  it("zero: the item scores nothing", () => {
    expect(scores(run(tree("zero"), data), "d.b")).toEqual([4, 8, 0, 2]);
  });

  it("mean: the mean of the present values; within a type: of the region's type", () => {
    // mean of 4, 8, 2 = 14/3 → 4.666…; within x: (4 + 8)/2 = 6
    expect(scores(run(tree("mean"), data), "d.b")[2]).toBeCloseTo(14 / 3, 9);
    expect(scores(run(tree("mean within t"), data), "d.b")[2]).toBe(6);
  });

  it("prev: last period's value, matched by region id", () => {
    const ev = run(tree("prev"), data, [{ id: "r3", a: 1, b: 7 }, { id: "r1", a: 1, b: 1 }]);
    expect(scores(ev, "d.b")).toEqual([4, 8, 7, 2]);
    expect(ev.results!.region("r3")!.nodes.find((n) => n.path === "d.b")!.status).toEqual(["missing", "imputed"]);
  });

  it("prev without a previous dataset warns and scores 0", () => {
    const ev = run(tree("prev"), data);
    expect(scores(ev, "d.b")[2]).toBe(0);
    expect(ev.issues.map((i) => i.code)).toEqual(["missing-prev", "imputation-failed"]);
  });

  it("drop: the siblings' weights are re-normalised for that region", () => {
    const ev = run(tree("drop"), data);
    // r3: b dropped, a = 0/10 → d = 0; check with r3' having a = 5: d = 0.5 × 20 = 10
    const ev2 = run(tree("drop"), [{ id: "r3", a: 5, b: null, k: "x" }, { id: "r1", a: 10, b: 10, k: "x" }]);
    expect(scores(ev2, "d")).toEqual([10, 20]);
    const a = ev2.results!.region("r3")!.nodes.find((n) => n.path === "d.a")!;
    // a carries the whole dimension for r3: effective weight 20/20 = 1, contribution 10
    expect([a.weight, a.contribution]).toEqual([1, 10]);
    expect(ev.results!.region("r3")!.nodes.find((n) => n.path === "d.b")!.status).toContain("dropped");
  });

  it("an all-missing column: the mean cannot be imputed, so everyone scores 0 with a warning", () => {
    const ev = run(tree("mean"), data.map((r) => ({ ...r, b: null })));
    expect(scores(ev, "d.b")).toEqual([0, 0, 0, 0]);
    expect(ev.issues[0]).toMatchObject({ code: "imputation-failed", regions: ["r1", "r2", "r3", "r4"] });
  });
});

describe("typologies and per-type settings", () => {
  it("first matching rule wins; unclassified regions are reported", () => {
    const ev = run(`${head}input u number
typology t { core when u >= 80  mid when u >= 50 }
indicator u points 10 { proportional }`, [{ id: "a", u: 90 }, { id: "b", u: 60 }, { id: "c", u: 10 }]);
    const r = ev.results!;
    expect(r.regions.map((x) => r.region(x)!.types["t"])).toEqual(["core", "mid", null]);
    expect(ev.issues).toMatchObject([{ code: "unclassified", severity: "warning", regions: ["c"] }]);
  });

  it("a type's own points re-weigh the tree for its regions", () => {
    const ev = run(`${head}input a number
input b number
input k category
typology t { hill when k == "山区"  plain otherwise }
indicator a points 50 { proportional  for hill { points 30 } }
indicator b points 50 { proportional }`, [{ id: "p", a: 100, b: 0, k: "平原" }, { id: "h", a: 100, b: 0, k: "山区" }]);
    // plain: 50 + 0 = 50; hill: a's share is 30 of 80 → it is worth 30/80 × 100 = 37.5 points
    expect(totals(ev)).toEqual([50, 37.5]);
    expect(scores(ev, "a")).toEqual([50, 37.5]);
  });

  it("per-region targets from a table (目标分解表) and from another field of the region", () => {
    const ev = run(`${head}input projects count
input services percent
input gdp percent
table plan "新开工项目目标" { "宝应": 3, "高邮": 4, else 5 }
indicator projects points 10 { target plan else proportional }
indicator services points 10 { target gdp }`, [
      { id: "宝应", projects: 3, services: 7, gdp: 6 }, { id: "高邮", projects: 2, services: 5, gdp: 6 }, { id: "仪征", projects: 5, services: 6, gdp: 6 },
    ]);
    expect(scores(ev, "projects")).toEqual([10, 5, 10]);
    expect(scores(ev, "services")).toEqual([10, 0, 10]);
  });
});
