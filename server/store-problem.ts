/** Maps the store's expected failures (stable codes) to problem+json responses. */
import type { StoreError, StoreErrorCode, StoreResult } from "../store/index.js";
import { problem, type ProblemError } from "./problem.js";

const STATUS: Record<StoreErrorCode, number> = {
  "invalid-input": 400,
  "duplicate-scheme": 409,
  "unknown-scheme": 404,
  "unknown-version": 404,
  "ambiguous-version": 400,
  "content-exists": 409,
  "dataset-exists": 409,
  "duplicate-token": 409,
  "unknown-token": 404,
};

/** The problem for a store error: its code as the type's slug, its message as the detail. */
export function storeProblem(error: StoreError): ProblemError {
  return problem(STATUS[error.code], error.code, error.code.replace(/-/g, " "), error.message, error.hashes ? { hashes: error.hashes } : {});
}

/** The success value of a store result, or throws its problem. */
export function must<T>(result: StoreResult<T>): { readonly ok: true } & T {
  if (!result.ok) throw storeProblem(result.error);
  return result;
}
