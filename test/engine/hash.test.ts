/**
 * The native (`node:crypto`) and portable (@noble/hashes) sha256 give the same digests on any
 * input — text with any UTF-16 code units (lone surrogates too), bytes, fed in pieces — and
 * both match published test vectors.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { hasher, nativeHasher, portableHasher, sha256, type Hasher } from "../../engine/hash.js";

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((units) => String.fromCharCode(...units)),
);
const piece = fc.oneof(anyText, fc.uint8Array({ maxLength: 300 }));

function digest(h: Hasher, pieces: readonly (string | Uint8Array)[]): string {
  for (const p of pieces) h.update(p);
  return h.hex();
}

describe("sha256", () => {
  test("Node has the native hasher, and hasher() uses it", () => {
    expect(nativeHasher()).not.toBeNull();
    expect(hasher().update("abc").hex()).toBe(nativeHasher()!.update("abc").hex());
  });

  test("both match the FIPS 180-2 vectors", () => {
    const vectors: [string, string][] = [
      ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
      ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
      ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
    ];
    for (const [text, hex] of vectors) {
      expect(portableHasher().update(text).hex()).toBe(hex);
      expect(nativeHasher()!.update(text).hex()).toBe(hex);
      expect(sha256(text)).toBe(hex);
    }
  });

  test("native and portable agree on random texts and bytes fed in pieces", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        expect(digest(nativeHasher()!, pieces)).toBe(digest(portableHasher(), pieces));
      }),
      { numRuns: 500 },
    );
  });

  test("a lone surrogate hashes as U+FFFD in both", () => {
    const replaced = portableHasher().update("a\uFFFDb").hex();
    expect(nativeHasher()!.update("a\uD800b").hex()).toBe(replaced);
    expect(portableHasher().update("a\uDC00b").hex()).toBe(replaced);
  });
});
