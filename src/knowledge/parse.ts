/**
 * Parse one knowledge file: YAML front matter between `---` lines, then `## ` sections.
 *
 * Every problem names the file and, where it can, the line, because the person fixing it
 * is a staff member with a text editor, not a developer with a debugger.
 */
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
import { readYamlSource } from './yaml-source.js';

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

  // Front matter: YAML, with positions when a schema error must point at a line. Its
  // lines count from the file's second line (the first is ---).
  const front = readYamlSource(lines.slice(1, end).join('\n'));
  for (const e of front.errors) error(`前言 YAML 格式错误：${e.message}`, e.line === undefined ? undefined : e.line + 1);
  if (front.errors.length) return { problems };

  const parsed = frontMatterSchema.safeParse(front.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Point at the offending value, or at its field when the value is missing.
      const line = front.lineOf(issue.path as (string | number)[]);
      const field = issue.path.length ? `${issue.path.join('.')}：` : '';
      error(`${field}${issue.message}`, line === undefined ? 1 : line + 1);
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
