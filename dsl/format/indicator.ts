/**
 * Layout of the indicator tree: dimensions, indicators, per-type overrides, scoring bodies and
 * methods, and the bonus/deduction items they share with rule blocks. Clauses print in one
 * canonical order (value, transform, method, adjustments, zero/exempt/inapplicable, cap,
 * floor, missing), whatever order the author used.
 */
import type {
  Adjustment, Dimension, GroupSetting, Indicator, Method, RuleBlock, RuleItem, ScoringBody, Share, ShareOverride, TreeNode,
  TypeOverride,
} from "../ast.js";
import { expr, names, str } from "./expr.js";
import { line, withBlock, words, type Stmt } from "./layout.js";

const within = (w: { name: string } | null): string | null => (w ? `within ${w.name}` : null);
const opt = (keyword: string, e: Parameters<typeof expr>[0] | null): string | null => (e ? `${keyword} ${expr(e)}` : null);

/** `points 30` or `weight 0.3`. */
export function shareText(s: Share): string {
  return `${s.unit} ${s.value.text}`;
}

/** A dimension or an indicator. */
export function treeNode(n: TreeNode): Stmt {
  return n.kind === "dimension" ? dimension(n) : indicator(n);
}

function dimension(d: Dimension): Stmt {
  const items = [...d.settings.map(setting), ...d.overrides.map(shareOverride), ...d.children.map(treeNode)];
  const head = words("dimension", d.name.name, d.label && str(d.label), d.share && shareText(d.share));
  return withBlock(head, d.span, "broken", items, { doc: d.doc });
}

function shareOverride(o: ShareOverride): Stmt {
  return line(`for ${names(o.types)} ${shareText(o.share)}`, o.span);
}

function indicator(i: Indicator): Stmt {
  const head = words("indicator", i.name.name, i.label && str(i.label), i.share && shareText(i.share), i.direction);
  const items = [...bodyStmts(i.body), ...i.overrides.map(override)];
  return items.length === 0 ? line(head, i.span, i.doc) : withBlock(head, i.span, "body", items, { doc: i.doc });
}

function override(o: TypeOverride): Stmt {
  const items = [...(o.share ? [line(shareText(o.share), o.share.span)] : []), ...bodyStmts(o.body)];
  return withBlock(`for ${names(o.types)}`, o.span, "body", items);
}

/** The clauses of a scoring body, in canonical order. */
function bodyStmts(b: ScoringBody): Stmt[] {
  const out: Stmt[] = [];
  if (b.value) out.push(line(`value ${expr(b.value)}`, b.value.span));
  if (b.transform) out.push(line(`transform ${b.transform.fn}`, b.transform.span));
  if (b.method) out.push(method(b.method));
  out.push(...b.adjustments.map(adjustment));
  out.push(...b.zeroWhen.map((z) => line(`zero when ${expr(z.cond)}`, z.span)));
  out.push(...b.exemptWhen.map((z) => line(`exempt when ${expr(z.cond)}`, z.span)));
  const inap = b.inapplicable;
  if (inap) out.push(line(words("inapplicable when", expr(inap.cond), "score average", within(inap.within)), inap.span));
  for (const limit of [b.cap, b.floor]) if (limit) out.push(line(`${limit.kind} ${expr(limit.value)}`, limit.span));
  if (b.missing) out.push(setting(b.missing));
  return out;
}

/** `weights …`, `aggregate …` or `missing …`, at the top level, in a dimension or an indicator. */
export function setting(s: GroupSetting): Stmt {
  switch (s.kind) {
    case "aggregate": return line(`aggregate ${s.method}`, s.span);
    case "missing": return line(words("missing", s.policy, within(s.within)), s.span);
    case "weights": {
      if (s.matrix.length === 0) return line(`weights ${s.method}`, s.span);
      const rows = s.matrix.map((row) => line(`[${row.map((e) => expr(e)).join(", ")}]`, rowSpan(row)));
      return withBlock(`weights ${s.method}`, s.span, "list", rows);
    }
  }
}

function rowSpan(row: readonly { span: Stmt["span"] }[]): Stmt["span"] {
  const first = row[0]?.span;
  const last = row[row.length - 1]?.span;
  if (!first || !last) return null;
  return { start: first.start, line: first.line, col: first.col, end: last.end, endLine: last.endLine, endCol: last.endCol };
}

function method(m: Method): Stmt {
  switch (m.kind) {
    case "minmax": case "zscore": return line(words(m.kind, within(m.within)), m.span);
    case "goalposts": return line(`goalposts floor ${expr(m.floor)} target ${expr(m.target)}`, m.span);
    case "target": return line(words("target", expr(m.target), m.otherwise === "proportional" && "else proportional"), m.span);
    case "proportional": return line(words("proportional", opt("to", m.to)), m.span);
    case "ratio-to-best": return line(words("ratio to best", within(m.within)), m.span);
    case "efficacy": return line(`efficacy satisfactory ${expr(m.satisfactory)} disallowed ${expr(m.disallowed)}`, m.span);
    case "custom": return line(`score ${expr(m.expr)}`, m.span);
    case "panel":
      return line(words("panel", m.trim && `trim ${m.trim.text}`, m.above && `above ${m.above.text} raters`, opt("scale", m.scale)), m.span);
    case "rank-points": {
      const points = m.points.map((p) => expr(p)).join(", ");
      return line(words("rank points", within(m.within), points, opt("then step", m.step), opt("else", m.otherwise)), m.span);
    }
    case "bands": {
      const bands = m.bands.map((b) => line(`${b.op} ${expr(b.threshold)}: ${expr(b.points)}`, b.span));
      if (m.otherwise) bands.push(line(`else ${expr(m.otherwise)}`, m.otherwise.span));
      return withBlock("bands", m.span, "list", bands, { comma: "always" });
    }
    case "ballots": case "fuzzy": {
      const cats = m.categories.map((c) => line(`${c.field.name}: ${expr(c.value)}`, c.span));
      return withBlock(m.kind, m.span, "list", cats, { tail: opt("scale", m.scale) ?? "" });
    }
  }
}

function adjustment(a: Adjustment): Stmt {
  return item(a.sign, a.item, a.span);
}

/** A bonus/deduction item, after `add`/`deduct` (`prefix`) or alone in a rule block. */
function item(prefix: string | null, it: RuleItem, span: Stmt["span"]): Stmt {
  const label = it.label && str(it.label);
  const suffix = words(opt("max", it.max), opt("times", it.times), opt("unless", it.unless));
  const b = it.basis;
  const amount = it.amount ? expr(it.amount) : null;
  switch (b.kind) {
    case "gap": return line(words(prefix, label, amount, "per", b.step.text, b.side, expr(b.reference), suffix), span);
    case "count": return line(words(prefix, label, amount, "per", expr(b.count), suffix), span);
    case "when": return line(words(prefix, label, amount, "when", expr(b.cond), suffix), span);
    case "highest": {
      const tiers = b.tiers.map((t) => line(`${expr(t.amount)} when ${expr(t.cond)}`, t.span));
      return withBlock(words(prefix, label, "highest"), span, "list", tiers, { tail: suffix, comma: "needed" });
    }
  }
}

/** `bonus "label" max m { items }` or `deduction …`. */
export function ruleBlock(r: RuleBlock): Stmt {
  const items = r.items.map((it) => item(null, it, it.span));
  return withBlock(words(r.kind, str(r.label), opt("max", r.max)), r.span, "list", items, { doc: r.doc, comma: "needed" });
}
