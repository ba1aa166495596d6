/**
 * Content negotiation for request bodies: the route declares which media types it accepts, the
 * `Content-Type` decides how the bytes are read (JSON parsed and validated, CSV and plain text
 * decoded as UTF-8, XLSX kept as bytes). Anything else is a 415 problem; bad JSON a 400.
 */
import type { Request } from "express";
import { problem } from "./problem.js";
import type { Body, BodySpec } from "./route.js";
import { validateOrThrow } from "./validate.js";

/** The XLSX media type. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The media types a body spec accepts, in the order the document lists them. */
export function acceptedTypes(spec: BodySpec): string[] {
  return [
    ...(spec.json ? ["application/json"] : []),
    ...(spec.csv ? ["text/csv"] : []),
    ...(spec.xlsx ? [XLSX_TYPE] : []),
    ...(spec.text ? ["text/plain"] : []),
  ];
}

function mediaType(req: Request): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

function isJsonType(type: string): boolean {
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function decode(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Where a JSON parse error is, as `line N column M` when the message gives an offset. */
function jsonError(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split("\n");
  return `${message} (line ${before.length} column ${before[before.length - 1]!.length + 1})`;
}

function parseJson(bytes: Buffer, spec: BodySpec): Body {
  const text = decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw problem(400, "malformed-json", "malformed JSON", `the body is not valid JSON: ${jsonError(text, e)}`, {
      errors: [{ pointer: "", message: "the body is not valid JSON" }],
    });
  }
  if (spec.json) validateOrThrow(spec.json, value, "body");
  return { kind: "json", value, text };
}

/** Reads the raw body (a Buffer from `express.raw`) as the route's spec says; throws a problem when it cannot. */
export function negotiateBody(req: Request, spec: BodySpec | undefined): Body {
  const raw: unknown = req.body;
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
  const type = mediaType(req);
  if (!spec) return { kind: "none" };
  if (bytes.length === 0 && type === "") {
    if (spec.optional) return { kind: "none" };
    throw problem(415, "unsupported-media-type", "a request body is needed", `send a body of type ${acceptedTypes(spec).join(", ")}`);
  }
  if (spec.json && isJsonType(type)) return parseJson(bytes, spec);
  if (spec.csv && (type === "text/csv" || type === "application/csv")) return { kind: "csv", text: decode(bytes) };
  if (spec.xlsx && type === XLSX_TYPE) return { kind: "xlsx", bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  if (spec.text && type === "text/plain") return { kind: "text", text: decode(bytes) };
  throw problem(415, "unsupported-media-type", "unsupported media type", `\`${type || "(none)"}\` is not accepted here; send ${acceptedTypes(spec).join(", ")}`, {
    accepted: acceptedTypes(spec),
  });
}
