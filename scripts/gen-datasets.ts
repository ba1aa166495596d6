/**
 * Generates the sample datasets in `schemes/data/` for the sample schemes in `schemes/`:
 * `<scheme>.csv`, `<scheme>.json`, `<scheme>.prev.csv` (last period, for schemes using `prev()`),
 * and `county-annual.xlsx`. Deterministic: a seeded PRNG (no Math.random), fixed number
 * formatting and fixed XLSX timestamps, so a rerun rewrites byte-identical files.
 *
 *   node --import tsx scripts/gen-datasets.ts [OUT_DIR]     (default: schemes/data)
 *
 * Each dataset is checked against its scheme before it is written: one column per declared input
 * (plus the header's `unit` column), values inside each input's `range`, and blank cells
 * (about 2%) only in inputs the scheme marks `optional`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { compile } from "../dsl/index.js";
import { datasetShape, type DatasetShape, type FieldSpec } from "../engine/data/index.js";

/** A generated cell: number, boolean, category text, a list of ratings, or null (blank). */
export type Cell = number | boolean | string | readonly number[] | null;
/** One region's row, keyed by input name. */
export type Row = Record<string, Cell>;

// ───────────────────────────── random numbers

/** A seeded PRNG (mulberry32) with the few distributions the datasets need. */
class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  /** Uniform in [0, 1). */
  u(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  between(lo: number, hi: number, dp = 1): number { return round(lo + (hi - lo) * this.u(), dp); }
  int(lo: number, hi: number): number { return lo + Math.floor(this.u() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.u() < p; }
  /** Normal (Box–Muller), clamped to lo..hi and rounded to dp decimals. */
  norm(mean: number, sd: number, lo: number, hi: number, dp = 1): number {
    const z = Math.sqrt(-2 * Math.log(1 - this.u())) * Math.cos(2 * Math.PI * this.u());
    return round(Math.min(hi, Math.max(lo, mean + sd * z)), dp);
  }
  /** Poisson (Knuth). */
  poisson(lambda: number): number {
    const l = Math.exp(-lambda);
    let k = 0;
    for (let p = this.u(); p > l; p *= this.u()) k++;
    return k;
  }
  /** One of the options, by weight. */
  pick<T>(options: readonly (readonly [T, number])[]): T {
    let x = this.u() * options.reduce((a, [, w]) => a + w, 0);
    for (const [v, w] of options) if ((x -= w) < 0) return v;
    return options[options.length - 1]![0];
  }
  /** Integer ratings from `n` raters around a mean. */
  ratings(n: number, mean: number, sd: number): number[] {
    return Array.from({ length: n }, () => this.norm(mean, sd, 50, 100, 0));
  }
}

/** Rounds half away from zero to dp decimals, without negative zero. */
function round(x: number, dp: number): number {
  const f = 10 ** dp;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f + 0;
}

/** A stable 32-bit seed from a text (FNV-1a). */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

/** Memberships of four grades around the given means, rounded to 3 decimals and summing to 1. */
function memberships(g: Rng, means: readonly number[]): number[] {
  const raw = means.map((m) => Math.max(0.001, m + (g.u() - 0.5) * m));
  const sum = raw.reduce((a, b) => a + b, 0);
  const head = raw.slice(0, -1).map((r) => round(r / sum, 3));
  return [...head, round(1 - head.reduce((a, b) => a + b, 0), 3)];
}

/**
 * Draws for one region of latent quality q (about −2..2, 0 average): `up` for a value where higher
 * is better, `down` where lower is; good regions tend to be good across the board.
 */
function quality(g: Rng) {
  const q = g.norm(0, 1, -2.2, 2.2, 3);
  const draw = (sign: number) => (mean: number, sd: number, lo: number, hi: number, dp = 1) => g.norm(mean + sign * q * sd * 0.9, sd * 0.5, lo, hi, dp);
  return { q, up: draw(1), down: draw(-1) };
}

// ───────────────────────────── the schemes' regions and rows

/** A region: its id and the kind that drives its typical values. */
interface Region { readonly name: string; readonly kind: string }

/** How to generate one scheme's dataset. */
interface SchemeData {
  readonly scheme: string;
  readonly regions: readonly Region[];
  row(g: Rng, r: Region): Row;
  /** Last period's row, from this period's; absent when the scheme does not use `prev()`. */
  prev?(g: Rng, cur: Row, last: Row, r: Region): Row;
  readonly bom?: boolean;
  readonly xlsx?: boolean;
}

const regions = (kind: string, names: string): Region[] => names.split(" ").map((name) => ({ name, kind }));

const COUNTIES = [
  ...regions("发达", "萧山区 余杭区 慈溪市 余姚市 义乌市 海宁市 诸暨市 平湖市 桐乡市 玉环市"),
  ...regions("山区", "淳安县 永嘉县 文成县 泰顺县 平阳县 苍南县 武义县 磐安县 常山县 开化县 龙游县 江山市 天台县 仙居县 青田县 缙云县"),
  ...regions("平原", "乐清市 瑞安市 温岭市 东阳市 永康市 桐庐县 宁海县 象山县 嘉善县 海盐县 德清县 长兴县 嵊州市 兰溪市"),
];
/** The scheme's 新开工重大项目 target table (regions not listed: 3). */
const PROJECT_TARGETS: Record<string, number> = { 萧山区: 8, 余杭区: 8, 慈溪市: 6, 余姚市: 6, 义乌市: 7, 海宁市: 5, 诸暨市: 5, 乐清市: 5, 瑞安市: 5, 温岭市: 5, 桐乡市: 4, 平湖市: 4, 东阳市: 4, 永康市: 4 };

function countyRow(g: Rng, r: Region): Row {
  const { q, up, down } = quality(g);
  const k = r.kind;
  const gdp = g.norm((k === "发达" ? 5.8 : k === "山区" ? 6.6 : 6.0) + 0.5 * q, 0.9, 1.5, 10);
  const votes = g.int(400, 1200), yes = Math.round(votes * g.norm(0.7 + 0.05 * q, 0.05, 0.45, 0.9, 3)), no = Math.round(votes * g.norm(0.06, 0.03, 0.01, 0.15, 3));
  const tasks = g.chance(0.1) ? 0 : g.int(4, 12);
  return {
    人均GDP: k === "发达" ? g.norm(150000, 20000, 122000, 220000, 0) : k === "山区" ? g.norm(75000, 12000, 50000, 110000, 0) : g.norm(95000, 10000, 70000, 118000, 0),
    山地面积占比: k === "山区" ? g.between(62, 92) : k === "发达" ? g.between(8, 50) : g.between(5, 55),
    干部廉洁指数: up(86, 5, 65, 99), 违纪案件数: g.poisson(0.8), 巡察整改完成率: up(94, 4, 75, 100),
    行政复议纠错率: down(8, 3, 1, 20), 行政诉讼败诉率: down(6, 3, 0.5, 18), 法治评议: g.ratings(g.int(5, 9), 85 + 3 * q, 5),
    政务公开指数: up(82, 6, 60, 98), 审批时限压缩率: up(65, 10, 30, 90),
    GDP增速: gdp, 预算收入增速: up(6, 4, -8, 18), 工业增速: round(gdp + g.norm(1.5, 2.5, -6, 8), 1),
    投资增速: up(5, 5, -10, 20), 服务业增速: round(gdp + g.norm(0.3, 1.2, -3, 3), 1),
    新开工项目数: Math.round((PROJECT_TARGETS[r.name] ?? 3) * g.between(0.6, 1.4, 2)),
    研发强度: k === "发达" ? g.norm(3.2, 0.5, 2, 5, 2) : k === "平原" ? g.norm(2.3, 0.5, 1, 4, 2) : g.norm(1.5, 0.4, 0.4, 3, 2),
    高新企业数: k === "发达" ? g.int(500, 1500) : k === "平原" ? g.int(150, 600) : g.int(30, 200),
    税收占比: up(76, 6, 55, 92), 刑事案件率: down(25, 6, 8, 50), 信访办结率: up(95, 3, 82, 100),
    教育质量指数: up(80, 6, 60, 97),
    教育支出: k === "发达" ? g.int(250000, 500000) : k === "平原" ? g.int(120000, 260000) : g.int(60000, 150000),
    千人医师数: up(3.1, 0.5, 1.8, 4.8, 2), 医疗满意度: up(86, 4, 70, 97), 失业率: down(4.9, 0.6, 3.5, 7.5),
    养老参保率: up(95, 2.5, 85, 99.9), 保障房完成率: up(102, 10, 70, 130), 文化设施覆盖率: up(93, 5, 75, 100),
    环境质量指数: k === "山区" ? g.norm(88, 3, 75, 98) : g.norm(80, 5, 60, 95),
    政务服务效率指数: up(85, 6, 55, 99), 热线响应率: up(97, 2, 88, 100),
    满意票: yes, 基本满意票: votes - yes - no, 不满意票: no, 公共服务覆盖率: up(94, 4, 80, 100),
    改革任务数: tasks, 改革完成数: Math.round(tasks * g.between(0.7, 1, 2)),
    表彰级别: g.pick([["国家级", 5], ["省级", 15], ["市级", 25], ["无", 55]]), 经验推广数: g.poisson(0.6),
    虚报次数: r.name === "龙游县" ? 1 : 0, 督查通报次数: g.poisson(0.4) + (r.name === "龙游县" ? 3 : 0),
    重大事故数: r.name === "苍南县" ? 1 : 0, 群体性事件: r.name === "嘉善县",
  };
}

function countyPrev(g: Rng, cur: Row, last: Row, r: Region): Row {
  const jump = r.name === "永康市" ? 6.2 : 0;                     // one region trips the YoY check
  return {
    ...last,
    GDP增速: round((cur["GDP增速"] as number) - jump + g.norm(0, 0.8, -2, 2), 1),
    教育支出: Math.round((cur["教育支出"] as number) / g.norm(1.06, 0.05, 0.93, 1.18, 3)),
    环境质量指数: round(Math.min(98, (cur["环境质量指数"] as number) - g.norm(0.6, 1.5, -3, 4)), 1),
  };
}

const STREETS = regions("街道", "东关街道 汶河街道 文峰街道 曲江街道 梅岭街道 城北街道 湾头镇 汤汪街道 杭集镇 沙头镇 李典镇 头桥街道 双桥街道 蒋王街道 西湖街道 邗上街道 甘泉街道 扬子津街道 瘦西湖街道 平山街道 竹西街道 新盛街道 瓜洲镇 施桥镇 文汇街道 沙口街道 广陵新城街道 渡江街道 仙城街道 真州镇 新城镇 青山镇 大仪镇 刘集镇 马集镇 朴席镇");

function streetRow(g: Rng, r: Region): Row {
  const { q, up, down } = quality(g);
  const due = g.int(2000, 12000), closed = Math.round(due * g.norm(0.95, 0.03, 0.82, 1, 3));
  const rework = Math.round(closed * g.norm(0.035, 0.02, 0.005, 0.12, 4)), checked = g.int(300, 1500), pop = g.norm(8, 3, 2, 20);
  return {
    核心功能数: g.chance(0.85) ? 6 : g.int(4, 5), 扩展功能数: g.int(1, 4), 部件数据准确率: up(94, 3, 80, 99.9),
    共享部门数: g.int(2, 5), 分析应用案例数: g.poisson(2), 系统可用率: g.norm(99.6, 0.25, 98.5, 99.99, 2),
    等保测评通过: g.chance(0.88), 平均响应时间: down(2.5, 1, 0.5, 8), 终端配备率: up(93, 5, 75, 100),
    终端使用率: up(89, 6, 65, 100), 发现渠道数: g.int(3, 5), 及时发现数: Math.round(checked * g.norm(0.88, 0.06, 0.6, 1, 3)),
    核查问题数: checked, 网格覆盖率: up(95, 4, 80, 100), 派遣准确率: up(96, 2.5, 85, 100),
    应处置数: due, 按期处置数: Math.min(closed, Math.round(due * g.norm(0.9, 0.05, 0.7, 1, 3))), 结案数: closed,
    返工数: rework, 多次返工数: Math.round(rework * g.between(0, 0.15, 2)), 回访满意率: up(91, 4, 75, 99.5),
    协同处置时长: down(48, 12, 26, 120), 协同按期率: up(88, 6, 70, 100), 应急响应时间: down(25, 10, 8, 70, 0),
    应急演练次数: g.int(0, 4), 领导小组: g.chance(0.95), 制度健全: g.chance(0.9), 专职人员配备率: up(92, 6, 70, 100),
    培训次数: g.int(1, 6), 经费到位率: up(96, 5, 70, 100), 年度经费: g.between(80, 600),
    部件分类达标率: up(100, 8, 80, 120), 公众举报数: Math.round(pop * g.norm(150, 40, 60, 260, 0)), 常住人口: pop,
    举报反馈率: up(95, 4, 80, 100), 问卷平均分: up(78, 7, 50, 98), 第三方评估: g.ratings(g.int(5, 9), 82 + 4 * q, 6),
    代表委员评议: g.ratings(5, 85, 5), 市民代表评议: g.ratings(g.int(5, 11), 80 + 4 * q, 7),
    创新案例数: g.poisson(0.7), 推广级别: g.pick([["国家级", 3], ["省级", 10], ["市级", 20], ["无", 67]]),
    中央省级曝光次数: g.poisson(0.3), 市级曝光次数: g.poisson(1.5), 弄虚作假次数: r.name === "沙头镇" ? 1 : 0,
  };
}

function streetPrev(g: Rng, cur: Row, last: Row, r: Region): Row {
  const budget = cur["年度经费"] as number;
  return { ...last, 年度经费: round(r.name === "瓜洲镇" ? budget * 1.3 : budget / g.norm(1.05, 0.06, 0.92, 1.2, 3), 1) };
}

const SICHUAN = [
  ...regions("市辖区", "锦江区 青羊区 金牛区 武侯区 成华区 龙泉驿区 新都区 温江区 双流区 郫都区 涪城区 游仙区"),
  ...regions("县级市", "都江堰市 彭州市 邛崃市 崇州市 简阳市 江油市 广汉市 什邡市 绵竹市"),
  ...regions("县", "金堂县 大邑县 蒲江县 三台县 盐亭县 梓潼县 北川羌族自治县 平武县 中江县 仁寿县 洪雅县 丹棱县 青神县 夹江县 井研县"),
];

function govRow(g: Rng, r: Region): Row {
  const { q, up, down } = quality(g);
  const urban = r.kind === "市辖区", items = g.int(1200, 2000), hf = g.int(80, 150), online = Math.round(items * g.norm(0.9, 0.05, 0.7, 0.99, 3));
  const lazy = r.name === "盐亭县" || r.name === "邛崃市";       // high coverage, low real use
  const full = Math.round(online * (lazy ? 0.9 : g.norm(0.78, 0.1, 0.4, 0.98, 3))), cases = urban ? g.int(300000, 900000) : g.int(80000, 300000);
  const legal = g.norm(15, 3, 8, 25), appt = g.chance(0.85), votes = Math.round(cases * g.between(0.2, 0.5, 2));
  const [vs, s, bs, ns] = [0.8, 0.15, 0.04, 0.008].map((m) => Math.round(votes * m * g.between(0.8, 1.2, 2)));
  return {
    行政类型: r.kind, 政务外网覆盖率: up(92, 7, 60, 100), 算力满足率: up(93, 6, 70, 100), 自助终端覆盖率: up(80, 12, 40, 100),
    基础库汇聚率: up(90, 7, 65, 100), 字段准确率: up(97.5, 1.5, 90, 99.9, 2), 数据更新及时率: up(88, 8, 60, 100),
    共享反馈时长: down(24, 12, 2, 72), 等保三级: g.chance(0.85), 故障恢复时间: down(6, 4, 0.5, 24), 敏感数据脱敏: g.chance(0.85),
    事项总数: items, 高频事项数: hf, 高频可网办数: Math.round(hf * g.norm(0.96, 0.04, 0.8, 1, 3)), 可网办事项数: online,
    全程网办事项数: full, 办件总量: cases, 实际网办件数: Math.round(cases * (lazy ? 0.3 : g.norm(0.55 + 0.08 * q, 0.1, 0.2, 0.92, 3))),
    零材料事项数: Math.round(items * g.between(0.05, 0.25, 3)), 补材料投诉数: g.poisson(2),
    平均办理时长: round(legal * g.norm(0.45, 0.1, 0.25, 0.95, 3), 1), 法定时限: legal, 秒批事项数: g.int(10, 200),
    开通预约: appt, 预约匹配率: appt ? g.norm(88, 6, 65, 100) : null,
    跨省通办率: up(92, 6, 70, 100), 省内通办率: up(95, 4, 80, 100), 证照互认率: up(80, 10, 50, 100),
    数据驾驶舱: g.chance(0.7), 决策支撑评议: g.ratings(g.int(5, 9), 80 + 4 * q, 6), 智能监测覆盖率: up(70, 12, 35, 98),
    预警准确率: up(80, 8, 55, 98), 闭环处置率: up(93, 4, 78, 100), 社会参与项目数: g.int(3, 80),
    非常满意: vs!, 满意: s!, 基本满意: bs!, 不满意: ns!, 非常不满意: Math.round(votes * 0.002 * g.between(0.5, 1.5, 2)),
    试点级别: g.pick([["国家级", 6], ["省级", 15], ["无", 79]]), 网络安全事件: g.poisson(0.25),
  };
}

function govPrev(g: Rng, cur: Row, last: Row, r: Region): Row {
  const total = Math.round((cur["办件总量"] as number) / g.norm(1.08, 0.05, 0.95, 1.25, 3));
  const growth = r.name === "简阳市" ? 2.4 : g.norm(1.15, 0.1, 0.95, 1.5, 3);   // one region doubled its use
  return { ...last, 办件总量: total, 实际网办件数: Math.min(total, Math.round((cur["实际网办件数"] as number) / growth)) };
}

/** City name and its population (万人), for the city-governance dataset. */
const CITY_POP: Record<string, number> = {
  郑州市: 1282, 武汉市: 1373, 长沙市: 1042, 洛阳市: 707, 南阳市: 962, 周口市: 885, 商丘市: 772, 驻马店市: 690, 信阳市: 618,
  新乡市: 617, 安阳市: 542, 平顶山市: 496, 开封市: 482, 许昌市: 438, 焦作市: 352, 濮阳市: 374, 襄阳市: 527, 宜昌市: 392,
  荆州市: 513, 黄冈市: 583, 孝感市: 420, 衡阳市: 661, 邵阳市: 654, 岳阳市: 505, 常德市: 528, 株洲市: 390, 十堰市: 316,
  鹤壁市: 157, 漯河市: 237, 三门峡市: 203, 黄石市: 245, 鄂州市: 107, 荆门市: 257, 咸宁市: 264, 随州市: 201, 湘潭市: 273,
};
const CITIES = Object.keys(CITY_POP).map((name) => ({ name, kind: CITY_POP[name]! >= 1000 ? "特大" : "其他" }));

function cityRow(g: Rng, r: Region): Row {
  const { q, up, down } = quality(g);
  const big = r.kind === "特大", pop = round(CITY_POP[r.name]! * g.between(0.98, 1.02, 3), 1);
  const gdp = round(pop * (big ? g.norm(13, 1.5, 10, 16) : g.norm(6.5, 1.5, 3.5, 11)), 1);
  const [h1, h2, h3, h4] = memberships(g, [0.35, 0.35, 0.22, 0.08]), [s1, s2, s3, s4] = memberships(g, [0.4, 0.35, 0.18, 0.07]);
  return {
    常住人口: pop, 服务业占比: big ? g.norm(60, 3, 52, 68) : g.norm(48, 5, 35, 60), 新兴产业占比: up(18, 6, 5, 40),
    研发强度: big ? g.norm(2.9, 0.4, 2, 4) : g.norm(1.6, 0.5, 0.4, 3, 2), 技术合同占比: up(2, 1.2, 0.1, 8, 2),
    创新驱动指数: big ? g.norm(82, 4, 72, 95) : g.norm(66 + 5 * q, 5, 40, 85), 住房保障率: up(90, 6, 70, 100),
    义教均衡率: up(85, 10, 50, 100), 千人床位数: up(7, 1.2, 4, 10, 2),
    幸福感_好: h1!, 幸福感_较好: h2!, 幸福感_一般: h3!, 幸福感_差: h4!, 生活满意度: up(80, 6, 62, 95),
    法治评议: g.ratings(g.int(7, 11), 83 + 4 * q, 5), 安全感_好: s1!, 安全感_较好: s2!, 安全感_一般: s3!, 安全感_差: s4!,
    公共服务均等化指数: up(78, 7, 60, 95), 办理时长: down(6, 2, 1.5, 15), 通勤时间: big ? g.norm(40, 4, 32, 50) : g.norm(30, 5, 20, 45),
    基站密度: up(25, 8, 5, 60), 供电可靠率: g.norm(99.9, 0.06, 99.5, 99.999, 3), 地均GDP: g.norm(big ? 14 : 7, 3, 1.5, 25, 2),
    空气优良率: up(78, 8, 55, 98), 水质达标率: up(85, 10, 50, 100), 绿化覆盖率: up(41, 2.5, 34, 48),
    城乡收入比: down(2.0, 0.25, 1.5, 3, 2), GDP: gdp, 环境损失: round(gdp * g.between(0.01, 0.08, 3), 1),
    应急响应时间: down(18, 5, 8, 35), 事故死亡率: down(0.025, 0.01, 0.003, 0.08, 3), 预案覆盖率: up(95, 4, 80, 100),
    预警准确率: up(82, 7, 60, 98), 重大事故数: r.name === "平顶山市" ? 1 : 0,
  };
}

function cityPrev(g: Rng, cur: Row, last: Row): Row {
  return { ...last, 创新驱动指数: round((cur["创新驱动指数"] as number) - g.norm(1.5, 1.5, -3, 5), 1) };
}

const JINHUA = [
  ...regions("区", "婺城区 金东区 金华开发区"),
  ...regions("街道", "城东街道 城中街道 城西街道 城北街道 江南街道 西关街道 新狮街道 三江街道 秋滨街道 东孝街道 多湖街道 罗店镇 雅畈镇 汤溪镇 孝顺镇 苏孟乡"),
  ...regions("部门", "市住建局 市综合行政执法局 市自然资源和规划局 市交通运输局 市水务局 市生态环境局 市市场监管局 市公安局交警支队 市园林绿化中心 国网金华供电公司 金华电信 金华移动 金华联通 金华广电 金华燃气集团 市水务集团 市公交集团"),
];

function jinhuaRow(g: Rng, r: Region): Row {
  const { q, up } = quality(g);
  const due = r.kind === "部门" ? g.int(300, 2500) : g.int(1500, 8000), deferred = Math.round(due * g.between(0, 0.03, 3)), base = due - deferred;
  const closed = Math.round(base * g.norm(0.93 + 0.02 * q, 0.04, 0.75, 1, 3)), urgent = g.chance(0.15) ? 0 : g.int(3, 60);
  const urgentClosed = Math.max(0, urgent - (g.chance(0.3) ? g.int(1, 2) : 0)), rework = g.poisson(base * 0.002);
  const assigned = g.poisson(1);
  return {
    机构健全: g.chance(0.92), 人员落实: g.chance(0.9), 制度完善: g.chance(0.88), 应结案数: due, 缓办数: deferred,
    按期结案数: Math.min(closed, Math.round(base * g.norm(0.8 + 0.05 * q, 0.07, 0.5, 1, 3))), 结案数: closed,
    紧急应结案数: urgent, 紧急结案数: urgentClosed, 紧急按期结案数: Math.round(urgentClosed * g.between(0.85, 1, 3)),
    返工件数: rework, 三次未通过件数: Math.round(rework * g.between(0, 0.2, 2)),
    弄虚作假次数: r.name === "三江街道" ? 1 : 0, 推诿次数: g.poisson(0.3),
    交办返工件数: assigned, 交办三次未通过件数: assigned > 1 && g.chance(0.3) ? 1 : 0,
    交办弄虚作假次数: r.name === "市水务集团" ? 1 : 0, 交办推诿次数: g.poisson(0.1), 督办落实率: up(92, 6, 70, 100),
  };
}

/** Every sample scheme with its dataset recipe. */
export const SCHEMES: readonly SchemeData[] = [
  { scheme: "county-annual", regions: COUNTIES, row: countyRow, prev: countyPrev, bom: true, xlsx: true },
  { scheme: "digital-city", regions: STREETS, row: streetRow, prev: streetPrev },
  { scheme: "digital-gov", regions: SICHUAN, row: govRow, prev: govPrev },
  { scheme: "city-governance", regions: CITIES, row: cityRow, prev: cityPrev },
  { scheme: "jinhua", regions: JINHUA, row: jinhuaRow },
];

// ───────────────────────────── checking rows against the scheme

function schemeShape(schemesDir: string, scheme: string): DatasetShape {
  const path = join(schemesDir, `${scheme}.yard`);
  const checked = compile(readFileSync(path, "utf8"), path);
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${path}: ${errors.map((d) => d.message).join("; ")}`);
  return datasetShape(checked);
}

/** The row in the scheme's column order; throws (a bug in a recipe) on a missing, extra or out-of-range value. */
function ordered(shape: DatasetShape, region: string, row: Row): Row {
  const names = new Set(shape.fields.map((f) => f.name));
  const extra = Object.keys(row).filter((k) => !names.has(k));
  if (extra.length > 0) throw new Error(`${region}: no input named ${extra.join(", ")}`);
  const out: Row = { [shape.idColumn]: region };
  for (const f of shape.fields) {
    const v = row[f.name];
    if (v === undefined) throw new Error(`${region}: no value for ${f.name}`);
    if (typeof v === "number" && ((f.min !== null && v < f.min) || (f.max !== null && v > f.max))) throw new Error(`${region}: ${f.name} = ${v} is outside ${f.min}..${f.max}`);
    if (v === null && f.required) throw new Error(`${region}: required ${f.name} is blank`);
    out[f.name] = v;
  }
  return out;
}

/** Blanks about 2% of the cells of optional inputs (at least one per dataset). */
function blankOptional(g: Rng, shape: DatasetShape, rows: Row[]): void {
  const optional = shape.fields.filter((f: FieldSpec) => !f.required && f.default === null);
  let blanked = 0;
  for (const row of rows) for (const f of optional) if (g.chance(0.02)) { row[f.name] = null; blanked++; }
  if (blanked === 0 && optional.length > 0) rows[g.int(0, rows.length - 1)]![optional[0]!.name] = null;
}

// ───────────────────────────── writers

function csvCell(v: Cell): string {
  const text = v === null ? "" : typeof v === "boolean" ? (v ? "是" : "否") : Array.isArray(v) ? v.join(";") : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text (UTF-8, optionally with a BOM), one line per region. */
export function toCsv(rows: readonly Row[], bom = false): string {
  const header = Object.keys(rows[0]!);
  const lines = [header.map((h) => csvCell(h)).join(","), ...rows.map((r) => header.map((h) => csvCell(r[h] ?? null)).join(","))];
  return (bom ? "\uFEFF" : "") + lines.join("\n") + "\n";
}

/** JSON text: an array of row objects, one per line. */
export function toJson(rows: readonly Row[]): string {
  return `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(",\n")}\n]\n`;
}

/** Sets every entry's DOS time and date in a zip (local headers and central directory) to 2026-01-01 00:00. */
function fixZipTimes(zip: Buffer): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip file");
  const entries = zip.readUInt16LE(eocd + 10);
  const time = 0, date = ((2026 - 1980) << 9) | (1 << 5) | 1;
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

/** XLSX bytes: one worksheet, the header row, then one row per region; fixed timestamps. */
export async function toXlsx(rows: readonly Row[], sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const when = new Date(Date.UTC(2026, 0, 1));
  Object.assign(wb, { creator: "yardstick gen-datasets", lastModifiedBy: "yardstick gen-datasets", created: when, modified: when });
  const sheet = wb.addWorksheet(sheetName);
  const header = Object.keys(rows[0]!);
  sheet.addRow(header);
  for (const r of rows) {
    sheet.addRow(header.map((h) => {
      const v = r[h] ?? null;
      return typeof v === "boolean" ? (v ? "是" : "否") : Array.isArray(v) ? v.join(";") : v;
    }));
  }
  return fixZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

// ───────────────────────────── main

const here = dirname(fileURLToPath(import.meta.url));

/** Builds one scheme's rows (and last period's), checked against the scheme. */
export function buildRows(schemesDir: string, d: SchemeData): { rows: Row[]; prev: Row[] | null } {
  const shape = schemeShape(schemesDir, d.scheme);
  const g = new Rng(seedOf(d.scheme)), gp = new Rng(seedOf(`${d.scheme}/prev`));
  const raw = d.regions.map((r) => d.row(g, r));
  const rows = raw.map((row, i) => ordered(shape, d.regions[i]!.name, row));
  blankOptional(g, shape, rows);
  const prev = d.prev ? raw.map((row, i) => ordered(shape, d.regions[i]!.name, d.prev!(gp, row, d.row(gp, d.regions[i]!), d.regions[i]!))) : null;
  return { rows, prev };
}

/** Writes every dataset into `outDir`; returns the files written. */
export async function generateAll(outDir: string, schemesDir = join(here, "..", "schemes")): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, data: string | Buffer) => { writeFileSync(join(outDir, name), data); written.push(name); };
  for (const d of SCHEMES) {
    const { rows, prev } = buildRows(schemesDir, d);
    put(`${d.scheme}.csv`, toCsv(rows, d.bom));
    put(`${d.scheme}.json`, toJson(rows));
    if (prev) put(`${d.scheme}.prev.csv`, toCsv(prev, d.bom));
    if (d.xlsx) put(`${d.scheme}.xlsx`, await toXlsx(rows, d.scheme));
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? join(here, "..", "schemes", "data"));
  const files = await generateAll(out);
  console.log(`wrote ${files.length} files to ${out}`);
}
