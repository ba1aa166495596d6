/** Formats scheme text with the CLI's formatter (`yardstick fmt`), so both give the same layout. */
import { formatSource, type Diagnostic } from "../../../dsl/index.js";

/** The formatted text, or null with the syntax errors that prevent formatting. */
export function formatText(text: string): { text: string | null; diagnostics: readonly Diagnostic[] } {
  const result = formatSource(text, "scheme.yard");
  return { text: result.text, diagnostics: result.diagnostics };
}
