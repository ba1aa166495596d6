/**
 * Reads the `yard` examples out of `docs/language.md`, for the documentation tests.
 *
 * The wrapping rule: a block whose first word (after comments) is `scheme` is a complete
 * scheme and is used as written; any other block is a fragment of top-level declarations and
 * is given a minimal header, `FRAGMENT_HEADER`, on a line of its own before it. Diagnostics on
 * a wrapped block are mapped back to the document's lines (`docLine`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the language reference lives. */
export const DOC_PATH = join(import.meta.dirname, "..", "..", "docs", "language.md");

/** The header given to fragments: one line, so a fragment's line n is the scheme's line n + 1. */
export const FRAGMENT_HEADER = `scheme "docs example" period 2026 unit id`;

/** One fenced `yard` block of the document. */
export interface DocBlock {
  /** The text between the fences. */
  readonly text: string;
  /** The document line (1-based) of the block's first line of text. */
  readonly line: number;
  /** The name of the `<!-- example: NAME -->` marker just before the fence, if any. */
  readonly example: string | null;
  /** True when the block is a whole scheme (starts with `scheme`). */
  readonly complete: boolean;
}

/** The document's text. */
export function readDoc(): string {
  return readFileSync(DOC_PATH, "utf8");
}

/** Removes comments and whitespace at the start of a block, to find its first word. */
function leadingCode(text: string): string {
  let rest = text;
  for (;;) {
    const trimmed = rest.replace(/^\s+/, "");
    if (trimmed.startsWith("//")) rest = trimmed.replace(/^\/\/[^\n]*(\n|$)/, "");
    else if (trimmed.startsWith("/*")) rest = trimmed.replace(/^\/\*[\s\S]*?\*\//, "");
    else return trimmed;
  }
}

/** True when a block is a whole scheme rather than a fragment. */
export function isComplete(text: string): boolean {
  return /^scheme\b/.test(leadingCode(text));
}

/** Every fenced block whose info string is `yard`, in document order. */
export function yardBlocks(doc: string): DocBlock[] {
  const lines = doc.split("\n");
  const out: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```yard") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== "```") end++;
    if (end >= lines.length) throw new Error(`docs/language.md:${i + 1}: a \`yard\` block is never closed`);
    const text = lines.slice(start, end).join("\n");
    const marker = /^<!--\s*example:\s*([\w-]+)\s*-->$/.exec(lines[i - 1]?.trim() ?? "");
    out.push({ text, line: start + 1, example: marker ? marker[1]! : null, complete: isComplete(text) });
    i = end;
  }
  return out;
}

/** The scheme text a block stands for: itself when complete, else the fragment under `FRAGMENT_HEADER`. */
export function schemeText(block: Pick<DocBlock, "text" | "complete">): string {
  return block.complete ? block.text : `${FRAGMENT_HEADER}\n${block.text}`;
}

/** The document line of a line of a block's scheme text (1-based both). */
export function docLine(block: DocBlock, schemeLine: number): number {
  return block.line + schemeLine - 1 - (block.complete ? 0 : 1);
}

/** Every `<!-- example: NAME -->` marker in the document, by name (a name may appear once). */
export function exampleMarkers(doc: string): string[] {
  return [...doc.matchAll(/<!--\s*example:\s*([\w-]+)\s*-->/g)].map((m) => m[1]!);
}

/** The heading anchors GitHub generates: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(doc: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of doc.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (m) anchors.add(m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-"));
  }
  return anchors;
}

/** One row of the constructs table of the document's last section. */
export interface ConstructRow {
  readonly number: number;
  readonly construct: string;
  readonly feature: string;
  /** The code spans of the example column. */
  readonly examples: readonly string[];
  readonly line: number;
}

/** The rows of the table in the section titled "The 45 constructs from real schemes". */
export function constructRows(doc: string): ConstructRow[] {
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => /^## .*The 45 constructs from real schemes/.test(l));
  if (start < 0) return [];
  const rows: ConstructRow[] = [];
  for (let i = start + 1; i < lines.length && !/^## /.test(lines[i]!); i++) {
    const cells = lines[i]!.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length !== 4 || !/^\d+$/.test(cells[0]!)) continue;
    const examples = [...cells[3]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rows.push({ number: Number(cells[0]), construct: cells[1]!, feature: cells[2]!, examples, line: i + 1 });
  }
  return rows;
}
