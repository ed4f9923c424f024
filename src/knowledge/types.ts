/**
 * What the knowledge folder becomes once loaded: items, local facts, and the lexicon
 * (synonyms, domain dictionary, stopwords) the text pipeline uses.
 */

/** The nine household-registration areas (the bureau's 户籍 指引). */
export const HOUSEHOLD_CATEGORIES = [
  '出生登记',
  '收养、入籍与恢复户口',
  '注销登记',
  '迁移登记',
  '户口登记项目变更更正',
  '户口簿、分户与户籍证明',
  '居民身份证',
  '临时居民身份证',
  '居住登记与居住证',
] as const;
export const DISCLOSURE_CATEGORY = '政府信息公开';
export const REPORT_CATEGORY = '年度报告';
export const CATEGORIES = [...HOUSEHOLD_CATEGORIES, DISCLOSURE_CATEGORY, REPORT_CATEGORY] as const;
export type Category = (typeof CATEGORIES)[number];

export type ItemKind = 'household' | 'disclosure' | 'report';

/** The 12 elements of a household item, in the order the guide lists them. */
export const HOUSEHOLD_SECTIONS = [
  '受理部门',
  '办理条件',
  '办理流程',
  '所需材料',
  '办理时限',
  '收费依据及标准',
  '公开主体',
  '公开时限',
  '公开渠道和载体',
  '公开对象',
  '公开方式',
  '公开层级',
] as const;

/** Required and optional sections per kind. */
export const SECTION_RULES: Record<ItemKind, { required: readonly string[]; optional: readonly string[] }> = {
  household: { required: HOUSEHOLD_SECTIONS, optional: [] },
  disclosure: { required: ['答复要点', '条例规定'], optional: ['办理提示'] },
  report: { required: ['答复要点', '报告原文'], optional: ['说明'] },
};

export interface Section {
  name: string;
  /** Markdown body with {{placeholders}} still in it. */
  body: string;
  /** 1-based line of the `## ` heading in the file. */
  line: number;
}

export interface KnowledgeItem {
  id: string;
  title: string;
  category: Category;
  kind: ItemKind;
  summary: string;
  aliases: string[];
  keywords: string[];
  basis: string[];
  updated: string;
  year?: number;
  sections: Section[];
  /** Path relative to the knowledge folder, for messages to staff. */
  file: string;
}

/** A problem found in the knowledge, addressed to the staff member who can fix it. */
export interface KnowledgeProblem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

export interface Synonym {
  /** What citizens write (normalised). */
  from: string;
  /** The standard terms it stands for. */
  to: string[];
}

export interface Lexicon {
  synonyms: Synonym[];
  /**
   * How citizens name matters the knowledge does not hold (knowledge/demand-synonyms.yaml,
   * optional): used only to group demand signals by meaning (src/signals), never to answer.
   */
  demandSynonyms: Synonym[];
  /**
   * Matters the knowledge does not hold, each with phrasings of how citizens ask about it
   * (knowledge/demand-matters/*.yaml, optional): the matter classifier is trained on them,
   * to group demand signals by meaning (src/signals), never to answer.
   */
  demandMatters: DemandMatter[];
  /** Words jieba must keep whole: knowledge/dict.txt plus keywords and synonym terms. */
  dictWords: string[];
  stopwords: Set<string>;
}

export interface Knowledge {
  items: KnowledgeItem[];
  offices: import('./offices.js').Offices;
  lexicon: Lexicon;
  /** Citizens' phrasings per item (knowledge/phrasings/), training data for the matcher. */
  phrasings: import('./phrasings.js').PhrasingFile[];
  problems: KnowledgeProblem[];
  loadedAt: Date;
}

/** A matter the bot does not answer, and how citizens ask about it (normalised phrasings). */
export interface DemandMatter {
  id: string;
  label: string;
  phrasings: string[];
}
