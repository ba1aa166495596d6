/**
 * The server suite on PostgreSQL when DATABASE_URL is set (a schema per test). Otherwise it is
 * skipped with a printed reason, or fails under YARDSTICK_REQUIRE_ALL=1 (CI).
 */
import { expect, test } from "vitest";
import { defineServerSuite } from "./suite.js";
import { postgresHarness, postgresSkipReason, requireAll } from "./support.js";

if (postgresHarness) {
  defineServerSuite(postgresHarness);
} else if (requireAll) {
  test("the server suite runs on PostgreSQL (YARDSTICK_REQUIRE_ALL=1)", () => {
    expect.fail(`the PostgreSQL server suite cannot run: ${postgresSkipReason}`);
  });
} else {
  console.log(`skipping the server suite on PostgreSQL: ${postgresSkipReason}`);
  test.skip("the server suite on PostgreSQL (needs DATABASE_URL)", () => undefined);
}
