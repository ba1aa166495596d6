/** Operations: graceful shutdown finishes a request in flight; the evaluation rate limit; request logs. */
import { connect } from "node:net";
import { describe, expect, test } from "vitest";
import { problemOf } from "./suite-schemes.js";
import { smallScheme, sqliteHarness, startTestServer } from "./support.js";

function rawRequest(port: number, head: string): { socket: ReturnType<typeof connect>; response: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  let data = "";
  socket.on("data", (c) => (data += c.toString("utf8")));
  const response = new Promise<string>((resolve, reject) => {
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
  socket.write(head);
  return { socket, response };
}

describe("operations", () => {
  test("shutdown waits for a request still being uploaded, answers it, then refuses new connections", async () => {
    const t = await startTestServer(sqliteHarness);
    try {
      const body = JSON.stringify({ source: smallScheme(0) });
      const half = Math.floor(body.length / 2);
      const { socket, response } = rawRequest(t.server.port, [
        "POST /api/check HTTP/1.1", "Host: 127.0.0.1", `Authorization: Bearer ${t.tokens.author}`,
        "Content-Type: application/json", `Content-Length: ${Buffer.byteLength(body)}`, "", body.slice(0, half),
      ].join("\r\n"));
      await new Promise((r) => setTimeout(r, 100));
      let closed = false;
      const closing = t.server.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(closed).toBe(false);
      socket.write(body.slice(half));
      const text = await response;
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      expect(text).toMatch(/connection: close/i);
      expect(text).toContain('"ok":true');
      await closing;
      await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    } finally {
      await t.stop();
    }
  });

  test("evaluations are rate-limited per token with 429 and Retry-After; other tokens and routes are not", async () => {
    const t = await startTestServer(sqliteHarness, { evalPerMinute: 60, evalBurst: 2 });
    try {
      const run = (who: "service" | "author") => t.as(who).post("/api/evaluate", { source: smallScheme(0), dataset: [{ district: "甲", gdp: 1 }] });
      expect((await run("service")).status).toBe(200);
      expect((await run("service")).status).toBe(200);
      const limited = await run("service");
      problemOf(limited, 429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await run("author")).status).toBe(200);
      expect((await t.as("service").get("/api/datasets")).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  test("a request Node's parser refuses (raw UTF-8 in the URL) still gets a problem+json 400", async () => {
    const t = await startTestServer(sqliteHarness);
    try {
      const { response } = rawRequest(t.server.port, "GET /api/datasets?name=县域 HTTP/1.1\r\nHost: x\r\n\r\n");
      const text = await response;
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      expect(text).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 400, title: "malformed HTTP request" });
    } finally {
      await t.stop();
    }
  });
});
