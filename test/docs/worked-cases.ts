/**
 * The data behind each worked example of docs/language.md and the numbers its prose states.
 * A case names the example marker; `extra` is appended to the block's scheme text (a tree for
 * blocks that have none), `edit` rewrites it (to show a variant the prose describes). Numbers
 * are written as the prose writes them (two decimals unless `digits` says otherwise); `null`
 * stands for "missing".
 */

/** A dataset row: `id` is the region. */
export type Row = Readonly<Record<string, number | string | boolean | readonly number[] | null>>;

/** What the prose states: per-path scores, derived or input values, totals, grades, overall ranks — per region, in row order. */
export interface Expected {
  readonly scores?: Readonly<Record<string, readonly (number | null)[]>>;
  readonly values?: Readonly<Record<string, readonly (number | null)[]>>;
  readonly totals?: readonly (number | null)[];
  readonly grades?: readonly string[];
  readonly ranks?: readonly number[];
  /** Each region's type in each typology, by typology name. */
  readonly types?: Readonly<Record<string, readonly string[]>>;
  /** Each region's colour of each alert, by alert label. */
  readonly alerts?: Readonly<Record<string, readonly string[]>>;
  /** The flags raised for each region. */
  readonly flags?: readonly (readonly string[])[];
  /** The run fails with an error whose message contains this text. */
  readonly fails?: string;
}

/** One worked example. */
export interface WorkedCase {
  readonly example: string;
  readonly variant?: string;
  readonly rows: readonly Row[];
  readonly prev?: readonly Row[];
  readonly extra?: string;
  readonly edit?: (text: string) => string;
  readonly digits?: number;
  readonly expect: Expected;
}

const TEN_TOTALS = [98, 96, 95, 95, 91, 85, 80, 75, 70, 50];
const ten = (bad: number | null) => TEN_TOTALS.map((s, i) => ({ id: `r${i + 1}`, s, ...(bad === i + 1 ? { bad: 1 } : {}) }));

/** Every worked example, by marker. */
export const CASES: readonly WorkedCase[] = [
  {
    example: "intro",
    rows: [
      { id: "江城", gdp_growth: 7.0, online_total: 200, online_done: 196, satisfaction: 91, awards: 1, accidents: 0 },
      { id: "河口", gdp_growth: 5.2, online_total: 200, online_done: 180, satisfaction: 84, awards: 4, accidents: 0 },
      { id: "山阳", gdp_growth: 3.9, online_total: 150, online_done: 120, satisfaction: 75, awards: 0, accidents: 1 },
      { id: "湖滨", gdp_growth: 6.5, online_total: 200, online_done: 190, satisfaction: 89.5, awards: 2, accidents: 0 },
    ],
    expect: {
      scores: {
        "economy.gdp_growth": [40, 32, 24, 40], "service.online_rate": [30, 27.5, 22.5, 30],
        "service.satisfaction": [30, 24, 18, 24], "": [100, 83.5, 64.5, 94],
      },
      values: { online_rate: [98, 90, 80, 95] },
      totals: [101, 86.5, 64.5, 96],
      grades: ["优秀", "良好", "不合格", "良好"],
      ranks: [1, 3, 4, 2],
    },
  },
  {
    example: "units",
    rows: [{ id: "a", 按期办结率: 90 }, { id: "b", 按期办结率: 92.6 }, { id: "c", 按期办结率: 96 }],
    expect: { scores: { 按百分点: [7.5, 8.8, 10], 按相对值: [7.37, 8.74, 10] } },
  },
  {
    example: "cross",
    digits: 1,
    rows: [{ id: "a", d: 70, k: "A" }, { id: "b", d: 80, k: "A" }, { id: "c", d: 90, k: "B" }, { id: "e", d: 100, k: "B" }, { id: "f", d: null, k: "B" }],
    expect: {
      values: {
        均值: [85, 85, 85, 85, 85], 类内均值: [75, 75, 95, 95, 95], 中位数: [85, 85, 85, 85, 85], 达标数: [2, 2, 2, 2, 2],
        位次: [4, 3, 2, 1, null], 类内位次: [2, 1, 2, 1, null], 百分位: [0, 33.3, 66.7, 100, null], 第90百分位: [97, 97, 97, 97, 97],
      },
    },
  },
  {
    example: "typology",
    rows: [{ id: "a", urban_rate: 85, terrain: "山区" }, { id: "b", urban_rate: 60, terrain: "山区" }, { id: "c", urban_rate: 60, terrain: "平原" }],
    extra: "indicator urban_rate points 100 { proportional }",
    expect: { types: { area: ["core", "mountain", "outer"] } },
  },
  {
    example: "table",
    rows: [{ id: "江都", 新开工项目数: 4 }, { id: "邗江", 新开工项目数: 7 }],
    expect: { scores: { 新开工项目数: [8, 10] } },
  },
  {
    example: "alerts",
    extra: "input v number\nindicator v points 100 { score x }",
    rows: [{ id: "a", v: 55, accidents: 3 }, { id: "b", v: 75, accidents: 1 }, { id: "c", v: 85, accidents: 0 }],
    expect: { alerts: { 综合得分预警: ["red", "yellow", "green"], 安全生产预警: ["red", "yellow", "green"] } },
  },
  {
    example: "flags",
    extra: `input v number\ndimension service points 100 { indicator v points 100 { score x } }\ngrades { "合格" >= 60, "不合格" }`,
    rows: [50, 15, 70, 90, 80].map((v, i) => ({ id: `r${i + 1}`, v })),
    expect: { flags: [["约谈"], ["约谈"], ["通报表扬"], ["通报表扬"], ["通报表扬"]] },
  },
  {
    example: "missing",
    rows: [{ id: "a", 完成率: 80 }, { id: "b", 完成率: 60 }, { id: "c", 完成率: null }],
    expect: { scores: { 完成率: [8, 6, 7] } },
  },
  {
    example: "missing",
    variant: "zero",
    edit: (t) => t.replace("missing mean", "missing zero"),
    rows: [{ id: "a", 完成率: 80 }, { id: "b", 完成率: 60 }, { id: "c", 完成率: null }],
    expect: { scores: { 完成率: [8, 6, 0] } },
  },
  {
    example: "missing",
    variant: "error",
    edit: (t) => t.replace("missing mean", "missing error"),
    rows: [{ id: "a", 完成率: 80 }, { id: "b", 完成率: 60 }, { id: "c", 完成率: null }],
    expect: { fails: "`完成率` has no value for `c`" },
  },
  {
    example: "missing",
    variant: "no policy",
    edit: (t) => t.replace("missing mean", ""),
    rows: [{ id: "a", 完成率: 80 }, { id: "b", 完成率: 60 }, { id: "c", 完成率: null }],
    expect: { fails: "`完成率` has no value for `c`" },
  },
  {
    example: "tree",
    rows: [{ id: "a", gdp_growth: 5.2, invest_growth: 6, online_rate: 90 }],
    expect: {
      scores: { "economy.gdp_growth": [19.2], "economy.invest_growth": [12], "service.online_rate": [57.5], economy: [31.2] },
      totals: [88.7],
    },
  },
  {
    example: "minmax",
    rows: [{ id: "a", 人均财政收入: 12000, 万元GDP能耗: 0.2 }, { id: "b", 人均财政收入: 9000, 万元GDP能耗: 0.4 }, { id: "c", 人均财政收入: 6000, 万元GDP能耗: 0.6 }],
    expect: { scores: { 人均财政收入: [60, 30, 0], 万元GDP能耗: [40, 20, 0] } },
  },
  {
    example: "minmax",
    variant: "zero range",
    rows: [{ id: "a", 人均财政收入: 9000, 万元GDP能耗: 0.4 }, { id: "b", 人均财政收入: 9000, 万元GDP能耗: 0.4 }],
    expect: { scores: { 人均财政收入: [60, 60], 万元GDP能耗: [40, 40] } },
  },
  {
    example: "zscore",
    rows: [{ id: "a", 群众满意度: 70 }, { id: "b", 群众满意度: 80 }, { id: "c", 群众满意度: 90 }, { id: "e", 群众满意度: 100 }],
    expect: { scores: { 群众满意度: [0.9, 3.27, 6.73, 9.1] } },
  },
  {
    example: "zscore",
    variant: "no spread",
    rows: [{ id: "a", 群众满意度: 85 }, { id: "b", 群众满意度: 85 }],
    expect: { scores: { 群众满意度: [5, 5] } },
  },
  {
    example: "goalposts",
    rows: [{ id: "a", 垃圾分类覆盖率: 92, PM25浓度: 55 }, { id: "b", 垃圾分类覆盖率: 50, PM25浓度: 80 }, { id: "c", 垃圾分类覆盖率: 97, PM25浓度: 30 }],
    expect: { scores: { 垃圾分类覆盖率: [9.14, 0, 10], PM25浓度: [5, 0, 10] } },
  },
  {
    example: "target",
    rows: [{ id: "a", 办结率: 96, 投诉率: 1.5 }, { id: "b", 办结率: 90, 投诉率: 2.5 }],
    expect: { scores: { 办结率: [10, 0], 办结率按比例: [10, 9.47], 投诉率: [10, 8] } },
  },
  {
    example: "proportional",
    rows: [{ id: "a", 按时结案率: 80, 完成项目数: 40 }, { id: "b", 按时结案率: 100, 完成项目数: 70 }],
    expect: { scores: { 按时结案率: [48, 60], 完成项目数: [8, 10] } },
  },
  {
    example: "bands",
    rows: [
      { id: "a", 满意度: 75, 部件分类达标率: 92 }, { id: "b", 满意度: 80, 部件分类达标率: 100 },
      { id: "c", 满意度: 80.5, 部件分类达标率: 89.9 }, { id: "e", 满意度: 55, 部件分类达标率: 90 },
    ],
    expect: { scores: { 满意度: [1.2, 1.2, 1.5, 0.5], 部件分类达标率: [1, 1.5, 0, 1] } },
  },
  {
    example: "ratio-to-best",
    rows: [{ id: "a", 每万人编制数: 12, 万元GDP能耗: 2 }, { id: "b", 每万人编制数: 9, 万元GDP能耗: 4 }, { id: "c", 每万人编制数: 6, 万元GDP能耗: 8 }],
    expect: { scores: { 每万人编制数: [6, 4.5, 3], 万元GDP能耗: [6, 3, 1.5] } },
  },
  {
    example: "rank-points",
    rows: [9, 7, 7, 5, 3, 1].map((v, i) => ({ id: `r${i + 1}`, 综合排名值: v })),
    expect: { scores: { 综合排名值: [60, 57, 57, 51, 48, 0], 排名递减: [60, 57, 57, 51, 48, 45] } },
  },
  {
    example: "efficacy",
    rows: [75, 40, 120, 100].map((v, i) => ({ id: `r${i + 1}`, 人均可支配收入增速: v })),
    expect: { scores: { 人均可支配收入增速: [8, 6, 10, 10] } },
  },
  {
    example: "panel",
    rows: [{ id: "six", 专家评分: [90, 80, 70, 60, 100, 50] }, { id: "three", 专家评分: [90, 80, 70] }],
    expect: { scores: { 专家评分: [15, 16] } },
  },
  {
    example: "ballots",
    rows: [{ id: "a", 繁重: 2, 较多: 3, 一般: 5, 较少: 0 }, { id: "b", 繁重: 0, 较多: 0, 一般: 0, 较少: 0 }],
    expect: { scores: { 工作任务量: [7.4, 0] } },
  },
  {
    example: "fuzzy",
    rows: [{ id: "a", 好: 0.5, 较好: 0.3, 一般: 0.2 }],
    expect: { scores: { 满意度评价: [8] } },
  },
  {
    example: "custom-score",
    rows: [{ id: "a", 扣分总数: 3, 村总数: 10 }, { id: "b", 扣分总数: 30, 村总数: 10 }],
    expect: { scores: { 爱卫创建: [1.7, 0] } },
  },
  {
    example: "transform",
    rows: [{ id: "a", 地区生产总值: 1000 }, { id: "b", 地区生产总值: 10000 }, { id: "c", 地区生产总值: 100000 }],
    expect: { scores: { 地区生产总值: [0, 5, 10] } },
  },
  {
    example: "transform",
    variant: "without the transform",
    edit: (t) => t.replace("transform log  ", ""),
    rows: [{ id: "a", 地区生产总值: 1000 }, { id: "b", 地区生产总值: 10000 }, { id: "c", 地区生产总值: 100000 }],
    expect: { scores: { 地区生产总值: [0, 0.91, 10] } },
  },
  {
    example: "gap",
    rows: [{ id: "a", 按期结案率: 66.5 }, { id: "b", 按期结案率: 72 }, { id: "c", 按期结案率: 10 }],
    expect: { scores: { 按期结案率: [46.5, 50, 0] } },
  },
  {
    example: "symmetric",
    rows: [{ id: "a", gdp_growth: 6, 服务业增速: 7.2 }, { id: "b", gdp_growth: 6, 服务业增速: 9.9 }, { id: "c", gdp_growth: 6, 服务业增速: 4.5 }],
    expect: { scores: { 服务业增速: [16.2, 18, 13.5] } },
  },
  {
    example: "peer-average",
    rows: [40, 42, 44, 46].map((v, i) => ({ id: `r${i + 1}`, 平均年龄: v })),
    expect: { scores: { 平均年龄: [2, 2, 1.5, 0.5] } },
  },
  {
    example: "count",
    rows: [{ id: "a", 返工件数: 3, 三次未通过件数: 1, 弄虚作假次数: 1 }, { id: "b" }],
    expect: { scores: { 返工: [2.9, 5] } },
  },
  {
    example: "times",
    rows: [1, 2, 4].map((v, i) => ({ id: `r${i + 1}`, 交办返工件数: v })),
    expect: { scores: { 交办: [4.6, 4.2, 4] } },
  },
  {
    example: "asymmetric",
    rows: [103, 95, 70, 120].map((v, i) => ({ id: `r${i + 1}`, 编制数: v })),
    prev: [1, 2, 3, 4].map((i) => ({ id: `r${i}`, 编制数: 100 })),
    expect: { scores: { 编制增量: [2.15, 1.5, 0, 2.5] } },
  },
  {
    example: "zero-when",
    rows: [0, 1, 2].map((v, i) => ({ id: `r${i + 1}`, 发现次数: v })),
    expect: { scores: { 发现次数: [2, 1.5, 0] } },
  },
  {
    example: "exempt",
    rows: [30, 20, 19].map((v, i) => ({ id: `r${i + 1}`, 中小学编制占比: v, 超编数: 2 })),
    expect: { scores: { 超编: [5, 3, 3] } },
  },
  {
    example: "inapplicable",
    rows: [
      { id: "a", 新进人员数: 3, 培训合格率: 100 }, { id: "b", 新进人员数: 2, 培训合格率: 90 },
      { id: "c", 新进人员数: 1, 培训合格率: 80 }, { id: "d", 新进人员数: 0, 培训合格率: null },
    ],
    expect: { scores: { 培训合格率: [10, 5, 0, 5] } },
  },
  {
    example: "drop",
    rows: [{ id: "x", a: 80, b: null, c: 50 }],
    expect: { scores: { D: [71.43], "D.a": [40] } },
  },
  {
    example: "per-type-target",
    rows: [{ id: "core", gdp_growth: 3.25, urban_rate: 90 }, { id: "outer", gdp_growth: 3.25, urban_rate: 10 }],
    expect: { scores: { gdp_growth: [7.5, 8.86] } },
  },
  {
    example: "per-type-points",
    rows: [{ id: "plain", urban_rate: 60, 工业增速: 100, 生态质量: 50 }, { id: "mountain", urban_rate: 20, 工业增速: 100, 生态质量: 50 }],
    expect: { scores: { 经济: [60, 40], 生态: [20, 30] }, totals: [80, 70] },
  },
  {
    example: "ahp",
    rows: [{ id: "a", 经济: 100, 社会: 50, 生态: 0 }],
    expect: { scores: { 经济: [64.83], 社会: [11.48], 生态: [0] }, totals: [76.32] },
  },
  {
    example: "entropy",
    rows: [{ id: "a", 甲: 90, 乙: 80 }, { id: "b", 甲: 100, 乙: 40 }, { id: "c", 甲: 95, 乙: 60 }],
    expect: { totals: [80.24, 41.43, 60.84] },
  },
  {
    example: "geometric",
    rows: [{ id: "a", a: 90, b: 80 }, { id: "b", a: 100, b: 0 }],
    expect: { totals: [84.85, 0] },
  },
  {
    example: "geometric",
    variant: "arithmetic",
    edit: (t) => t.replace("aggregate geometric", "aggregate arithmetic"),
    rows: [{ id: "a", a: 90, b: 80 }, { id: "b", a: 100, b: 0 }],
    expect: { totals: [85, 50] },
  },
  {
    example: "geometric",
    variant: "minimum",
    edit: (t) => t.replace("aggregate geometric", "aggregate minimum"),
    rows: [{ id: "a", a: 90, b: 80 }],
    expect: { totals: [80] },
  },
  {
    example: "blocks",
    extra: "indicator 基础 points 100 { score 88 }",
    rows: [{ id: "a", awards: 3, promotion: "国家", accidents: 3 }, { id: "b", awards: 1, promotion: "省", accidents: 0 }],
    expect: { totals: [83, 92] },
  },
  {
    example: "grades",
    rows: ten(null),
    expect: { grades: ["优秀", "优秀", "良好", "良好", "良好", "良好", "良好", "合格", "合格", "不合格"] },
  },
  {
    example: "refill",
    rows: ten(2),
    expect: { grades: ["优秀", "不合格", "优秀", "优秀", "良好", "良好", "良好", "合格", "合格", "不合格"] },
  },
  {
    example: "refill",
    variant: "without refill",
    edit: (t) => t.replace("grades refill", "grades"),
    rows: ten(2),
    expect: { grades: ["优秀", "不合格", "良好", "良好", "良好", "良好", "良好", "合格", "合格", "不合格"] },
  },
];
