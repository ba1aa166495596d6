/** The functions expressions may call, with their arities: the checker's view of the builtins. */

/** Functions computed over regions (with one argument; `percentile` may take a second). */
export const CROSS_FUNCTIONS: ReadonlyMap<string, { readonly min: number; readonly max: number }> = new Map([
  ["mean", { min: 1, max: 1 }], ["median", { min: 1, max: 1 }], ["sum", { min: 1, max: 1 }],
  ["count", { min: 1, max: 1 }], ["rank", { min: 1, max: 1 }], ["percentile", { min: 1, max: 2 }],
  ["min", { min: 1, max: 1 }], ["max", { min: 1, max: 1 }],
]);

/** Functions computed region by region. */
export const ELEMENTWISE_FUNCTIONS: ReadonlyMap<string, { readonly min: number; readonly max: number }> = new Map([
  ["min", { min: 2, max: Infinity }], ["max", { min: 2, max: Infinity }], ["abs", { min: 1, max: 1 }],
  ["ln", { min: 1, max: 1 }], ["log10", { min: 1, max: 1 }], ["sqrt", { min: 1, max: 1 }],
  ["round", { min: 1, max: 2 }], ["clamp", { min: 3, max: 3 }], ["ratio", { min: 2, max: 3 }],
]);

/** Every function name, for suggestions and completion. */
export const FUNCTION_NAMES: readonly string[] = [...new Set([...CROSS_FUNCTIONS.keys(), ...ELEMENTWISE_FUNCTIONS.keys(), "prev"])];

/** True when a call with this many arguments is the cross-region form. */
export function isCrossCall(name: string, arity: number): boolean {
  if (name === "min" || name === "max") return arity === 1;
  return CROSS_FUNCTIONS.has(name);
}

/** "1 argument", "2 or 3 arguments", "2 or more arguments". */
export function arityText(a: { min: number; max: number }): string {
  const n = a.min === a.max ? `${a.min}` : a.max === Infinity ? `${a.min} or more` : `${a.min} or ${a.max}`;
  return `${n} argument${n === "1" ? "" : "s"}`;
}
