/**
 * Building JSON Logic values (json-logic-js 2.0.5 operators only) with light simplification, so
 * exported rules stay readable: `and`/`or` drop constant operands, a single operand stands alone.
 */

/** A JSON Logic rule or value. */
export type Logic = null | boolean | number | string | readonly Logic[] | { readonly [op: string]: Logic };

/** `{"op": [args]}`. */
export function op(name: string, ...args: Logic[]): Logic {
  return { [name]: args };
}

/** Logical and of conditions (truthy when all are). */
export function and(...xs: Logic[]): Logic {
  const kept = xs.filter((x) => x !== true);
  if (kept.some((x) => x === false)) return false;
  return kept.length === 0 ? true : kept.length === 1 ? kept[0]! : op("and", ...kept);
}

/** Logical or of conditions (truthy when any is). */
export function or(...xs: Logic[]): Logic {
  const kept = xs.filter((x) => x !== false);
  if (kept.some((x) => x === true)) return true;
  return kept.length === 0 ? false : kept.length === 1 ? kept[0]! : op("or", ...kept);
}

/** Negation of a condition. */
export function not(x: Logic): Logic {
  return x === true ? false : x === false ? true : op("!", x);
}

/** A field of the data row. */
export function field(name: string): Logic {
  return { var: name };
}

/** True when a field is absent, null or empty text. */
export function absent(name: string): Logic {
  return op("missing", name);
}

/** `if c then a else b`, folded when c is constant. */
export function cond(c: Logic, a: Logic, b: Logic): Logic {
  return c === true ? a : c === false ? b : op("if", c, a, b);
}

/** |x|. */
export function abs(x: Logic): Logic {
  return typeof x === "number" ? Math.abs(x) : op("if", op("<", x, 0), op("-", x), x);
}

/** Numbers equal up to the engine's relative 1e-9 (so 0.1 + 0.2 == 0.3 holds, as in the engine). */
export function nearlyEqual(a: Logic, b: Logic): Logic {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return op("<=", abs(op("-", a, b)), op("*", 1e-9, op("max", 1, abs(a), abs(b))));
}
