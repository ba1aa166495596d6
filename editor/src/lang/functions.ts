/**
 * The builtin functions a scheme may call, for completion and hover: the names come from the
 * checker's own list (`FUNCTION_NAMES`), the one-line descriptions from docs/language.md §6.
 */
import { FUNCTION_NAMES } from "../../../dsl/index.js";

/** A builtin function with its signature and a one-line description in both languages. */
export interface BuiltinFunction {
  readonly name: string;
  readonly signature: string;
  readonly zh: string;
  readonly en: string;
}

const DOCS: Readonly<Record<string, Omit<BuiltinFunction, "name">>> = {
  min: { signature: "min(a, b, …) / min(x)", zh: "最小值（一个参数时为全体地区最小值）", en: "smallest value (over all regions with one argument)" },
  max: { signature: "max(a, b, …) / max(x)", zh: "最大值（一个参数时为全体地区最大值）", en: "largest value (over all regions with one argument)" },
  abs: { signature: "abs(x)", zh: "绝对值", en: "absolute value" },
  ln: { signature: "ln(x)", zh: "自然对数（x ≤ 0 时为 0）", en: "natural logarithm (0 for x ≤ 0)" },
  log10: { signature: "log10(x)", zh: "常用对数（x ≤ 0 时为 0）", en: "base-10 logarithm (0 for x ≤ 0)" },
  sqrt: { signature: "sqrt(x)", zh: "平方根（x < 0 时为 0）", en: "square root (0 for x < 0)" },
  round: { signature: "round(x, d)", zh: "四舍五入到 d 位小数", en: "rounded half away from zero to d decimals" },
  clamp: { signature: "clamp(x, lo, hi)", zh: "限制在 lo..hi 之间", en: "x limited to lo..hi" },
  ratio: { signature: "ratio(a, b, d)", zh: "安全除法：b 为 0 时取 d（默认 0）", en: "safe division: d (default 0) when b is 0" },
  mean: { signature: "mean(x [within T])", zh: "全体（或同类）地区平均值", en: "mean over all regions (or the region's type)" },
  median: { signature: "median(x [within T])", zh: "中位数", en: "median" },
  sum: { signature: "sum(x [within T])", zh: "合计", en: "sum" },
  count: { signature: "count(x [within T])", zh: "有值（或条件成立）的地区数", en: "regions with a value (or where a condition holds)" },
  rank: { signature: "rank(x [within T])", zh: "竞争排名，大者为先（1, 2, 2, 4）", en: "competition rank, largest first (1, 2, 2, 4)" },
  percentile: { signature: "percentile(x [, p])", zh: "百分位排名，或第 p 百分位数", en: "percent rank, or the p-th percentile" },
  prev: { signature: "prev(x)", zh: "上一期同一地区的数值", en: "last period's value for the same region" },
  score: { signature: "score(path)", zh: "某维度或指标的得分（用于否决、标记、预警）", en: "a dimension's or indicator's score (vetoes, flags, alerts)" },
};

/** Every builtin function (and `score(path)`), with its description when documented. */
export const FUNCTIONS: readonly BuiltinFunction[] = [...FUNCTION_NAMES, "score"].map((name) => ({
  name, ...(DOCS[name] ?? { signature: `${name}(…)`, zh: "", en: "" }),
}));
