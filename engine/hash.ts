/**
 * sha256 for receipts and scheme hashes, in plain JavaScript (@noble/hashes) so the engine runs
 * unchanged in the browser, where `node:crypto` does not exist.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const encoder = new TextEncoder();

/** An incremental sha256: feed text (as UTF-8) or bytes, then read the hex digest. */
export interface Hasher {
  update(data: string | Uint8Array): Hasher;
  hex(): string;
}

/** Starts an incremental sha256. */
export function hasher(): Hasher {
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

/** sha256 (hex) of a text's UTF-8 bytes. */
export function sha256(text: string): string {
  return hasher().update(text).hex();
}
