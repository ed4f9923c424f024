/**
 * Intents: what a message is about when it is not (only) a knowledge question —
 * emergencies, small talk, asking for a person, complaints — plus which section of an
 * item a question asks for. Staff edit them in intents/*.yaml.
 */
import type { ReplyKind } from '../contract/reply.js';
import type { PhrasingFile } from '../knowledge/phrasings.js';

/** Questions about another place's rules get a note that local rules differ. */
export interface OtherPlace {
  /** With {place} and {city}. */
  note: string;
  /** What makes a place name a question about that place's rules (落户, 政策 …). */
  asks: string[];
  places: string[];
  /** Words naming a place abroad (美国, 国外 …): with `places`, they tell the learned matcher
   *  whether a child born "在X" was born in China or abroad. */
  abroad: string[];
  /** Words saying the citizen is not where their 户口 is (外省, 异地, 回不了老家): the learned
   *  matcher's `p:away`, one feature for the many ways of saying it. */
  away: string[];
}

/** A phrase that matches by containment, or a /regex/. */
export type Pattern = { text: string } | { regex: RegExp };

export interface Intent {
  name: string;
  kind: ReplyKind;
  /** Whole-message forms (after removing punctuation and stopwords). */
  examples: string[];
  /** Containment phrases or regexes. */
  patterns: Pattern[];
  reply: string;
}

/** One kind of danger (violence, missing, fire_gas …) and the ways citizens tell of it. */
export interface DangerCues {
  kind: string;
  patterns: Pattern[];
}

/** The emergency overlay's data (see src/safety/danger.ts). */
export interface EmergencyIntent extends Intent {
  cues: DangerCues[];
  /** Phrases blanked out before matching (报警回执, 110能查…, 火车): global regexes. */
  not: RegExp[];
  /** A danger told as long past (去年, 几年前) … */
  longAgo: Pattern[];
  /** … unless something recent is said too (刚, 昨晚). */
  recent: Pattern[];
  /** Kinds that are urgent however long ago they are told of (self_harm). */
  always: Set<string>;
  /** Kinds after which the 110 lines stand alone, with no business answer after them (self_harm,
   *  medical): "不想活了 身份证也不用换了" asks nothing about the card. */
  alone: Set<string>;
  /** The one the danger befell has died and the message asks what follows (销户, 死亡证明):
   *  background for every kind, `always` ones too, unless something recent is said. */
  afterDeath: Pattern[];
  /** Kinds (missing) that are over once the person is found (`found`: 找回来了, 已经找到),
   *  however recently: "昨天终于找回来了" needs no 110. */
  foundKinds: Set<string>;
  found: Pattern[];
  /** Handled by the police already (派出所来处理完了, 做完笔录, 已立案): over however recently it
   *  happened ("昨天晚上工棚里有人打架 派出所来处理完了"), unless told as still going on (还在). */
  handled: Pattern[];
  /** Kinds (theft) that are background when the message asks to replace a document
   *  (`paperwork`: 补办, 要带啥) and says nothing recent: the citizen comes afterwards. */
  paperworkKinds: Set<string>;
  paperwork: Pattern[];
  /** … but not a robbery (抢, 劫): force was used against the person. */
  paperworkUnless: Pattern[];
  /** Said out of curiosity (好奇, 真的假的, 俺就是问问, a dream, a TV drama): no danger for the
   *  learned reading, which has only the message's mood to go on; a cue still alarms. */
  curious: Pattern[];
  /** One line appended to a business answer that mentions a long-past danger. */
  hint: string;
}

export interface ComplaintIntent extends Intent {
  /** Words that make a complaint-sounding question a disclosure (or report) question. */
  about: Pattern[];
}

export interface OutOfScopeTopic {
  terms: string[];
  /** Phrasings that are always this topic, whatever items share their words. */
  patterns: Pattern[];
  hint: string;
  /** Its patterns hold even when the matcher is sure of an item ("社保卡上的身份证号错了" is the
   *  social-security card's, however sure the matcher is of correcting an ID number). */
  firm: boolean;
}

/**
 * "没用 / 不对 / 答非所问" right after an answer (intents/feedback.yaml): a verdict on the
 * answer, not a new question (src/signals/feedback.ts).
 */
export interface FeedbackCues {
  unhelpful: string[];
  helpful: string[];
  /** Words a verdict may carry that say nothing else (这个, 说的, 啊 …). */
  filler: string[];
  /** The apology; where to ask a person follows it (handoff.yaml's reply). */
  reply: string;
}

/** fields.yaml's key for phrases that look like a field's but name none ("前几天" is not "几天"). */
export const NO_SECTION = '不问';

/**
 * The phrases and /…/ patterns that ask for one section (or 依据). A key "section/fact"
 * names one fact within the section ("办理条件/谁来办理": 能替他办吗), which the reply can
 * gather from the item's other sections.
 */
export interface FieldPhrases {
  /** The section asked for; "" for phrases that name none (NO_SECTION): taken out of the
   *  question before the field phrases are looked for, so their words do not count. */
  section: string;
  fact: string | null;
  patterns: Pattern[];
}

export interface Intents {
  emergency: EmergencyIntent;
  chat: Intent[];
  handoff: Intent;
  complaint: ComplaintIntent;
  /** What asks for a section (intents/fields.yaml), one entry per key. */
  fields: FieldPhrases[];
  fallback: { reply: string; outOfScope: OutOfScopeTopic[] };
  /** Official-account menu: CLICK EventKey → the question it stands for. */
  menu: Map<string, string>;
  /** Another city's or province's rules (intents/places.yaml); absent: no such note. */
  otherPlace: OtherPlace | null;
  /** The web chat welcome's suggested questions (intents/suggestions.yaml); empty: the most-asked. */
  suggestions: string[];
  /** Verdicts on the last answer (intents/feedback.yaml); absent: none are read. */
  feedback: FeedbackCues | null;
  /** Phrasings per intent (intents/phrasings/): training data for the learned matcher. */
  training: PhrasingFile[];
}
