/** The canonical form of scheme text that versions are hashed and stored in: the DSL formatter's. */
import { formatSource } from "./index.js";

/** Line endings to LF, no trailing spaces, one final newline: the fallback for text the formatter declines. */
function tidy(text: string): string {
  return `${text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n*$/, "")}\n`;
}

/**
 * Canonicalises scheme text for the store (never throws). The server saves only text without
 * errors, which the formatter always formats; text with syntax errors is only tidied.
 */
export function canonicalize(text: string): string {
  return formatSource(text).text ?? tidy(text);
}
