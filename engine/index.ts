/**
 * The engine's library façade: checked scheme → program → results → explanations. Every stage
 * returns values plus issues and never throws on bad input; the CLI and the server are thin
 * shells over these functions.
 */
export { buildProgram, ENGINE_VERSION, type Program } from "./program.js";
export { evaluate, type EvaluateOptions, type Evaluation } from "./evaluate.js";
export { Results, type BlockResult, type FiredResult, type GradeResult, type TypologyResult, type ValueResult, type VetoResult } from "./results.js";
export type { RegionNode, RegionResult } from "./results-region.js";
export type { NodeColumns } from "./results-tree.js";
export { explain, renderExplanation, type ExplainNode, type Explanation } from "./explain.js";
export { EVAL_CODES, type EvalCode, type EvalIssue } from "./issues.js";
export type { ColumnarData } from "./runtime.js";
export { STATUS } from "./ops/adjust.js";
export { GRADE_REASONS } from "./ops/grade.js";
export { resultTable, type ResultTable, type TableColumn, type TableDepth } from "./table.js";
export { impactDiff, renderDiff, renderImpact, structuralDiff, type Change, type EffectiveChange, type ImpactDiff, type ImpactOptions, type ImpactOutcome, type RegionImpact, type SchemeDiff } from "./diff/index.js";
export { DATA_CODES, datasetSchema, formatDataIssue, hasDataErrors, loadDataset, type DataCode, type DataFormat, type DataIssue, type Dataset, type DataSource, type JSONSchema, type LoadResult } from "./data/index.js";
export { exportJsonLogic, type JsonLogicExport, type Logic as JsonLogicRule, type Unsupported as JsonLogicUnsupported } from "./jsonlogic/index.js";
export { whatIf, readOverrides, parseOverride, regionDeltas, WHATIF_CODES, type Override, type RegionDelta, type RankDelta, type WhatIfCode, type WhatIfIssue, type WhatIfResult } from "./whatif/index.js";
export { sensitivity, buildModel, type IndicatorImportance, type RegionSensitivity, type SensitivityOptions, type SensitivityResult, type Sweep, type SweepPoint, type SweepResult } from "./sensitivity/index.js";
export { compareWithReceipt, readReceiptDocument, receiptDocument, resultsDigest, type DatasetRef, type ReceiptDocument, type SchemeRef } from "./receipt-doc.js";
export { stability, regionStability, type NodeStability, type PropertyStability, type RegionStability, type ShareIntervals, type StabilityOptions, type StabilityReport } from "./stability/index.js";
export { stabilityJson, type StabilityJson } from "./stability/json.js";
export { reach, reachAll, nextGrade, nextGradeSentences, readTarget, type ReachResult, type SingleChange, type Target as ReachTarget } from "./reach/index.js";
export { reachJson, type ReachJson } from "./reach/json.js";
