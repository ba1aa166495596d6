/**
 * Large JSON answers encoded as the engine writes them (`Results.writeJSONMembers`), without
 * building the objects or one big string first, and sent with one write and no ETag (answers to
 * POSTs are never cached, so hashing them is wasted work).
 */
import type { Response } from "express";

// UTF-8 is written here first (room for 3 bytes per UTF-16 unit is made before each write, so
// no length pass is needed), then copied out at its exact size; kept between answers unless a
// huge answer grew it. One writer uses it at a time: from its first write to its `bytes()`,
// all synchronous; a writer whose turn was taken by another fails instead of mixing bytes.
const KEEP_BYTES = 8 << 20;
let scratch = Buffer.allocUnsafe(1 << 20);
let lastId = 0;
let activeId = 0;

/** Collects JSON text as UTF-8 bytes; pieces must not split a surrogate pair. */
export class Utf8Writer {
  private readonly id = ++lastId;
  private at = 0;
  private started = false;
  private done = false;

  private room(bytes: number): void {
    if (this.done) throw new Error("bug: Utf8Writer used after bytes()");
    if (!this.started) {
      this.started = true;
      activeId = this.id;
    } else if (activeId !== this.id) {
      throw new Error("bug: another Utf8Writer started before this one finished");
    }
    if (this.at + bytes <= scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.at + bytes, scratch.length * 2));
    scratch.copy(grown, 0, 0, this.at);
    scratch = grown;
  }

  /** Appends text. */
  text(s: string): void {
    this.room(s.length * 3);
    this.at += scratch.write(s, this.at, "utf8");
  }

  /** Appends text whose UTF-8 bytes are given. */
  constant(_s: string, utf8: Uint8Array): void {
    this.room(utf8.length);
    scratch.set(utf8, this.at);
    this.at += utf8.length;
  }

  /** The bytes written, as a buffer of their own; the writer is finished. */
  bytes(): Buffer {
    this.room(0);
    this.done = true;
    activeId = 0;
    const out = Buffer.allocUnsafe(this.at);
    scratch.copy(out, 0, 0, this.at);
    if (scratch.length > KEEP_BYTES) scratch = Buffer.allocUnsafe(1 << 20);
    return out;
  }
}

/** Sends UTF-8 JSON as a 200 `application/json` answer. */
export function sendJsonBytes(res: Response, bytes: Buffer): void {
  res.status(200).set({ "Content-Type": "application/json; charset=utf-8", "Content-Length": String(bytes.length) });
  res.end(bytes);
}
