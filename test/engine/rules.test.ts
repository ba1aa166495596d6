/** Adjustments, item conditions and caps, bonus/deduction blocks and the total, hand-worked. */
import { describe, expect, it } from "vitest";
import { run, scores, totals } from "./support/run.js";

const head = `scheme "t" period 2026 unit id\n`;

describe("indicator adjustments", () => {
  it("deducts per percentage point below a threshold, pro rata, down to 0 (JH 按期结案率)", () => {
    const ev = run(`${head}input rate percent\nindicator rate "按期结案率" points 50 { deduct 1 per 1pp below 70 }`,
      [{ id: "a", rate: 70 }, { id: "b", rate: 65.5 }, { id: "c", rate: 10 }, { id: "d", rate: 99 }]);
    // 70 → 50; 65.5 → 50 − 4.5 × 1 = 45.5; 10 → 50 − 60 → floor 0; above the threshold → 50
    expect(scores(ev, "rate")).toEqual([50, 45.5, 0, 50]);
  });

  it("a `%` step measures the gap relative to the reference, a `pp` step in points", () => {
    const ev = run(`${head}input x percent
indicator rel points 20 { value x  deduct 1 per 1% below 80 }
indicator pp points 20 { value x  deduct 1 per 1pp below 80 }
indicator half points 20 { value x  deduct 0.5 per 2pp below 80 }`, [{ id: "a", x: 72 }]);
    // relative: (80 − 72)/80 × 100 = 10 (%) → 10 × 1 = 10 → 20 − 10 = 10
    // points: 80 − 72 = 8 pp → 20 − 8 = 12
    // 0.5 per 2 pp: 8/2 × 0.5 = 2 → 18
    expect(scores(ev, "rel")).toEqual([10]);
    expect(scores(ev, "pp")).toEqual([12]);
    expect(scores(ev, "half")).toEqual([18]);
  });

  it("per-event deductions, a repeat-offence tier and a doubled rule (JH 返工, 加倍扣分)", () => {
    const ev = run(`${head}input reworked count
input repeated count
input media count
indicator rework "多次派遣" points 5 {
  deduct "返工" 0.2 per reworked
  deduct "三次以上" 0.5 per repeated
  deduct "媒体曝光" 0.2 per media times 2
}`, [{ id: "a", reworked: 3, repeated: 2, media: 1 }, { id: "b", reworked: 30, repeated: 0, media: 0 }]);
    // a: 5 − 3×0.2 − 2×0.5 − 1×0.2×2 = 5 − 0.6 − 1 − 0.4 = 3; b: 5 − 6 → 0
    expect(scores(ev, "rework")).toEqual([3, 0]);
  });

  it("symmetric linear around the region's own target with a cap above the points (YZ-S)", () => {
    const ev = run(`${head}input services percent
input gdp percent
indicator services points 15 {
  add 0.5 per 0.5pp above gdp
  deduct 0.5 per 0.5pp below gdp
  cap 18
}`, [{ id: "a", services: 9, gdp: 7 }, { id: "b", services: 12, gdp: 7 }, { id: "c", services: 6, gdp: 7 }]);
    // a: +2pp → 15 + 2 = 17; b: +5pp → 20 → cap 18; c: −1pp → 14
    expect(scores(ev, "services")).toEqual([17, 18, 14]);
  });

  it("per-item max, asymmetric caps on a change versus last period (SY-C 编制增减)", () => {
    const ev = run(`${head}input staff count
let change = staff - prev(staff)
indicator staffing points 2 {
  value change
  add 0.05 per change max 0.5
  deduct 0.1 per -change max 2
  cap 2.5
}`, [{ id: "a", staff: 120 }, { id: "b", staff: 95 }, { id: "c", staff: 103 }], [{ id: "a", staff: 100 }, { id: "b", staff: 100 }, { id: "c", staff: 100 }]);
    // a: +20 → 20 × 0.05 = 1 → max 0.5 → 2.5; b: −5 → 0.5 deducted → 1.5; c: +3 → 0.15 → 2.15
    expect(scores(ev, "staffing")).toEqual([2.5, 1.5, 2.15]);
  });

  it("`zero when` wipes the item; `exempt when` cancels deductions only; `unless` cancels one item", () => {
    const ev = run(`${head}input found count
input share percent
input approved boolean
indicator inspect points 2 {
  deduct 0.5 per found
  zero when found >= 2
}
indicator quota points 5 {
  value share
  deduct 1 per 1pp below 30
  add 1 when share >= 50
  exempt when share > mean(share) + 5
  cap 6
}
indicator approval points 4 {
  deduct 4 when found > 0 unless approved
}`, [{ id: "a", found: 1, share: 20, approved: 1 }, { id: "b", found: 2, share: 70, approved: 0 }, { id: "c", found: 0, share: 28, approved: 0 }]);
    // inspect: a 2 − 0.5 = 1.5; b ≥ 2 → 0; c 2
    expect(scores(ev, "inspect")).toEqual([1.5, 0, 2]);
    // quota: mean(share) = 118/3 = 39.33 → exempt above 44.33: only b (70), which also gets +1 → 6
    // a: 5 − 10 → 0; c: 5 − 2 = 3
    expect(scores(ev, "quota")).toEqual([0, 6, 3]);
    // approval: a approved → no deduction; b found → 0; c nothing found → 4
    expect(scores(ev, "approval")).toEqual([4, 0, 4]);
  });

  it("inapplicable regions get the peers' average (未新进人员 → 平均分)", () => {
    const ev = run(`${head}input hired count
input trained count
let rate = trained / hired * 100
indicator rate points 10 {
  proportional
  inapplicable when hired == 0 score average
}`, [{ id: "a", hired: 10, trained: 10 }, { id: "b", hired: 10, trained: 5 }, { id: "c", hired: 0, trained: 0 }]);
    // a 10, b 5; c gets (10 + 5)/2 = 7.5
    expect(scores(ev, "rate")).toEqual([10, 5, 7.5]);
    expect(ev.results!.region("c")!.nodes.find((n) => n.path === "rate")!.status).toContain("inapplicable");
  });

  it("an explicit floor below zero lets deductions go negative", () => {
    const ev = run(`${head}input cases count\nindicator safety points 30 { deduct 30 per cases  floor -30 }`, [{ id: "a", cases: 2 }]);
    expect(scores(ev, "safety")).toEqual([-30]);
  });
});

describe("bonus and deduction blocks", () => {
  it("per-item max, then the block max; total = tree + bonuses − deductions", () => {
    const ev = run(`${head}input x number
input awards count
input level category
input events count
indicator x points 100 { proportional }
bonus "创新加分" max 5 {
  "奖项" 2 per awards max 3
  "推广" highest { 5 when level == "国家", 3 when level == "省", 1 when level == "市" }
}
deduction "安全扣分" max 4 { 1.5 per events }`, [
      { id: "a", x: 90, awards: 1, level: "市", events: 0 },
      { id: "b", x: 90, awards: 4, level: "省", events: 1 },
      { id: "c", x: 90, awards: 0, level: "国家", events: 9 },
    ]);
    // a: 90 + (2 + 1) = 93
    // b: awards 8 → item max 3; 省 3 → 6 → block max 5; events 1.5 → 90 + 5 − 1.5 = 93.5
    // c: 国家 5 (counted once, highest tier); events 13.5 → block max 4 → 90 + 5 − 4 = 91
    expect(totals(ev)).toEqual([93, 93.5, 91]);
    const b = ev.results!.region("b")!;
    expect(b.bonuses).toEqual([{ block: "创新加分", item: "奖项", amount: 3 }, { block: "创新加分", item: "推广", amount: 3 }]);
    expect(b.bonus).toBe(5);
    expect(b.deduction).toBe(1.5);
  });

  it("a missing count never fires an item", () => {
    const ev = run(`${head}input x number\ninput events count\nindicator x points 100 { proportional }\ndeduction "扣分" { 2 per events }`,
      [{ id: "a", x: 80, events: null }, { id: "b", x: 80, events: 1 }]);
    expect(totals(ev)).toEqual([80, 78]);
  });
});
