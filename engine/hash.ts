/**
 * sha256 for receipts and scheme hashes: Node's native `node:crypto` where the runtime offers it
 * synchronously (`process.getBuiltinModule`, Node ≥ 20.16), else plain JavaScript
 * (@noble/hashes), so the engine runs unchanged in the browser. Both give the same digests.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const encoder = new TextEncoder();

/** An incremental sha256: feed text (as UTF-8) or bytes, then read the hex digest. */
export interface Hasher {
  update(data: string | Uint8Array): Hasher;
  hex(): string;
}

/** The part of `node:crypto`'s Hash the native hasher uses. */
interface NodeHash {
  update(data: string | Uint8Array): unknown;
  digest(encoding: "hex"): string;
}

type CreateHash = (algorithm: "sha256") => NodeHash;

function findCreateHash(): CreateHash | null {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = runtime?.getBuiltinModule?.("node:crypto") as { createHash?: unknown } | undefined;
  return typeof crypto?.createHash === "function" ? (crypto.createHash as CreateHash) : null;
}

const createHash = findCreateHash();

/** Starts an incremental sha256 in plain JavaScript (works everywhere). */
export function portableHasher(): Hasher {
  const h = nobleSha256.create();
  const self: Hasher = {
    update(data) {
      h.update(typeof data === "string" ? encoder.encode(data) : data);
      return self;
    },
    hex: () => bytesToHex(h.digest()),
  };
  return self;
}

/** Starts an incremental sha256 on `node:crypto`, or null where the runtime has none (browsers). */
export function nativeHasher(): Hasher | null {
  if (createHash === null) return null;
  // a string is hashed as UTF-8, lone surrogates as U+FFFD, exactly as TextEncoder encodes it
  const h = createHash("sha256");
  const self: Hasher = {
    update(data) {
      h.update(data);
      return self;
    },
    hex: () => h.digest("hex"),
  };
  return self;
}

/** Starts an incremental sha256: native when available, else portable. */
export function hasher(): Hasher {
  return nativeHasher() ?? portableHasher();
}

/** sha256 (hex) of a text's UTF-8 bytes. */
export function sha256(text: string): string {
  return hasher().update(text).hex();
}
