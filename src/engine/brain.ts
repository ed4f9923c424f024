/**
 * The brain: everything the engine answers from, built in one go from the knowledge and
 * intents folders. It is immutable once built, so a reload builds a new one beside the
 * old and swaps a single reference: a message in flight finishes on the brain it started
 * with.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homePlaces } from '../intents/home.js';
import { loadIntents } from '../intents/load.js';
import type { Intents } from '../intents/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { Knowledge, KnowledgeItem, KnowledgeProblem } from '../knowledge/types.js';
import { QueryAnalyzer } from '../search/analyze.js';
import { SearchIndex } from '../search/index.js';
import { trainingSet, type Labelled } from '../search/matcher/dataset.js';
import { DEFAULT_FEATURES, Featurizer, type FeatureOptions } from '../search/matcher/features.js';
import { buildMatcher, DEFAULT_MATCHER, type Matcher, type MatcherOptions } from '../search/matcher/matcher.js';
import { Tokenizer, addWords } from '../text/tokenizer.js';
import { normalize } from '../text/normalize.js';

export interface Brain {
  knowledge: Knowledge;
  intents: Intents;
  tokenizer: Tokenizer;
  index: SearchIndex;
  analyzer: QueryAnalyzer;
  /** The learned matcher, trained on the phrasings (see src/search/matcher). */
  matcher: Matcher;
  items: Map<string, KnowledgeItem>;
  builtAt: Date;
  buildMs: number;
}

export interface BuildResult {
  brain?: Brain;
  problems: KnowledgeProblem[];
}

export interface BrainOptions {
  matcher?: MatcherOptions;
  /** Where trained matcher weights are cached (by a hash of what they depend on). */
  cacheDir?: string;
  /** Which labelled messages the matcher trains on (all of them; the tuner holds folds out). */
  trainOn?: (data: Labelled[]) => Labelled[];
  /**
   * Labels the matcher leaves out, as data (it crosses to the reload's build worker, where
   * a function cannot): the bench's synthetic items, which would give it thousands of classes.
   */
  untrainedLabels?: RegExp;
}

/** The default cache: the system temp folder (the server passes DATA_DIR/cache). */
export const DEFAULT_CACHE_DIR = join(tmpdir(), 'wenzheng-cache');

export function buildBrain(knowledgeDir: string, intentsDir: string, options: BrainOptions = {}): BuildResult {
  const started = performance.now();
  const knowledge = loadKnowledge(knowledgeDir);
  const problems = [...knowledge.problems];
  const intents = loadIntents(intentsDir, problems);
  if (!intents || problems.some((p) => p.severity === 'error')) return { problems };

  // Domain words stay whole in jieba: the dictionary file, keywords, synonyms, out-of-scope terms.
  const { lexicon } = knowledge;
  const dictionary = [
    ...lexicon.dictWords,
    ...knowledge.items.flatMap((i) => i.keywords),
    ...lexicon.synonyms.flatMap((s) => [s.from, ...s.to]),
    ...intents.fallback.outOfScope.flatMap((t) => t.terms),
  ].map((w) => normalize(w).text);
  addWords(dictionary);

  const tokenizer = new Tokenizer(lexicon.stopwords);
  const index = new SearchIndex(knowledge.items, tokenizer);
  const analyzer = new QueryAnalyzer(tokenizer, lexicon, intents.fields, intents.fallback.outOfScope);
  const featurizer = new Featurizer(tokenizer, new Map(lexicon.synonyms.map((s) => [s.from, s.to])), { ...DEFAULT_FEATURES, places: placesOf(knowledge, intents) });
  const data = trainingSet(knowledge, intents);
  const trained = options.untrainedLabels ? data.filter((d) => !options.untrainedLabels?.test(d.label)) : data;
  // Phrasings come normalised from the loader; the label does not.
  const matters = lexicon.demandMatters.flatMap((m) => [normalize(m.label).text, ...m.phrasings].map((text) => ({ text, matter: m.id })));
  const matcher = buildMatcher(options.trainOn ? options.trainOn(trained) : trained, featurizer, options.matcher ?? DEFAULT_MATCHER, options.cacheDir ?? DEFAULT_CACHE_DIR, matters, dictionary.join('\n'));
  return {
    problems,
    brain: {
      knowledge,
      intents,
      tokenizer,
      index,
      analyzer,
      matcher,
      items: new Map(knowledge.items.map((i) => [i.id, i])),
      builtAt: new Date(),
      buildMs: performance.now() - started,
    },
  };
}

/** Where places are, for the matcher's place features: China (the other-place list, this city and province) and abroad. */
function placesOf(knowledge: Knowledge, intents: Intents): FeatureOptions['places'] {
  const config = intents.otherPlace;
  if (!config) return undefined;
  const here = homePlaces(knowledge.offices.get('city'), knowledge.offices.get('province'));
  // 香港, 澳门 and 台湾 are other places' rules for the note, but 境外 for a birth.
  const abroad = new Set(config.abroad);
  return { home: [...here, ...config.places].filter((p) => !abroad.has(p)), abroad: config.abroad, away: config.away };
}
