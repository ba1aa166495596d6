/**
 * `yardstick verify`: a receipt from `eval --receipt` re-runs to identical results; a changed
 * file is caught; a receipt naming a stored version and dataset re-runs from a real SQLite store.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../dsl/index.js";
import { loadDataset } from "../../engine/data/index.js";
import { buildProgram, evaluate, receiptDocument } from "../../engine/index.js";
import { canonicalize } from "../../dsl/index.js";
import { openStore } from "../../store/index.js";
import { spawnCli } from "./spawn.js";

const SLOW = 600_000;
const tmp = mkdtempSync(join(tmpdir(), "yardstick-verify-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("verify", () => {
  it("confirms a receipt from `eval --receipt`, and catches a changed dataset", async () => {
    const scheme = join(tmp, "jinhua.yard");
    const data = join(tmp, "jinhua.csv");
    copyFileSync("schemes/jinhua.yard", scheme);
    copyFileSync("schemes/data/jinhua.csv", data);
    const receipt = join(tmp, "receipt.json");
    const made = await spawnCli(["eval", scheme, data, "--format", "json", "--out", join(tmp, "out.json"), "--receipt", receipt]);
    expect(made.code).toBe(0);
    const ok = await spawnCli(["verify", receipt]);
    expect(ok.stdout).toContain("verified: identical results");
    expect(ok.code).toBe(0);
    appendFileSync(data, readFileSync(data, "utf8").split("\n")[1]!.replace(/^[^,]+/, "新区") + "\n");
    const changed = await spawnCli(["verify", receipt]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/has changed since the receipt was made/);
    expect(changed.stderr).not.toMatch(/\n\s+at /);
  }, SLOW);

  it("re-runs a receipt that names a stored version and dataset", async () => {
    const dataDir = join(tmp, "store");
    const store = await openStore({ dataDir, canonicalize });
    const source = canonicalize(readFileSync("schemes/jinhua.yard", "utf8"));
    const bytes = readFileSync("schemes/data/jinhua.csv");
    await store.createScheme({ name: "jinhua", createdBy: "test" });
    const saved = await store.saveVersion({ scheme: "jinhua", source, parent: null, author: "test", message: "v1" });
    const put = await store.putDataset({ name: "jinhua", period: "2026", mediaType: "text/csv", content: bytes, rowCount: 1, author: "test" });
    await store.close();
    if (!saved.ok || !put.ok) throw new Error("store setup failed");
    const checked = compile(source, "jinhua");
    const { dataset } = await loadDataset(checked, { name: "jinhua.csv", bytes });
    const { results } = evaluate(buildProgram(checked).program!, dataset!);
    const doc = receiptDocument(results!, {
      scheme: { scheme: "jinhua", version: saved.version.hash }, dataset: { name: "jinhua", period: "2026", sha256: put.dataset.sha256 }, prev: null,
    });
    const file = join(tmp, "stored-receipt.json");
    writeFileSync(file, JSON.stringify(doc));
    const ok = await spawnCli(["verify", file], { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    writeFileSync(file, JSON.stringify({ ...doc, resultsDigest: "0".repeat(64) }));
    const tampered = await spawnCli(["verify", file], { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("the same inputs gave different results");
  }, SLOW);
});
