/**
 * Properties of the structural diff, with fast-check, over the sample schemes, the engine's
 * golden schemes and the diff goldens:
 * - a scheme diffed with itself, or with a copy whose layout differs, has no changes;
 * - editing one node's share (points or weight) in the source text is reported as exactly that
 *   edit: one `node` change on that path, field `share`. The effective-points changes it causes
 *   are listed apart (`effective`), and only for nodes under the edited node's parent.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, type CheckedScheme } from "../../dsl/index.js";
import { renderDiff, structuralDiff } from "../../engine/diff/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const files = [
  ...["schemes", "test/engine/golden", "test/golden/diff"].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".yard")).map((f) => join(dir, f))),
].sort();
const texts = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));

/** Offsets of spaces outside strings and comments, where one more space changes nothing. */
function safeSpaces(text: string): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) { if (ch === "\\") i++; else if (ch === '"' || ch === "\n") inString = false; continue; }
    if (ch === '"') inString = true;
    else if (ch === "/" && text[i + 1] === "/") { while (i < text.length && text[i] !== "\n") i++; }
    else if (ch === "/" && text[i + 1] === "*") { i = text.indexOf("*/", i + 2); if (i < 0) break; i++; }
    else if (ch === " ") out.push(i);
  }
  return out;
}

/** Nodes with a share written as a plain number literal. */
function shares(s: CheckedScheme) {
  return [...s.nodes.values()].flatMap((n) => (n.decl?.share ? [{ path: n.path, share: n.decl.share }] : []));
}

describe("structural diff properties", () => {
  it("has sample schemes to work on", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it("finds nothing between a scheme and itself", () => {
    for (const f of files) {
      const d = structuralDiff(compile(texts.get(f)!, f), compile(texts.get(f)!, f));
      expect(d.changes, f).toEqual([]);
      expect(d.effective, f).toEqual([]);
      expect(renderDiff(d), f).toContain("no changes");
    }
  });

  it("finds nothing when only the layout differs", () => {
    fc.assert(fc.property(fc.constantFrom(...files), fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), fc.constantFrom(" ", "  ", "\n", "\n  "), (f, picks, extra) => {
      const text = texts.get(f)!;
      const spots = safeSpaces(text);
      const at = [...new Set(picks.map((p) => spots[p % spots.length]!))].sort((a, b) => b - a);
      let moved = text;
      for (const i of at) moved = moved.slice(0, i) + extra + moved.slice(i);
      const d = structuralDiff(compile(text, f), compile(moved, f));
      expect(d.changes).toEqual([]);
      expect(d.effective).toEqual([]);
    }), { numRuns: 60 });
  });

  it("reports a share edited in the text as exactly that edit", () => {
    const cases = files.flatMap((f) => shares(compile(texts.get(f)!, f)).map((s) => ({ f, ...s })));
    expect(cases.length).toBeGreaterThan(50);
    fc.assert(fc.property(fc.constantFrom(...cases), fc.integer({ min: 1, max: 99 }), ({ f, path, share }, k) => {
      const text = texts.get(f)!;
      const lit = share.value;
      const fraction = share.unit === "weight" && lit.unit === null && lit.value <= 1;
      const written = fraction ? String(k / 100) : `${k}${lit.unit ?? ""}`;
      fc.pre((fraction ? k / 100 : k) !== lit.value);
      const edited = text.slice(0, lit.span.start) + written + text.slice(lit.span.end);
      const old = compile(text, f);
      const now = compile(edited, f);
      const d = structuralDiff(old, now);
      expect(d.changes.map((c) => [c.section, c.op, c.subject, c.field, c.old, c.new])).toEqual([
        ["node", "changed", path, "share", `${share.unit} ${lit.text}`, `${share.unit} ${written}`],
      ]);
      expect(d.changes[0]!.delta).toBeCloseTo((fraction ? k / 100 : k) - lit.value, 9);
      expect(now.source.text.slice(d.changes[0]!.newSpan!.start, d.changes[0]!.newSpan!.end)).toBe(`${share.unit} ${written}`);
      const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
      for (const e of d.effective) expect(parent === "" || e.path.startsWith(`${parent}.`), `${e.path} is not under ${parent}`).toBe(true);
    }), { numRuns: 150 });
  });
});
