/** HTML escaping and number formatting for the printed report. */

/** Escapes text for HTML content and attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A score as printed: two decimals, trailing zeros dropped. */
export function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}
