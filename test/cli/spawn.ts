/** Runs the `yardstick` CLI as a real child process, for the CLI tests. */
import { spawn } from "node:child_process";
import { join } from "node:path";

/** The repository root (the CLI runs from there). */
export const ROOT = join(import.meta.dirname, "..", "..");

/** What a process printed and how it exited. */
export interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs `node --import tsx cli/main.ts ARGS` with extra environment variables. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", YARDSTICK_DEBUG: "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
