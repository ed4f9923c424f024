/**
 * Load intents/*.yaml with a schema; problems come back with file and line like the
 * knowledge's, so the check command and the hot reload treat both folders alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadPhrasings } from '../knowledge/phrasings.js';
import type { KnowledgeProblem } from '../knowledge/types.js';
import { readYamlSource, type YamlSource } from '../knowledge/yaml-source.js';
import { normalize } from '../text/normalize.js';
import { escapeRegExp, globalRegex } from './match.js';
import { NO_SECTION, type EmergencyIntent, type Intent, type Intents, type Pattern } from './types.js';

const phrases = z.array(z.union([z.string(), z.number()]).transform(String)).default([]);
const intentSchema = z.object({
  kind: z.enum(['chat', 'redirect', 'emergency', 'fallback'], { error: 'kind 必须是 chat、redirect、emergency 或 fallback' }),
  examples: phrases,
  patterns: phrases,
  hint: z.string().optional(),
  about: phrases,
  reply: z.string({ error: 'reply（答复）必须填写' }).min(1, { error: 'reply（答复）不能为空' }),
});
const fallbackSchema = z.object({
  fallback: z.object({ reply: z.string().min(1, { error: 'fallback.reply 不能为空' }) }),
  out_of_scope: z
    .array(z.object({ terms: phrases, patterns: phrases, hint: z.string().min(1, { error: 'hint 不能为空' }), firm: z.boolean().default(false) }))
    .default([]),
});
const emergencySchema = intentSchema.extend({
  cues: z.record(z.string(), phrases.pipe(z.array(z.string()).min(1, { error: '每种危险至少写一个说法' }))),
  not: phrases,
  long_ago: phrases,
  recent: phrases,
  always: phrases,
  alone: phrases.default([]),
  after_death: phrases.default([]),
  found_kinds: phrases.default([]),
  found: phrases.default([]),
  handled: phrases.default([]),
  paperwork_kinds: phrases.default([]),
  paperwork: phrases.default([]),
  paperwork_unless: phrases.default([]),
  curious: phrases.default([]),
  hint: z.string().min(1, { error: 'hint 不能为空' }),
});
const placesSchema = z.object({
  other_place: z.object({
    note: z.string().min(1, { error: 'note 不能为空' }),
    asks: phrases,
    places: phrases.pipe(z.array(z.string()).min(1, { error: '至少写一个地名' })),
    abroad: phrases.optional(),
    away: phrases.optional(),
  }),
});
const fieldsSchema = z.record(z.string(), phrases);
const feedbackSchema = z.object({
  feedback: z.object({
    unhelpful: phrases.pipe(z.array(z.string()).min(1, { error: '至少写一个“没用”的说法' })),
    helpful: phrases,
    filler: phrases,
    reply: z.string().min(1, { error: 'reply 不能为空' }),
  }),
});

type Raw = z.infer<typeof intentSchema>;

/** `{place}` in a /regex/ stands for any of places.yaml's other places (郑州, 北京 …), so a pattern
 *  about another city's business keeps to the one list staff maintain; none listed, it matches nothing. */
function anyPlace(places: readonly string[]): string {
  return places.length ? `(?:${places.map(escapeRegExp).join('|')})` : '(?!)';
}

export function toPattern(source: string): Pattern {
  const m = /^\/(.+)\/$/.exec(source);
  if (m?.[1]) return { regex: new RegExp(m[1], 'u') };
  return { text: normalize(source).text };
}

function toIntent(name: string, raw: Raw): Intent {
  return {
    name,
    kind: raw.kind,
    examples: raw.examples.map((e) => normalize(e).text).filter(Boolean),
    patterns: raw.patterns.map(toPattern),
    reply: raw.reply.trim(),
  };
}

function read(dir: string, file: string, problems: KnowledgeProblem[]): YamlSource | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) {
    problems.push({ severity: 'error', file: `intents/${file}`, message: '文件不存在' });
    return undefined;
  }
  const read = readYamlSource(readFileSync(path, 'utf8'));
  for (const e of read.errors) problems.push({ severity: 'error', file: `intents/${file}`, line: e.line, message: `YAML 格式错误：${e.message}` });
  return read.errors.length ? undefined : read;
}

function parse<T>(schema: z.ZodType<T>, file: string, input: ReturnType<typeof read>, problems: KnowledgeProblem[], prefix: (string | number)[] = []): T | undefined {
  if (!input) return undefined;
  let data = input.data;
  for (const p of prefix) data = (data as Record<string | number, unknown> | undefined)?.[p];
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    problems.push({ severity: 'error', file: `intents/${file}`, line: input.lineOf(path), message: `${path.join('.') || '文件'}：${issue.message}` });
  }
  return undefined;
}

/** Intents the phrasing files may train besides the chat intents (see intents/phrasings/). */
export const TRAINING_INTENTS = ['emergency', 'not_emergency', 'out_of_scope', 'handoff', 'complaint'] as const;

/** Load all intents; undefined when any file has an error (listed in `problems`). */
export function loadIntents(dir: string, problems: KnowledgeProblem[]): Intents | undefined {
  const before = problems.length;
  const single = (file: string, name: string): Intent | undefined => {
    const raw = parse(intentSchema, file, read(dir, file, problems), problems, [name]);
    return raw && toIntent(name, raw);
  };

  const emergencyFile = read(dir, 'emergency.yaml', problems);
  const rawEmergency = parse(emergencySchema, 'emergency.yaml', emergencyFile, problems, ['emergency']);
  const emergency: EmergencyIntent | undefined = rawEmergency && {
    ...toIntent('emergency', rawEmergency),
    cues: Object.entries(rawEmergency.cues).map(([kind, list]) => ({ kind, patterns: list.map(toPattern) })),
    not: rawEmergency.not.map((p) => globalRegex(toPattern(p))),
    longAgo: rawEmergency.long_ago.map(toPattern),
    recent: rawEmergency.recent.map(toPattern),
    always: new Set(rawEmergency.always),
    alone: new Set(rawEmergency.alone),
    afterDeath: rawEmergency.after_death.map(toPattern),
    foundKinds: new Set(rawEmergency.found_kinds),
    found: rawEmergency.found.map(toPattern),
    handled: rawEmergency.handled.map(toPattern),
    paperworkKinds: new Set(rawEmergency.paperwork_kinds),
    paperwork: rawEmergency.paperwork.map(toPattern),
    paperworkUnless: rawEmergency.paperwork_unless.map(toPattern),
    curious: rawEmergency.curious.map(toPattern),
    hint: rawEmergency.hint.trim(),
  };

  const chatFile = read(dir, 'chat.yaml', problems);
  const chat: Intent[] = [];
  const chatRaw = parse(z.record(z.string(), intentSchema), 'chat.yaml', chatFile, problems);
  for (const [name, raw] of Object.entries(chatRaw ?? {})) chat.push(toIntent(name, raw));

  const handoff = single('handoff.yaml', 'handoff');
  const complaintRaw = parse(intentSchema, 'complaint.yaml', read(dir, 'complaint.yaml', problems), problems, ['complaint']);
  const complaint = complaintRaw && { ...toIntent('complaint', complaintRaw), about: complaintRaw.about.map(toPattern) };
  const fieldsRaw = parse(fieldsSchema, 'fields.yaml', read(dir, 'fields.yaml', problems), problems);
  const fallbackRaw = parse(fallbackSchema, 'fallback.yaml', read(dir, 'fallback.yaml', problems), problems);
  const menuRaw = parse(z.record(z.string(), z.string().min(1, { error: '菜单问题不能为空' })), 'menu.yaml', read(dir, 'menu.yaml', problems), problems);

  const placesRaw = existsSync(join(dir, 'places.yaml')) ? parse(placesSchema, 'places.yaml', read(dir, 'places.yaml', problems), problems) : undefined;
  const otherPlace = placesRaw
    ? {
        note: placesRaw.other_place.note.trim(),
        asks: placesRaw.other_place.asks.map((a) => normalize(a).text),
        places: placesRaw.other_place.places.map((p) => normalize(p).text).sort((a, b) => b.length - a.length),
        abroad: (placesRaw.other_place.abroad ?? []).map((p) => normalize(p).text),
        away: (placesRaw.other_place.away ?? []).map((p) => normalize(p).text),
      }
    : null;
  const place = anyPlace(otherPlace?.places ?? []);

  const suggestions = loadSuggestions(dir, problems);

  const feedbackRaw = existsSync(join(dir, 'feedback.yaml')) ? parse(feedbackSchema, 'feedback.yaml', read(dir, 'feedback.yaml', problems), problems) : undefined;
  const training = loadPhrasings(join(dir, 'phrasings'), 'intents/phrasings', problems);
  const names = new Set([...TRAINING_INTENTS, ...chat.map((c) => c.name)]);
  for (const t of training) {
    if (!names.has(t.label)) problems.push({ severity: 'error', file: t.file, message: `intent“${t.label}”未知（可用：${[...names].join('、')}）` });
  }

  if (problems.slice(before).some((p) => p.severity === 'error') || !suggestions || !emergency || !handoff || !complaint || !fieldsRaw || !fallbackRaw || !menuRaw) return undefined;
  return {
    emergency,
    chat,
    handoff,
    complaint,
    fields: Object.entries(fieldsRaw).map(([key, list]) => {
      const [section = key, fact = null] = key.split('/');
      return { section: section === NO_SECTION ? '' : section, fact, patterns: list.map(toPattern) };
    }),
    fallback: {
      reply: fallbackRaw.fallback.reply.trim(),
      outOfScope: fallbackRaw.out_of_scope.map((t) => ({ terms: t.terms.map((x) => normalize(x).text), patterns: t.patterns.map((p) => toPattern(p.replaceAll('{place}', place))), hint: t.hint.trim(), firm: t.firm })),
    },
    menu: new Map(Object.entries(menuRaw)),
    otherPlace,
    suggestions,
    feedback: feedbackRaw
      ? {
          unhelpful: feedbackRaw.feedback.unhelpful.map((p) => normalize(p).text),
          helpful: feedbackRaw.feedback.helpful.map((p) => normalize(p).text),
          filler: feedbackRaw.feedback.filler.map((p) => normalize(p).text),
          reply: feedbackRaw.feedback.reply.trim(),
        }
      : null,
    training,
  };
}

/** How many suggested questions the web chat's welcome shows (staff choose them). */
export const SUGGESTIONS = { min: 6, max: 8, maxLength: 30 } as const;
const suggestionsSchema = z.object({
  suggestions: z
    .array(
      z
        .string({ error: '每个常见问题写成一句话' })
        .trim()
        .min(1, { error: '常见问题不能为空' })
        .max(SUGGESTIONS.maxLength, { error: `常见问题最长 ${SUGGESTIONS.maxLength} 个字（按钮要放得下）` }),
    )
    .max(SUGGESTIONS.max, { error: `常见问题最多 ${SUGGESTIONS.max} 个` })
    .nullish()
    .transform((v) => v ?? []),
});

/**
 * intents/suggestions.yaml: the questions the web chat's welcome offers as buttons. The
 * file is optional; absent or empty, the server offers the most-asked items instead
 * (src/dialog/suggestions.ts). Undefined when it has an error.
 */
function loadSuggestions(dir: string, problems: KnowledgeProblem[]): string[] | undefined {
  const file = 'suggestions.yaml';
  if (!existsSync(join(dir, file))) return [];
  const input = read(dir, file, problems);
  if (input && (input.data === null || input.data === undefined)) return []; // only comments
  const parsed = parse(suggestionsSchema, file, input, problems);
  if (!parsed || !input) return undefined;
  const list = parsed.suggestions;
  const seen = new Set<string>();
  list.forEach((q, i) => {
    if (seen.has(q)) problems.push({ severity: 'error', file: `intents/${file}`, line: input.lineOf(['suggestions', i]), message: `suggestions.${i}：“${q}”重复了` });
    seen.add(q);
  });
  if (list.length > 0 && list.length < SUGGESTIONS.min) {
    problems.push({ severity: 'warning', file: `intents/${file}`, line: input.lineOf(['suggestions']), message: `常见问题只有 ${list.length} 个，建议 ${SUGGESTIONS.min}–${SUGGESTIONS.max} 个` });
  }
  return seen.size === list.length ? list : undefined;
}
