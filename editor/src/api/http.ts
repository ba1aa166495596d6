/**
 * HTTP to the server's `/api`: JSON in and out, the API token from the page's settings, and every
 * failure turned into an `ApiError` whose message is words (the problem's title, detail and
 * places), never raw JSON.
 */
import { t } from "../i18n.js";

/** A problem+json body as the server sends it. */
export interface ProblemBody {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly { readonly message: string; readonly line?: number; readonly col?: number; readonly row?: number; readonly field?: string; readonly region?: string; readonly pointer?: string }[];
  readonly [extra: string]: unknown;
}

/** A failed request: HTTP status (0 when the server could not be reached) and the problem in words. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly problem: ProblemBody | null) {
    super(message);
  }
}

const TOKEN_KEY = "yardstick.token";

/** The API token the editor sends, if the user gave one. */
export function apiToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Stores (or with null, forgets) the API token. */
export function setApiToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

let onUnauthorized: ((message: string) => Promise<boolean>) | null = null;

/** Sets what happens on a 401: resolve true after obtaining a token, and the request is retried once. */
export function setUnauthorizedHandler(f: (message: string) => Promise<boolean>): void {
  onUnauthorized = f;
}

/** A problem body as sentences: title, detail, then each listed place on its own line. */
export function problemText(p: ProblemBody, status: number): string {
  const head = p.detail ? `${p.title ?? t("serverError")}: ${p.detail}` : (p.title ?? `${t("serverError")} (${status})`);
  const places = (p.errors ?? []).slice(0, 8).map((e) => {
    const where = e.line !== undefined ? `${e.line}:${e.col ?? 1}` : e.row !== undefined ? `row ${e.row}${e.field ? ` ${e.field}` : ""}` : e.region ?? e.field ?? e.pointer ?? "";
    return `• ${where ? `${where}: ` : ""}${e.message}`;
  });
  const more = (p.errors?.length ?? 0) > 8 ? [`• … (${p.errors!.length - 8})`] : [];
  return [head, ...places, ...more].join("\n");
}

/** What a request sends. */
export interface RequestOptions {
  readonly json?: unknown;
  /** A raw body with its media type (CSV text, XLSX bytes, scheme text). */
  readonly raw?: { readonly body: BodyInit; readonly type: string };
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Accept header, for downloads. */
  readonly accept?: string;
}

function url(path: string, query: RequestOptions["query"]): string {
  const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `/api${path}${q.length ? `?${q.join("&")}` : ""}`;
}

/** Sends a request; resolves to the response when it is 2xx, else rejects with an `ApiError` in words. */
export async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  try {
    return await sendOnce(method, path, opts);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && onUnauthorized && (await onUnauthorized(e.message))) return sendOnce(method, path, opts);
    throw e;
  }
}

async function sendOnce(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? "application/json" };
  const token = apiToken();
  if (token) headers["Authorization"] = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.raw) {
    headers["Content-Type"] = opts.raw.type;
    body = opts.raw.body;
  }
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), { method, headers, ...(body !== undefined ? { body } : {}) });
  } catch (e) {
    throw new ApiError(0, t("networkError", { detail: e instanceof Error ? e.message : String(e) }), null);
  }
  if (res.ok) return res;
  const text = await res.text();
  let problem: ProblemBody | null = null;
  try {
    problem = JSON.parse(text) as ProblemBody;
  } catch {
    // not JSON: a proxy's page or plain text
  }
  throw new ApiError(res.status, problem ? problemText(problem, res.status) : `${t("serverError")} (${res.status}): ${text.slice(0, 200)}`, problem);
}

/** Sends a request and parses the JSON answer. */
export async function call<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  return (res.status === 204 ? null : await res.json()) as T;
}

/** Path segment escaping for names (Chinese scheme names included). */
export function seg(s: string): string {
  return encodeURIComponent(s);
}
