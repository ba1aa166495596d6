/**
 * Datasets: reading CSV, JSON and XLSX into the engine's columns with row provenance, the JSON
 * Schema a scheme implies, and dataset issues. Runs in Node and the browser (file paths are read
 * by `files.node.ts`, which is not exported here).
 */
export { DATA_CODES, dataIssue, formatDataIssue, hasDataErrors, type DataCode, type DataFormat, type DataIssue, type Dataset } from "./dataset.js";
export { datasetShape, type DatasetShape, type FieldKind, type FieldSpec } from "./fields.js";
export { datasetSchema, type JSONSchema } from "./schema.js";
export { buildDataset, formatOf, loadDataset, type DataSource, type LoadOptions, type LoadResult } from "./load.js";
