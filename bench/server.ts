/**
 * `npm run bench:server`: starts `yardstick serve` on loopback (a fresh SQLite store, the samples
 * loaded, the rate limit lifted), then autocannon POSTs the county dataset (CSV) for evaluation
 * of the county scheme's head (request logs on, as in production), and prints requests/s, p50/p99 latency and errors. Goal: no
 * errors, ≥ 50 requests/s, p99 < 200 ms. Exit 1 when there are errors. Also prints the load
 * average and the server's CPU time per request (Linux), since other processes skew latency.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The part of autocannon's API the bench uses (the package ships no types). */
interface Cannon {
  (options: { url: string; method: string; headers: Record<string, string>; body: Buffer; connections: number; duration: number }): Promise<{
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  }>;
}
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const ROOT = join(import.meta.dirname, "..");
const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 10);
const CONNECTIONS = Number(process.env["BENCH_CONNECTIONS"] ?? 10);

/** CPU seconds a process has used (user + system), from /proc (Linux; USER_HZ is 100), or null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(" ");

async function startServer(dataDir: string): Promise<{ url: string; token: string; pid: number | undefined; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "serve"], {
    cwd: ROOT, stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "info", EVAL_RATE_PER_MINUTE: "10000000", EVAL_BURST: "100000" },
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let pending = "";
    let token = "";
    child.stdout!.on("data", (c: Buffer) => {
      const lines = (pending + c.toString("utf8")).split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        const entry = JSON.parse(line) as { msg: string; url?: string; token?: string };
        if (entry.token) token = entry.token;
        if (entry.msg === "listening") resolve({ url: entry.url!, token });
      }
    });
    void exited.then(() => reject(new Error("the server exited before listening")));
  });
  return { ...ready, pid: child.pid, stop: async () => { child.kill("SIGTERM"); await exited; } };
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "yardstick-bench-"));
  const server = await startServer(dataDir);
  try {
    const body = readFileSync(join(ROOT, "schemes", "data", "county-annual.csv"));
    const url = `${server.url}/api/schemes/county-annual/versions/head/evaluate?prev=county-annual/2025`;
    const headers = { authorization: `Bearer ${server.token}`, "content-type": "text/csv" };
    const check = await fetch(url, { method: "POST", headers, body });
    if (check.status !== 200) throw new Error(`the evaluation answered ${check.status}: ${(await check.text()).slice(0, 300)}`);
    const loadBefore = load();
    const cpuBefore = cpuSeconds(server.pid);
    const result = await autocannon({ url, method: "POST", headers, body, connections: CONNECTIONS, duration: SECONDS });
    const cpuAfter = cpuSeconds(server.pid);
    const requests = result.requests.average * SECONDS;
    const cpu = cpuBefore !== null && cpuAfter !== null && requests > 0 ? `, server CPU ${((1000 * (cpuAfter - cpuBefore)) / requests).toFixed(1)} ms/request` : "";
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(`yardstick bench:server — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
    console.log(`POST county-annual evaluate (${body.length} B CSV, 40 regions), ${CONNECTIONS} connections, ${SECONDS} s`);
    console.log(`requests/s ${result.requests.average.toFixed(1)}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts})`);
    console.log(`load average ${loadBefore} before, ${load()} after (${cpus().length} CPUs)${cpu}`);
    console.log(`goal: no errors, ≥ 50 requests/s, p99 < 200 ms — ${errors === 0 && result.requests.average >= 50 && result.latency.p99 < 200 ? "met" : "NOT met"}`);
    return errors === 0 ? 0 : 1;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then((code) => (process.exitCode = code), (e: unknown) => {
  console.error(`bench:server failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
