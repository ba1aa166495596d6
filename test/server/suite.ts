/**
 * The server suite both stores must pass: a real server on an ephemeral port over a fresh
 * database per test. `sqlite.test.ts` always runs it; `postgres.test.ts` when DATABASE_URL is set.
 */
import { afterEach, beforeEach, describe } from "vitest";
import { defineAnalysisTests } from "./suite-analysis.js";
import { defineDataTests } from "./suite-data.js";
import { defineSchemeTests } from "./suite-schemes.js";
import { defineStabilityTests } from "./suite-stability.js";
import { startTestServer, type ServerHarness, type TestServer } from "./support.js";

/** Registers the suite for one store. */
export function defineServerSuite(harness: ServerHarness): void {
  describe(`server on ${harness.kind}`, () => {
    let current: TestServer | null = null;
    beforeEach(async () => {
      current = await startTestServer(harness, { bodyLimitBytes: 256 * 1024, evalPerMinute: 6000, evalBurst: 1000 });
    });
    afterEach(async () => {
      await current?.stop();
      current = null;
    });
    const server = (): TestServer => current!;
    defineSchemeTests(server);
    defineDataTests(server);
    defineAnalysisTests(server);
    defineStabilityTests(server);
  });
}
