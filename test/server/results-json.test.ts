/**
 * The evaluate answer is written as UTF-8 as the results are serialised (`Results.writeJSONMembers`
 * into a `Utf8Writer`) instead of through `res.json`; it must be the same JSON, byte for byte.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { loadDataset } from "../../engine/data/index.js";
import { buildProgram, evaluate, type Results } from "../../engine/index.js";
import { Utf8Writer } from "../../server/json-text.js";
import { dataset, programFor, type Cell } from "../engine/support/run.js";
import { county, sqliteHarness, startTestServer } from "./support.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SAMPLES = ["county-annual", "city-governance", "digital-city", "digital-gov"];

async function sample(name: string, withPrev: boolean): Promise<Results> {
  const checked = compile(readFileSync(join(ROOT, "schemes", `${name}.yard`), "utf8"), `${name}.yard`);
  const { program } = buildProgram(checked);
  const csv = (file: string) => ({ name: file, format: "csv" as const, text: readFileSync(join(ROOT, "schemes", "data", file), "utf8") });
  const data = (await loadDataset(checked, csv(`${name}.csv`))).dataset!;
  const prev = withPrev ? (await loadDataset(checked, csv(`${name}.prev.csv`), { previous: true })).dataset! : undefined;
  const { results, issues } = evaluate(program!, data, prev ? { prev } : {});
  if (!results) throw new Error(issues.map((i) => i.message).join("\n"));
  return results;
}

// every kind of per-region entry: typologies, ranks, bonuses, deductions, vetoes, grades, alerts, flags, checks
const BROAD = `scheme "p" period 2026 unit id
input a number
input b number
input c count
typology t { hi when a >= 0  lo otherwise }
missing mean
dimension d1 points 60 {
  indicator a points 30 { minmax }
  indicator b points 30 lower { zscore within t }
}
dimension d2 points 40 {
  missing drop
  indicator e1 points 20 { value a  bands { >= 10: 20, >= 0: 10, else 0 } }
  indicator e2 points 20 { value c  inapplicable when b < 0 score average within t }
}
bonus "B" max 3 { 1 per c, highest { 2 when a > 0, 1 when b > 0 } }
deduction "D" { 0.5 per c times 2 unless a > 0 }
veto "V" when c > 5
check c < 8 warning "c is large"
grades refill { "A" >= 80 quota at most 20%, "B" >= 50 quota at least 1, "C" quota at least 10% }
rank overall, within t
alert "al" on total red below 30 yellow below 60
flag "f" when grade == "C"
`;

describe("results as JSON text", () => {
  it.each(SAMPLES.flatMap((s) => [[s, false], [s, true]] as const))("%s (prev %s): toJSONText is JSON.stringify(toJSON())", async (name, withPrev) => {
    const r = await sample(name, withPrev);
    const json = JSON.stringify(r.toJSON());
    expect(r.toJSONText()).toBe(json);
    const out = new Utf8Writer();
    out.text("{");
    r.writeJSONMembers(out);
    out.text("}");
    expect(out.bytes().equals(Buffer.from(json, "utf8"))).toBe(true);
  });

  it("is JSON.stringify(toJSON()) on random data, with every kind of per-region entry", () => {
    const program = programFor(BROAD);
    const num = fc.option(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, -1, 0.1, 1e-12)), { nil: null });
    const row = fc.record({ a: num, b: num, c: fc.option(fc.integer({ min: -3, max: 9 }), { nil: null }) });
    const rows = fc.array(row, { minLength: 1, maxLength: 20 }).map((rs) => rs.map((r, i) => ({ id: i % 3 === 0 ? `区"${i}\\` : `r${i}`, ...r })));
    fc.assert(fc.property(rows, (rs) => {
      const { results } = evaluate(program, dataset(rs as Record<string, Cell>[]));
      expect(results).not.toBeNull();
      expect(results!.toJSONText()).toBe(JSON.stringify(results!.toJSON()));
    }), { numRuns: 60 });
  });
});

describe("the evaluate answer", () => {
  it("is the run header, the results' JSON and the receipt document, as JSON.stringify writes them", async () => {
    const t = await startTestServer(sqliteHarness);
    try {
      const c = county();
      const res = await fetch(`${t.url}/api/evaluate`, {
        method: "POST", headers: { authorization: `Bearer ${t.tokens.service}`, "content-type": "application/json" },
        body: JSON.stringify({ source: c.source, dataset: c.rows, prev: c.prev }),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
      const text = bytes.toString("utf8");
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(JSON.stringify(body)).toBe(text);
      expect(Object.keys(body)).toEqual(["scheme", "version", "dataset", "datasetWarnings", "schemeHash", "engineVersion", "receipt", "issues", "regions", "receiptDocument"]);
      const { results } = evaluate(programFor(c.source), dataset(c.rows as Record<string, Cell>[]), { prev: dataset(c.prev as Record<string, Cell>[]) });
      expect(body["regions"]).toEqual(JSON.parse(JSON.stringify(results!.toJSON()))["regions"]);
    } finally {
      await t.stop();
    }
  });
});

describe("Utf8Writer", () => {
  it("encodes text and constants as Buffer.from of their join, whatever their sizes", () => {
    const piece = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom("", "标尺".repeat(300_000), "x".repeat(2_000_000)));
    fc.assert(fc.property(fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 6 }), (pieces) => {
      const out = new Utf8Writer();
      for (const [p, constant] of pieces) {
        if (constant) out.constant(p, new TextEncoder().encode(p));
        else out.text(p);
      }
      expect(out.bytes().equals(Buffer.from(pieces.map(([p]) => p).join(""), "utf8"))).toBe(true);
    }), { numRuns: 40 });
  });

  it("refuses to be written after its bytes are taken (a bug)", () => {
    const out = new Utf8Writer();
    out.text("{}");
    expect(out.bytes().toString()).toBe("{}");
    expect(() => out.text("x")).toThrow(/bug/);
  });

  it("fails instead of mixing bytes when two writers interleave (a bug), and the later one still works", () => {
    const first = new Utf8Writer();
    first.text("[1");
    const second = new Utf8Writer();
    second.text("[2]");
    expect(() => first.text("]")).toThrow(/another Utf8Writer/);
    expect(second.bytes().toString()).toBe("[2]");
    const third = new Utf8Writer();
    third.constant("甲", new TextEncoder().encode("甲"));
    expect(third.bytes().toString()).toBe("甲");
  });
});
