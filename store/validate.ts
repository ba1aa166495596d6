/**
 * Checks on user-supplied values (names, periods, hashes, authors) before they reach the
 * database, returning a `StoreError` value. Values that only code supplies (audit actions,
 * timestamps) are left to the tables' constraints: breaking one is a bug, and it throws.
 */
import type { StoreError, StoreErrorCode } from "./types.js";

const HASH = /^[0-9a-f]{64}$/;
const HEX_PREFIX = /^[0-9a-f]{7,64}$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/;
// control characters, and slashes (names appear as URL path segments)
const FORBIDDEN = /[\u0000-\u001f\u007f/\\]/;

/** Makes a `StoreError`. */
export function storeError(code: StoreErrorCode, message: string, hashes?: readonly string[]): StoreError {
  return hashes === undefined ? { code, message } : { code, message, hashes };
}

/** A name as stored and looked up: Unicode NFC, so visually equal Chinese names match. */
export function normalizeName(name: string): string {
  return name.normalize("NFC");
}

/** True for a full version hash (64 lower-case hex digits). */
export function isHash(value: string): boolean {
  return HASH.test(value);
}

/** True for something that may be a version-hash prefix (7 to 64 lower-case hex digits). */
export function isHashPrefix(value: string): boolean {
  return HEX_PREFIX.test(value);
}

/** Checks a scheme or dataset name or a period: 1–`max` characters, no slashes or control characters, no outer spaces. */
export function checkLabel(what: string, value: unknown, max: number): StoreError | null {
  if (typeof value !== "string" || value.length === 0) return storeError("invalid-input", `${what} must not be empty`);
  if (value.length > max) return storeError("invalid-input", `${what} \`${value.slice(0, 20)}…\` is longer than ${max} characters`);
  if (value.trim() !== value) return storeError("invalid-input", `${what} \`${value}\` starts or ends with a space`);
  if (FORBIDDEN.test(value)) return storeError("invalid-input", `${what} \`${value}\` contains a slash or a control character`);
  return null;
}

/** Checks an author or token name: not blank, at most 200 characters. */
export function checkPerson(what: string, value: unknown): StoreError | null {
  if (typeof value !== "string" || value.trim().length === 0) return storeError("invalid-input", `${what} must not be empty`);
  if (value.length > 200) return storeError("invalid-input", `${what} is longer than 200 characters`);
  return null;
}

/** Checks a version message: a string of at most 10,000 characters (it may be empty). */
export function checkMessage(value: unknown): StoreError | null {
  if (typeof value !== "string") return storeError("invalid-input", "the message must be text");
  if (value.length > 10_000) return storeError("invalid-input", "the message is longer than 10000 characters");
  return null;
}

/** Checks a `parent`: null or a full hash. */
export function checkParent(value: unknown): StoreError | null {
  if (value === null || (typeof value === "string" && isHash(value))) return null;
  return storeError("invalid-input", `the parent \`${String(value)}\` is not a full version hash`);
}

/** Checks a dataset's media type, e.g. `text/csv; charset=utf-8`. */
export function checkMediaType(value: unknown): StoreError | null {
  if (typeof value === "string" && value.length <= 200 && MEDIA_TYPE.test(value)) return null;
  return storeError("invalid-input", `\`${String(value)}\` is not a media type`);
}

/** Checks a row count: a whole number ≥ 0. */
export function checkRowCount(value: unknown): StoreError | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return null;
  return storeError("invalid-input", `the row count \`${String(value)}\` is not a whole number ≥ 0`);
}

/** The first error among checks, or null. */
export function firstError(...errors: (StoreError | null)[]): StoreError | null {
  return errors.find((e) => e !== null) ?? null;
}
