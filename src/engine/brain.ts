/**
 * The brain: everything the engine answers from, built in one go from the knowledge and
 * intents folders. It is immutable once built, so a reload builds a new one beside the
 * old and swaps a single reference: a message in flight finishes on the brain it started
 * with.
 */
import { loadIntents } from '../intents/load.js';
import type { Intents } from '../intents/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { Knowledge, KnowledgeItem, KnowledgeProblem } from '../knowledge/types.js';
import { QueryAnalyzer } from '../search/analyze.js';
import { SearchIndex } from '../search/index.js';
import { Tokenizer, addWords } from '../text/tokenizer.js';
import { normalize } from '../text/normalize.js';

export interface Brain {
  knowledge: Knowledge;
  intents: Intents;
  tokenizer: Tokenizer;
  index: SearchIndex;
  analyzer: QueryAnalyzer;
  items: Map<string, KnowledgeItem>;
  builtAt: Date;
  buildMs: number;
}

export interface BuildResult {
  brain?: Brain;
  problems: KnowledgeProblem[];
}

export function buildBrain(knowledgeDir: string, intentsDir: string): BuildResult {
  const started = performance.now();
  const knowledge = loadKnowledge(knowledgeDir);
  const problems = [...knowledge.problems];
  const intents = loadIntents(intentsDir, problems);
  if (!intents || problems.some((p) => p.severity === 'error')) return { problems };

  // Domain words stay whole in jieba: the dictionary file, keywords, synonyms, out-of-scope terms.
  const { lexicon } = knowledge;
  addWords([
    ...lexicon.dictWords,
    ...knowledge.items.flatMap((i) => i.keywords),
    ...lexicon.synonyms.flatMap((s) => [s.from, ...s.to]),
    ...intents.fallback.outOfScope.flatMap((t) => t.terms),
  ].map((w) => normalize(w).text));

  const tokenizer = new Tokenizer(lexicon.stopwords);
  const index = new SearchIndex(knowledge.items, tokenizer);
  const analyzer = new QueryAnalyzer(tokenizer, lexicon, intents.fields, intents.fallback.outOfScope);
  return {
    problems,
    brain: {
      knowledge,
      intents,
      tokenizer,
      index,
      analyzer,
      items: new Map(knowledge.items.map((i) => [i.id, i])),
      builtAt: new Date(),
      buildMs: performance.now() - started,
    },
  };
}
