/**
 * The worked numbers of docs/language.md are the engine's numbers. Each `<!-- example: NAME -->`
 * block of the document is evaluated on the data its prose describes (wrapped by the rule in
 * `doc-blocks.ts`), and the scores, totals, grades, ranks and values the prose states — rounded
 * as the prose rounds them — must be what the engine computes.
 *
 * Scheme text goes through the engine tests' `run` helper (text → checked scheme → program →
 * evaluation), so these tests follow the engine tests onto the real checker when it lands.
 */
import { describe, expect, it } from "vitest";
import type { Evaluation } from "../../engine/evaluate.js";
import type { Results } from "../../engine/results.js";
import { run, type Cell } from "../engine/support/run.js";
import { readDoc, schemeText, yardBlocks } from "./doc-blocks.js";
import { CASES, type Expected } from "./worked-cases.js";

const blocks = new Map(yardBlocks(readDoc()).filter((b) => b.example).map((b) => [b.example!, b]));

function round(x: number | null, digits: number): number | null {
  if (x === null) return null;
  const m = 10 ** digits;
  return Math.round(x * m) / m + 0;
}

/** What the evaluation says, in the shape of the expectations, rounded to `digits`. */
function observed(ev: Evaluation, want: Expected, digits: number): Expected {
  const r = ev.results;
  if (want.fails !== undefined) {
    const failure = ev.issues.find((i) => i.severity === "error" && i.message.includes(want.fails!));
    return r || !failure ? { fails: `(no such error; results: ${r !== null})` } : { fails: want.fails };
  }
  if (!r) throw new Error(ev.issues.map((i) => i.message).join("\n"));
  const col = (c: ArrayLike<number>, miss?: ArrayLike<number>) => Array.from(c, (x, i) => round(miss && miss[i] ? null : x, digits));
  const out: { -readonly [K in keyof Expected]: Expected[K] } = {};
  if (want.scores) out.scores = Object.fromEntries(Object.keys(want.scores).map((p) => [p, col(r.tree.get(p)!.score)]));
  if (want.values) {
    out.values = Object.fromEntries(Object.keys(want.values).map((n) => {
      const v = r.values.get(n)!;
      return [n, col(v.column, v.missing)];
    }));
  }
  if (want.totals) out.totals = col(r.total);
  if (want.grades) out.grades = r.regions.map((id) => r.region(id)!.grade ?? "");
  if (want.ranks) out.ranks = r.regions.map((id) => r.region(id)!.ranks["overall"] ?? 0);
  return { ...out, ...extras(r, want) };
}

/** Types, alert colours and flags per region, as the expectations ask. */
function extras(r: Results, want: Expected): Expected {
  const out: { -readonly [K in keyof Expected]: Expected[K] } = {};
  const each = <T>(f: (region: NonNullable<ReturnType<Results["region"]>>) => T) => r.regions.map((id) => f(r.region(id)!));
  if (want.types) out.types = Object.fromEntries(Object.keys(want.types).map((t) => [t, each((g) => g.types[t] ?? "")]));
  if (want.alerts) out.alerts = Object.fromEntries(Object.keys(want.alerts).map((a) => [a, each((g) => g.alerts.find((x) => x.label === a)?.color ?? "")]));
  if (want.flags) out.flags = each((g) => [...g.flags]);
  return out;
}

describe("docs/language.md: worked numbers", () => {
  it("has a case for every example marker, and a marker for every case", () => {
    expect([...blocks.keys()].sort()).toEqual([...new Set(CASES.map((c) => c.example))].sort());
  });

  for (const c of CASES) {
    it(`${c.example}${c.variant ? ` (${c.variant})` : ""}`, () => {
      const block = blocks.get(c.example);
      if (!block) throw new Error(`no \`<!-- example: ${c.example} -->\` block in docs/language.md`);
      const text = (c.edit ?? ((t: string) => t))(schemeText(block)) + (c.extra ? `\n${c.extra}` : "");
      const ev = run(text, c.rows as Record<string, Cell>[], c.prev as Record<string, Cell>[] | undefined);
      expect(observed(ev, c.expect, c.digits ?? 2)).toEqual(c.expect);
    });
  }
});
