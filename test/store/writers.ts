/**
 * Runs several `writer.ts` processes against one database and releases them at the same
 * moment (each first reports `ready`), so their saves really contend for the head.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WriterConnection } from "./support.js";
import type { WriterTask } from "./writer.js";

/** What one writer process reports. */
export interface WriterReport {
  readonly saved: string[];
  readonly conflicts: number;
}

const WRITER = fileURLToPath(new URL("./writer.ts", import.meta.url));

/** A started writer process. */
export interface Running {
  readonly child: ChildProcess;
  /** Resolves once the writer has opened the store and waits for `go`. */
  readonly ready: Promise<void>;
  /** Resolves with the writer's report when it exits cleanly. */
  readonly done: Promise<WriterReport>;
  /** Hashes the writer has reported saved so far. */
  readonly acknowledged: string[];
  /** Ids of the audit entries the writer has reported appended so far (with `audit`). */
  readonly audited: number[];
}

/** Starts one writer process (it waits for `go\n` on stdin). */
export function startWriter(task: WriterTask): Running {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, JSON.stringify(task)], { stdio: ["pipe", "pipe", "pipe"] });
  const acknowledged: string[] = [];
  const audited: number[] = [];
  let pending = "";
  let last = "";
  let err = "";
  let signalReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (line === "ready") signalReady();
      else if (line.startsWith("saved ")) acknowledged.push(line.slice(6));
      else if (line.startsWith("audited ")) audited.push(Number(line.slice(8)));
      else last = line;
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const done = new Promise<WriterReport>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code !== 0) return reject(new Error(`writer ${task.writer} exited with ${code ?? signal}: ${err}`));
      resolve(JSON.parse(last) as WriterReport);
    });
  });
  return { child, ready: Promise.race([ready, done.then(() => undefined)]), done, acknowledged, audited };
}

/** Starts `writers` processes saving `count` versions each on `scheme`; resolves with their reports. */
export async function runWriters(connection: WriterConnection, scheme: string, writers: number, count: number): Promise<WriterReport[]> {
  const running = Array.from({ length: writers }, (_, writer) => startWriter({ connection, scheme, writer, count }));
  try {
    await Promise.all(running.map((r) => r.ready));
    for (const r of running) r.child.stdin!.write("go\n");
    return await Promise.all(running.map((r) => r.done));
  } finally {
    for (const r of running) if (r.child.exitCode === null) r.child.kill();
  }
}
