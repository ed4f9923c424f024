/**
 * Parse one knowledge file: YAML front matter between `---` lines, then `## ` sections.
 *
 * Every problem names the file and, where it can, the line, because the person fixing it
 * is a staff member with a text editor, not a developer with a debugger.
 */
import { LineCounter, parseDocument, isNode } from 'yaml';
import { frontMatterSchema } from './schema.js';
import {
  DISCLOSURE_CATEGORY,
  REPORT_CATEGORY,
  SECTION_RULES,
  type ItemKind,
  type KnowledgeItem,
  type KnowledgeProblem,
  type Section,
} from './types.js';

export interface ParseResult {
  item?: KnowledgeItem;
  problems: KnowledgeProblem[];
}

export function kindOf(category: string): ItemKind {
  if (category === DISCLOSURE_CATEGORY) return 'disclosure';
  if (category === REPORT_CATEGORY) return 'report';
  return 'household';
}

export function parseItemFile(file: string, source: string): ParseResult {
  const problems: KnowledgeProblem[] = [];
  const error = (message: string, line?: number) => problems.push({ severity: 'error', file, line, message });
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);

  if (lines[0]?.trim() !== '---') {
    error('文件必须以一行 --- 开头，后面是前言（id、title 等字段）', 1);
    return { problems };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) {
    error('前言没有结束：缺少第二行 ---', 1);
    return { problems };
  }

  // Front matter: YAML with positions, so schema errors can point at a line.
  const counter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join('\n'), { lineCounter: counter, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : counter.linePos(offset).line + 1);
  for (const e of doc.errors) error(`前言 YAML 格式错误：${e.message.split('\n')[0]}`, lineAt(e.pos[0]));
  if (doc.errors.length) return { problems };

  const parsed = frontMatterSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Point at the offending value, or at its field when the value is missing.
      let node: unknown = doc.getIn(issue.path as (string | number)[], true);
      for (let p = issue.path.length - 1; !isNode(node) && p > 0; p--) {
        node = doc.getIn(issue.path.slice(0, p) as (string | number)[], true);
      }
      const line = isNode(node) && node.range ? lineAt(node.range[0]) : 1;
      const field = issue.path.length ? `${issue.path.join('.')}：` : '';
      error(`${field}${issue.message}`, line);
    }
    return { problems };
  }
  const fm = parsed.data;

  // Body: `## name` headings split the sections.
  const sections: Section[] = [];
  let current: Section | undefined;
  const bodyLines: string[] = [];
  const flush = () => {
    if (current) sections.push({ ...current, body: bodyLines.join('\n').trim() });
    bodyLines.length = 0;
  };
  for (let i = end + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading && !line.startsWith('###')) {
      flush();
      current = { name: heading[1] ?? '', body: '', line: i + 1 };
    } else if (current) {
      bodyLines.push(line);
    } else if (line.trim()) {
      error('正文必须从一个“## 小节标题”开始', i + 1);
    }
  }
  flush();

  const kind = kindOf(fm.category);
  const rules = SECTION_RULES[kind];
  const names = sections.map((s) => s.name);
  for (const s of sections) {
    if (!rules.required.includes(s.name) && !rules.optional.includes(s.name)) {
      error(`小节“${s.name}”不是${fm.category}条目的小节；应为：${[...rules.required, ...rules.optional].join('、')}`, s.line);
    } else if (!s.body) {
      error(`小节“${s.name}”没有内容`, s.line);
    }
    if (names.indexOf(s.name) !== names.lastIndexOf(s.name) && names.indexOf(s.name) !== sections.indexOf(s)) {
      error(`小节“${s.name}”重复了`, s.line);
    }
  }
  const missing = rules.required.filter((r) => !names.includes(r));
  if (missing.length) error(`缺少小节：${missing.map((m) => `## ${m}`).join('、')}`, lines.length);
  if (kind === 'report' && fm.year === undefined) error('年度报告条目必须填写 year（报告年度，如 2020）', 1);

  if (problems.length) return { problems };
  return {
    problems,
    item: {
      id: fm.id,
      title: fm.title,
      category: fm.category,
      kind,
      summary: fm.summary,
      aliases: fm.aliases,
      keywords: fm.keywords,
      basis: fm.basis,
      updated: fm.updated,
      year: fm.year,
      sections,
      file,
    },
  };
}
