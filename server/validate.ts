/** Request validation with ajv against the schemas declared in the route table. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema } from "./route.js";
import { problem, type ProblemLocation } from "./problem.js";

const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(ajv);
// query strings are text: `?limit=5` must pass `{type: "integer"}` (and becomes 5)
const coercing = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true });
addFormats.default(coercing);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
const compiledCoercing = new WeakMap<JsonSchema, ValidateFunction>();

function validator(schema: JsonSchema, coerce = false): ValidateFunction {
  const cache = coerce ? compiledCoercing : compiled;
  let v = cache.get(schema);
  if (!v) {
    v = (coerce ? coercing : ajv).compile(schema);
    cache.set(schema, v);
  }
  return v;
}

function locate(e: ErrorObject, base: string): ProblemLocation {
  const missing = e.keyword === "required" ? `/${(e.params as { missingProperty: string }).missingProperty}` : "";
  const extra = e.keyword === "additionalProperties" ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : "";
  const pointer = `${base}${e.instancePath}${missing}${extra}`;
  const what = e.keyword === "additionalProperties" ? "is not a known property" : e.message ?? "is not valid";
  return { pointer, message: `${pointer || "/"} ${what}` };
}

/** Validates a value against a schema; throws a 400 problem naming every bad place. */
export function validateOrThrow(schema: JsonSchema, value: unknown, where: "body" | "query"): void {
  const v = validator(schema, where === "query");
  if (v(value)) return;
  const errors = (v.errors ?? []).map((e) => locate(e, where === "query" ? "/query" : ""));
  throw problem(400, "invalid-request", `invalid request ${where}`, errors.map((e) => e.message).join("; "), { errors });
}

/** A copy of the query, validated and coerced (`"5"` → 5 where the schema wants a number); repeated keys are a 400. */
export function validateQuery(schema: JsonSchema | undefined, query: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...query };
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value !== "string") {
      const pointer = `/query/${key}`;
      throw problem(400, "invalid-request", "invalid request query", `${pointer} must be given once, as plain text`, { errors: [{ pointer, message: `${pointer} must be given once, as plain text` }] });
    }
  }
  validateOrThrow(schema ?? { type: "object", additionalProperties: false }, copy, "query");
  return copy;
}
