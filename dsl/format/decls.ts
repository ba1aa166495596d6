/** Layout of the header and the top-level declarations other than the indicator tree. */
import type { Decl, GradesDecl, Header, InputDecl, Scheme, TableDecl, TypologyDecl } from "../ast.js";
import { expr, num, quote, str } from "./expr.js";
import { ruleBlock, setting, treeNode } from "./indicator.js";
import { line, withBlock, words, type Stmt } from "./layout.js";

/** The file's statements: the header, then every declaration in the author's order. */
export function schemeStmts(s: Scheme): Stmt[] {
  return [...(s.header ? [header(s.header)] : []), ...s.decls.map(decl)];
}

function header(h: Header): Stmt {
  const period = h.period && (h.period.kind === "number" ? num(h.period) : str(h.period));
  return line(words("scheme", str(h.title), period && `period ${period}`, h.unit && `unit ${h.unit.name}`), h.span);
}

function decl(d: Decl): Stmt {
  switch (d.kind) {
    case "input": return input(d);
    case "let": return line(words("let", d.name.name, d.label && str(d.label), "=", expr(d.expr)), d.span, d.doc);
    case "table": return table(d);
    case "typology": return typology(d);
    case "check": return line(words("check", expr(d.cond), d.severity, str(d.message)), d.span, d.doc);
    case "alert": {
      const levels = d.levels.map((l) => `${l.color} ${l.side} ${expr(l.threshold)}`);
      return line(words("alert", d.label && str(d.label), "on", expr(d.subject), ...levels), d.span, d.doc);
    }
    case "flag": return line(`flag ${str(d.label)} when ${expr(d.when)}`, d.span, d.doc);
    case "total": return line(`total ${num(d.value)}`, d.span);
    case "weights": case "aggregate": case "missing": return setting(d);
    case "dimension": case "indicator": return treeNode(d);
    case "bonus": case "deduction": return ruleBlock(d);
    case "veto": {
      const head = words("veto", d.scope === "top" && "top", str(d.label), "when", expr(d.when), d.grade && `grade ${str(d.grade)}`);
      return line(head, d.span, d.doc);
    }
    case "grades": return grades(d);
    case "rank": return line(`rank ${d.scopes.map((s) => (s ? `within ${s.name}` : "overall")).join(", ")}`, d.span, d.doc);
  }
}

function input(d: InputDecl): Stmt {
  const required = d.required === true ? "required" : d.required === false ? "optional" : null;
  const head = words(
    "input", d.name.name, d.type,
    d.values.length > 0 && `values (${d.values.map((v) => quote(v.value)).join(", ")})`,
    d.label && `label ${str(d.label)}`,
    d.unit && `unit ${str(d.unit)}`,
    d.range && `range ${expr(d.range.min)}..${expr(d.range.max)}`,
    d.default && `default ${expr(d.default)}`,
    required,
    d.source && `source ${str(d.source)}`,
  );
  return line(head, d.span, d.doc);
}

function table(d: TableDecl): Stmt {
  const entries = d.entries.map((e) => line(`${str(e.region)}: ${expr(e.value)}`, e.span));
  if (d.default) entries.push(line(`else ${expr(d.default)}`, d.default.span));
  return withBlock(words("table", d.name.name, d.label && str(d.label)), d.span, "list", entries, { doc: d.doc });
}

function typology(d: TypologyDecl): Stmt {
  const types = d.types.map((t) => line(words(t.name.name, t.label && str(t.label), t.when ? `when ${expr(t.when)}` : "otherwise"), t.span));
  return withBlock(words("typology", d.name.name, d.label && str(d.label)), d.span, "list", types, { doc: d.doc });
}

function grades(d: GradesDecl): Stmt {
  const levels = d.levels.map((g) => {
    const quotas = g.quotas.map((q) => `quota at ${q.bound === "at-most" ? "most" : "least"} ${num(q.value)}`);
    return line(words(str(g.label), g.op && g.threshold && `${g.op} ${expr(g.threshold)}`, ...quotas), g.span);
  });
  const head = words("grades", d.within && `within ${d.within.name}`, d.refill && "refill");
  return withBlock(head, d.span, "list", levels, { doc: d.doc });
}
