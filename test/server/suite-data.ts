/** Evaluate, explain and datasets against a real server: every way to send data, and its errors. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { canonicalize } from "../../dsl/index.js";
import { createWithVersion, problemOf } from "./suite-schemes.js";
import { county, smallScheme, type TestServer } from "./support.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const EXPECTED = JSON.parse(readFileSync(join(import.meta.dirname, "..", "engine", "golden", "county.expected.json"), "utf8")) as { receipt: string; regions: { region: string; total: number; grade: string }[] };

async function xlsxOf(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("data");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function totals(body: any): Record<string, number> {
  return Object.fromEntries(body.regions.map((r: any) => [r.region, r.total]));
}

/** Registers the data tests. */
export function defineDataTests(server: () => TestServer): void {
  test("evaluate a stored version on posted JSON rows (with last period's stored) gives the engine's golden results", async () => {
    const t = server();
    const c = county();
    const hash = await createWithVersion(t, "county", c.source);
    const prev = await t.as("author").send("PUT", "/api/datasets/county/2025", c.prev);
    expect(prev.status).toBe(201);
    const r = await t.as("service").post(`/api/schemes/county/versions/${hash}/evaluate?prev=county/2025`, c.rows);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ scheme: "county", version: hash, dataset: { posted: "application/json", rows: c.rows.length }, receipt: expect.any(String) });
    expect(totals(r.body)).toEqual(Object.fromEntries(EXPECTED.regions.map((x) => [x.region, x.total])));
    expect(r.body.regions.map((x: any) => x.grade)).toEqual(EXPECTED.regions.map((x) => x.grade));
    const audit = await t.as("auditor").get("/api/audit?action=evaluate");
    expect(audit.body.entries[0]).toMatchObject({ actor: "service (test)", target: "county", versionHash: hash, detail: { outcome: "ok", receipt: r.body.receipt, dataset: { posted: "application/json" }, prev: { stored: "county/2025" } } });
  });

  test("the same version on a stored dataset, on `{rows}` JSON, and as a posted source agree", async () => {
    const t = server();
    const c = county();
    const hash = await createWithVersion(t, "county", c.source);
    expect((await t.as("admin").send("PUT", "/api/datasets/county/2026", c.rows)).status).toBe(201);
    expect((await t.as("admin").send("PUT", "/api/datasets/county/2025", c.prev)).status).toBe(201);
    const stored = await t.as("service").post(`/api/schemes/county/versions/head/evaluate?dataset=county/2026&prev=county/2025`);
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body.dataset).toMatchObject({ stored: "county/2026", rows: c.rows.length });
    // a stored version on stored datasets comes with a receipt document `yardstick verify` can re-run
    expect(stored.body.receiptDocument).toMatchObject({
      kind: "yardstick-receipt", receipt: stored.body.receipt, scheme: { scheme: "county", version: hash },
      dataset: { name: "county", period: "2026" }, prev: { name: "county", period: "2025" },
    });
    const wrapped = await t.as("service").post(`/api/schemes/county/versions/${hash.slice(0, 8)}/evaluate?prev=county/2025`, { rows: c.rows });
    // posted as stored (canonical), so the receipt (which hashes the source text) is the same too
    const posted = await t.as("author").post("/api/evaluate", { source: canonicalize(c.source), dataset: c.rows, prev: c.prev });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body).toMatchObject({ scheme: null, version: null, receiptDocument: null });
    expect(totals(wrapped.body)).toEqual(totals(stored.body));
    expect(totals(posted.body)).toEqual(totals(stored.body));
    expect(posted.body.receipt).toBe(stored.body.receipt);
  });

  test("CSV and XLSX bodies are read by content type", async () => {
    const t = server();
    const hash = await createWithVersion(t, "small", smallScheme(0));
    const csv = await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, "district,gdp\n甲,5\n乙,2.5\n丙,0\n", "text/csv");
    expect(csv.status, JSON.stringify(csv.body)).toBe(200);
    expect(totals(csv.body)).toEqual({ 甲: 100, 乙: 50, 丙: 0 });
    const xlsx = await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, await xlsxOf([["district", "gdp"], ["甲", 5], ["乙", 2.5]]), XLSX);
    expect(xlsx.status, JSON.stringify(xlsx.body)).toBe(200);
    expect(totals(xlsx.body)).toEqual({ 甲: 100, 乙: 50 });
    problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, "<rows/>", "application/xml"), 415);
    problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`), 415);
  });

  test("dataset errors are 422 problems naming the row and field (and a pointer for JSON)", async () => {
    const t = server();
    const hash = await createWithVersion(t, "small", smallScheme(0));
    const csv = problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, "district,gdp\n甲,5\n乙,lots\n", "text/csv"), 422);
    expect(csv.errors).toEqual([expect.objectContaining({ code: "not-a-number", row: 3, field: "gdp", region: "乙" })]);
    const json = problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, [{ district: "甲", gdp: 5 }, { district: "乙", gdp: "lots" }]), 422);
    expect(json.errors).toEqual([expect.objectContaining({ code: "not-a-number", row: 2, field: "gdp", pointer: "/1/gdp" })]);
    const posted = problemOf(await t.as("service").post("/api/evaluate", { source: smallScheme(0), dataset: { rows: [{ district: "甲", gdp: "x" }] } }), 422);
    expect(posted.errors[0]).toMatchObject({ pointer: "/dataset/rows/0/gdp", field: "gdp" });
    const shape = problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, { regions: 3 }), 422);
    expect(shape.errors[0]).toMatchObject({ code: "bad-shape" });
    const noId = problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate`, "name,gdp\n甲,5\n", "text/csv"), 422);
    expect(noId.errors[0]).toMatchObject({ code: "no-id-column" });
    problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate?dataset=none/2026`), 404);
    problemOf(await t.as("service").post(`/api/schemes/small/versions/${hash}/evaluate?dataset=none`), 400);
    problemOf(await t.as("service").post("/api/schemes/nope/versions/head/evaluate", [{ district: "甲", gdp: 1 }]), 404);
    problemOf(await t.as("service").post("/api/evaluate", { source: smallScheme(0) }), 400);
    const badSource = problemOf(await t.as("service").post("/api/evaluate", { source: "scheme \"x\"\ndimension {", dataset: [] }), 422);
    expect(badSource.type).toMatch(/scheme-errors$/);
  });

  test("a run stopped by a failing `check … error` is a 422 naming the regions", async () => {
    const t = server();
    const source = `${smallScheme(0)}check gdp <= 50 error "增速不可信"\n`;
    const r = problemOf(await t.as("service").post("/api/evaluate", { source, dataset: [{ district: "甲", gdp: 5 }, { district: "乙", gdp: 80 }] }), 422);
    expect(r.type).toMatch(/evaluation-failed$/);
    expect(r.errors).toEqual([expect.objectContaining({ code: "check-failed", regions: ["乙"], line: 6 })]);
  });

  test("explain one region of a stored version and of a posted source", async () => {
    const t = server();
    const c = county();
    await createWithVersion(t, "county", c.source);
    await t.as("admin").send("PUT", "/api/datasets/county/2025", c.prev);
    const region = c.rows[0]!["id"] as string;
    const r = await t.as("service").post(`/api/schemes/county/versions/head/explain?region=${encodeURIComponent(region)}&prev=county/2025`, c.rows);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.explanation.summary.region).toBe(region);
    expect(r.body.explanation.tree.children.map((n: any) => n.path)).toEqual(["economy", "service", "safety"]);
    expect(r.body.text).toBe(readFileSync(join(import.meta.dirname, "..", "engine", "golden", "county.explain.txt"), "utf8"));
    const small = await t.as("author").post("/api/explain", { source: smallScheme(0), dataset: [{ district: "甲", gdp: 2.5 }], region: "甲" });
    expect(small.body.explanation.summary.total).toBe(50);
    problemOf(await t.as("service").post(`/api/schemes/county/versions/head/explain?region=nowhere&prev=county/2025`, c.rows), 404);
    problemOf(await t.as("service").post(`/api/schemes/county/versions/head/explain`, c.rows), 400);
  });

  test("datasets: upload CSV/JSON/XLSX, list, download as uploaded; conflicts and replace", async () => {
    const t = server();
    const csv = "district,gdp\r\n甲,5\r\n乙,3\r\n";
    const put = await t.as("author").send("PUT", "/api/datasets/县域/2024", csv, "text/csv");
    expect(put.status).toBe(201);
    expect(put.body.dataset).toMatchObject({ name: "县域", period: "2024", mediaType: "text/csv", rowCount: 2, author: "author (test)" });
    expect((await t.as("author").send("PUT", "/api/datasets/县域/2024", csv, "text/csv")).status).toBe(200);
    problemOf(await t.as("author").send("PUT", "/api/datasets/县域/2024", "district,gdp\n甲,1\n", "text/csv"), 409);
    const replaced = await t.as("author").send("PUT", "/api/datasets/县域/2024?replace=true", "district,gdp\n甲,1\n", "text/csv");
    expect(replaced.body.dataset.rowCount).toBe(1);
    const book = await xlsxOf([["district", "gdp"], ["甲", 1], ["乙", 2], ["丙", 3]]);
    expect((await t.as("admin").send("PUT", "/api/datasets/县域/2025", book, XLSX)).body.dataset).toMatchObject({ rowCount: 3, mediaType: XLSX });
    const list = await t.as("service").get("/api/datasets");
    expect(list.body.datasets.map((d: any) => `${d.name}/${d.period}`)).toEqual(["县域/2024", "县域/2025"]);
    const got = await fetch(`${t.url}/api/datasets/${encodeURIComponent("县域")}/2025`, { headers: { authorization: `Bearer ${t.tokens.service}` } });
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(book);
    expect(got.headers.get("content-type")).toBe(XLSX);
    problemOf(await t.as("service").send("PUT", "/api/datasets/x/2024", csv, "text/csv"), 403);
    problemOf(await t.as("author").send("PUT", "/api/datasets/x/2024", "{\"a\":", "application/json"), 400);
    problemOf(await t.as("author").send("PUT", "/api/datasets/x/2024", { not: "rows" }), 422);
    problemOf(await t.as("service").get("/api/datasets/x/2030"), 404);
  });

  test("an upload checked against a scheme is refused with row and field when it does not fit", async () => {
    const t = server();
    await createWithVersion(t, "small", smallScheme(0));
    const bad = problemOf(await t.as("author").send("PUT", "/api/datasets/s/2024?scheme=small", "district,gdp\n甲,x\n", "text/csv"), 422);
    expect(bad.errors[0]).toMatchObject({ row: 2, field: "gdp" });
    expect((await t.as("author").send("PUT", "/api/datasets/s/2024?scheme=small", "district,gdp\n甲,1\n", "text/csv")).status).toBe(201);
    problemOf(await t.as("author").send("PUT", "/api/datasets/s/2024?scheme=nope", "district,gdp\n甲,1\n", "text/csv"), 404);
  });

  test("auditors may not evaluate; services may not save", async () => {
    const t = server();
    const hash = await createWithVersion(t, "small", smallScheme(0));
    problemOf(await t.as("auditor").post(`/api/schemes/small/versions/${hash}/evaluate`, [{ district: "甲", gdp: 1 }]), 403);
    problemOf(await t.as("service").post("/api/schemes/small/versions", { parent: hash, source: smallScheme(3) }), 403);
  });
}
