/** Request validation with ajv against the schemas declared in the route table. */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema } from "./route.js";
import { problem, type ProblemLocation } from "./problem.js";

const ajv = new Ajv2020.default({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validator(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
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
  const v = validator(schema);
  if (v(value)) return;
  const errors = (v.errors ?? []).map((e) => locate(e, where === "query" ? "/query" : ""));
  throw problem(400, "invalid-request", `invalid request ${where}`, errors.map((e) => e.message).join("; "), { errors });
}
