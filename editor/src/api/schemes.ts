/** The scheme and version routes of the API, typed as the editor uses them. */
import type { Version, VersionInfo } from "../../../store/types.js";
import { ApiError, call, seg } from "./http.js";

/** A version and its metadata as the API sends them: the store's own shapes (plain JSON). */
export type { Version, VersionInfo };

/** A named scheme (as `GET /api/schemes` lists it). */
export interface SchemeInfo {
  readonly name: string;
  readonly head: string | null;
  readonly versions: number;
  readonly updatedAt: string;
}

/** Every scheme. */
export async function listSchemes(): Promise<SchemeInfo[]> {
  return (await call<{ schemes: SchemeInfo[] }>("GET", "/schemes")).schemes;
}

/** A scheme's versions, newest first. */
export async function history(scheme: string): Promise<VersionInfo[]> {
  return (await call<{ versions: VersionInfo[] }>("GET", `/schemes/${seg(scheme)}/versions`)).versions;
}

/** One version (`ref`: hash, prefix or `head`). */
export async function getVersion(scheme: string, ref: string): Promise<Version> {
  return (await call<{ version: Version }>("GET", `/schemes/${seg(scheme)}/versions/${seg(ref)}`)).version;
}

/** Creates a scheme with its first version. */
export async function createScheme(name: string, source: string, message: string): Promise<Version | null> {
  return (await call<{ version: Version | null }>("POST", "/schemes", { json: { name, source, message } })).version;
}

/** How a save ended: saved (or already the head), or a conflict carrying the current head. */
export type SaveOutcome =
  | { readonly kind: "saved"; readonly version: Version; readonly created: boolean }
  | { readonly kind: "conflict"; readonly head: Version | null; readonly message: string };

/** Saves `source` on `parent`; a stale parent comes back as a conflict, other failures reject. */
export async function saveVersion(scheme: string, parent: string | null, source: string, message: string): Promise<SaveOutcome> {
  try {
    const r = await call<{ version: Version; created: boolean }>("POST", `/schemes/${seg(scheme)}/versions`, { json: { parent, source, message } });
    return { kind: "saved", version: r.version, created: r.created };
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.problem && "head" in e.problem) {
      return { kind: "conflict", head: (e.problem["head"] as Version | null) ?? null, message: e.message };
    }
    throw e;
  }
}
