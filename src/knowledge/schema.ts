/**
 * The schema of an item's front matter. Staff read these messages, so they are Chinese
 * and say what to write, not what the type system expected.
 */
import { z } from 'zod';
import { CATEGORIES } from './types.js';

// Numbers are text too: staff write `keywords: [12389, 110]` without quotes.
const text = (what: string) =>
  z
    .union([z.string(), z.number()], { error: `${what}必须是文字` })
    .transform(String)
    .pipe(z.string().trim().min(1, { error: `${what}不能为空` }));

export const frontMatterSchema = z.object({
  id: z
    .string({ error: 'id 必须填写' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'id 只能用英文小写字母、数字和连字符，如 idcard-lost' }),
  title: text('title（事项名称）'),
  category: z.enum(CATEGORIES, {
    error: `category 必须是以下之一：${CATEGORIES.join('、')}`,
  }),
  summary: text('summary（简要答复）'),
  aliases: z.array(text('别名'), { error: 'aliases 必须是列表（每行一个“- 问法”）' }).min(1, {
    error: 'aliases 至少要有一条',
  }),
  keywords: z.array(text('关键词'), { error: 'keywords 必须是列表，如 [补领, 遗失]' }).min(1, {
    error: 'keywords 至少要有一个',
  }),
  basis: z.array(text('依据'), { error: 'basis 必须是列表（每行一条依据）' }).min(1, {
    error: 'basis（依据）至少要有一条',
  }),
  updated: z
    .union([z.string(), z.date()], { error: 'updated 必须是日期，如 2026-11-25' })
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'updated 必须是日期，格式如 2026-11-25' })),
  year: z.number({ error: 'year 必须是年份数字，如 2020' }).int().min(1990).max(2100).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
