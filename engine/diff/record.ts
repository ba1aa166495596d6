/**
 * Collects changes while the diff walks both versions: one call per difference found, in the
 * order found; `compareFacts` turns two fact tables into changes.
 */
import type { Span } from "../../dsl/source.js";
import { numericDelta, type Fact, type Facts } from "./facts.js";
import { sameAst } from "./same.js";
import { SECTIONS, type Change, type ChangeOp, type Section } from "./types.js";

/** What a group of changes is about: section, subject, label and a prefix for field names. */
export interface Subject {
  readonly section: Section;
  readonly subject: string;
  readonly oldSubject?: string | null;
  readonly label: string | null;
  /** Prepended to field names, e.g. `for outer: `. */
  readonly prefix?: string;
}

/** The list of changes being built. */
export class Recorder {
  private readonly list: Change[] = [];

  /** Records one change; `delta` is computed when both texts are plain numbers. */
  add(s: Subject, op: ChangeOp, field: string | null, old: Fact | null, now: Fact | null): void {
    const oldText = old?.text ?? null;
    const newText = now?.text ?? null;
    const delta = numericDelta(oldText, newText);
    const name = field === null ? (s.prefix ? s.prefix.replace(/: $/, "") : null) : `${s.prefix ?? ""}${field}`;
    this.list.push({
      section: s.section, op, subject: s.subject, oldSubject: s.oldSubject ?? null, label: s.label,
      field: name, old: oldText, new: newText, delta: delta === null ? null : round(delta),
      oldSpan: old?.span ?? null, newSpan: now?.span ?? null,
    });
  }

  /** Records a whole subject (or a part, when `field` is set) added or removed. */
  presence(s: Subject, field: string | null, old: Fact | null, now: Fact | null): void {
    if (old && !now) this.add(s, "removed", field, old, null);
    else if (now && !old) this.add(s, "added", field, null, now);
  }

  /** The changes, grouped by section in `SECTIONS` order, in the order found within a section. */
  changes(): Change[] {
    const order = (c: Change) => SECTIONS.indexOf(c.section);
    return this.list.map((c, i) => ({ c, i })).sort((x, y) => order(x.c) - order(y.c) || x.i - y.i).map((x) => x.c);
  }
}

/** Records every difference between two fact tables: in the new order, then facts only the old has. */
export function compareFacts(rec: Recorder, s: Subject, old: Facts, now: Facts): void {
  for (const [name, b] of now) {
    const a = old.get(name) ?? null;
    if (!a) rec.add(s, "added", name, null, b);
    else if (!sameAst(a.value, b.value)) rec.add(s, "changed", name, a, b);
  }
  for (const [name, a] of old) if (!now.has(name)) rec.add(s, "removed", name, a, null);
}

/** Rounds away float noise (0.1 + 0.2) for display and JSON. */
export function round(x: number): number {
  const r = Math.round(x * 1e10) / 1e10;
  return r === 0 ? 0 : r;
}

/** A fact for a whole construct that was added or removed: its printed text and span. */
export function whole(text: string, span: Span | null): Fact {
  return { text, value: text, span };
}
