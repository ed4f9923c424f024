/**
 * The dialog: one normalised message and the user's session in, one reply out.
 *
 * Order matters and is deliberate:
 *   0. the emergency overlay (src/safety) is decided first, on every turn: danger gets
 *      110, with the answer to any business question in the same message after it;
 *   1. a number picks from the options last offered;
 *   2. asking for a person, and whole-message small talk;
 *   3. the knowledge: rank items, then answer / ask which one / admit not knowing,
 *      with follow-ups ("要什么材料") staying on the session's topic;
 *   4. complaints are redirected unless they are really disclosure questions.
 * Pure apart from the session it updates: no I/O, no clock beyond the session's.
 */
import type { Brain } from '../engine/brain.js';
import type { Reply, ReplyOption } from '../contract/reply.js';
import { noteUnfilled } from '../knowledge/offices.js';
import { cardItemForPlace, placedCard } from './card-place.js';
import { companionOf } from './companions.js';
import { disclosureChoice, disclosureFactItem, whereReport } from './disclosure-fact.js';
import { realCardAfterTemp, tempCardFor } from './temp-card.js';
import { restoredAfterService } from './after-service.js';
import { asksOnlyWhatNow, asksSomething, asksToTakeToThePolice, asksWhatNow, cannotReach, thanksDangerOver } from './around-danger.js';
import { bornAbroadItem } from './born-abroad.js';
import { toldOurs } from './told-ours.js';
import { toldAmong, toldApart } from './told-apart.js';
import { namesOurBusiness } from './our-business.js';
import type { OutOfScopeTopic } from '../intents/types.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import type { AnalyzedQuery, Concept } from '../search/analyze.js';
import type { SearchIndex } from '../search/index.js';
import { rank, DEFAULT_RANK_PARAMS, type RankParams } from '../search/rank.js';
import { itemText as textOf } from '../search/prepare.js';
import { LABELS } from '../search/matcher/dataset.js';
import { gather, type Evidence, type ItemScore } from './evidence.js';
import { nearestSection } from './nearest.js';
import { asksHowTo, HOW_TO_SECTION } from './how.js';
import { asksWhether, WHETHER_SECTION } from './whether.js';
import { choiceForAge, itemForAge } from './age.js';
import { askingPart } from './asking.js';
import { otherPlace } from './place.js';
import {
  ASK_WHICH_ITEM,
  MENU_SECTIONS,
  clarifyText,
  fallbackText,
  hasSection,
  helpText,
  itemText,
  render,
  sectionOptions,
  sectionText,
  WHO_APPLIES,
} from './compose.js';
import { bare, matchesAny } from '../intents/match.js';
import { detectDanger, toldAsOver, withoutNotPhrases, type Danger } from '../safety/danger.js';
import { sentenceBodies } from '../text/sentences.js';
import { only, wholeMessageIntent } from './intents.js';
import { withAnswerAids } from './related.js';
import { demandCore } from '../signals/demand.js';
import { maskPersonalData } from '../text/mask.js';
import { asksFamilyAlong } from './family-along.js';
import { freshSession, type Session } from './session.js';
import { DEFAULT_DECISION, type DecisionParams } from './thresholds.js';

export interface DialogParams {
  rank: RankParams;
  decision: DecisionParams;
}

export const DEFAULT_DIALOG: DialogParams = { rank: DEFAULT_RANK_PARAMS, decision: DEFAULT_DECISION };

export interface Outcome {
  reply: Reply;
  /** Set when the exchange is a demand signal: the grouping key of what was asked. */
  signalKey: string | null;
}

const MAX_OPTIONS = 4;
const NEAREST_NOTE = '（以上是与您的问题最接近的内容；您问的具体情况以户籍所在地公安派出所告知为准。）';
const NUMBER_WITHOUT_MENU = '您发的是一个数字，我不确定您指的是什么。请直接说您想问的事情，例如“身份证丢了怎么补办”；回复“帮助”可以查看我能回答的事项。';
const SELECT = /^(?:第)?([0-9]{1,2})(?:个|项|条|号)?$/;

function intentReply(kind: Reply['kind'], text: string): Reply {
  return { kind, text, item: null, field: null, score: 1, options: [] };
}

function itemRef(item: KnowledgeItem): Reply['item'] {
  return { id: item.id, title: item.title, category: item.category };
}

/**
 * Group key for demand signals: what the question asks for, its question frame dropped
 * (src/signals/demand.ts). The engine groups the stored, masked question by meaning
 * (src/signals/grouper.ts); this key only says the exchange is a signal and what it is.
 */
export function signalKey(query: AnalyzedQuery, _index?: SearchIndex): string {
  return (demandCore(query) || bare(query.text)).slice(0, 120) || '（空）';
}

export function respond(brain: Brain, session: Session, text: string, params: DialogParams = DEFAULT_DIALOG): Outcome {
  const outcome = elsewhere(brain, text, overlay(brain, session, text, params));
  rememberMessage(session, text);
  const withNote = noteUnfilled(outcome.reply.text);
  const noted = withNote === outcome.reply.text ? outcome : { ...outcome, reply: { ...outcome.reply, text: withNote } };
  return { ...noted, reply: withAnswerAids(brain, noted.reply) };
}

/** An answer about a household matter, asked about another city's rules: say so first. */
function elsewhere(brain: Brain, text: string, outcome: Outcome): Outcome {
  const config = brain.intents.otherPlace;
  const item = outcome.reply.item && brain.items.get(outcome.reply.item.id);
  if (!config || outcome.reply.kind !== 'answer' || item?.kind !== 'household') return outcome;
  const { offices } = brain.knowledge;
  const place = otherPlace(text, config, offices.get('city'), offices.get('province'));
  if (!place) return outcome;
  const note = config.note.replaceAll('{place}', place).replaceAll('{city}', offices.get('city') ?? '本市');
  return { ...outcome, reply: { ...outcome.reply, text: `${note}\n\n${outcome.reply.text}` } };
}

/**
 * The emergency overlay around the dialog. Danger told now → kind `emergency`, the 110
 * lines first; if the same message also asks a business question the knowledge answers
 * confidently, that answer follows and its item is named. A danger told as long past is
 * background: the business answer, with a one-line 110 reminder.
 */
function overlay(brain: Brain, session: Session, text: string, params: DialogParams): Outcome {
  const danger = dangerIn(brain, text, params);
  const justAlarmed = !!session.alarmedLast;
  session.alarmedLast = false;
  if (!danger) return afterAlarm(brain, session, text, decide(brain, session, text, params), params, justAlarmed);
  const answers = (reply: Reply) => reply.kind === 'answer' && !!reply.item && reply.score >= params.decision.answer;
  if (danger.background && !(justAlarmed && stillTheDanger(brain, text))) {
    const business = decide(brain, session, text, params, true);
    const { reply } = business;
    return answers(reply) ? { reply: { ...reply, text: `${reply.text}\n\n⚠ ${brain.intents.emergency.hint}` }, signalKey: business.signalKey } : business;
  }
  // Only a business question asked in this very message follows the 110 lines: read
  // without the conversation's topic, "有人在撬我家门" after some turns about an ID card
  // is an alarm alone, not a follow-up on the ID card.
  const own: Session = { ...session, topic: null, options: [], pendingField: null };
  const { reply } = decide(brain, own, text, params);
  session.alarmed = true;
  session.alarmedLast = true;
  if (!answers(reply) || !answersAfterDanger(brain, danger)) return alarmOutcome(brain); // the conversation is otherwise as it was
  Object.assign(session, own);
  return { reply: { ...reply, kind: 'emergency', text: `${render(brain, brain.intents.emergency.reply)}\n\n${reply.text}` }, signalKey: null };
}

/**
 * Right after an alarm, a danger told as past ("他上次来把门都踹坏了 我一个人带孩子" after "他打电话说今晚
 * 过来跟我算账", dev BQ) tells more of the danger just raised, not a story behind a business question;
 * unless it says the danger is over (found again, handled by the police, thanks with it over).
 */
function stillTheDanger(brain: Brain, text: string): boolean {
  const { emergency } = brain.intents;
  return !matchesAny(text, emergency.found) && !matchesAny(text, emergency.handled) && !thanksDangerOver(text);
}

/**
 * Is the business read in a message that tells danger to be answered after the 110 lines? Not
 * after the kinds `alone` lists (intents/emergency.yaml): self-harm ("不想活了 身份证也不用换了",
 * "我死了户口谁来销": dev B, L, U, X) and someone suddenly in medical danger ("孩子刚出生 突然不喘气了
 * 出生证还没拿"); paperwork there is worse than noise. Tried 2026-11-28: answering only messages that
 * ask something (a question word, a section, a wish) cost three turns on a blind set written by
 * elderly personas, whose questions are statements; not kept.
 */
function answersAfterDanger(brain: Brain, danger: Danger): boolean {
  return !brain.intents.emergency.alone.has(danger.kind);
}

/** "Not ours": the refusal with the hints of the other offices named, and the question kept as a demand signal. */
function refused(brain: Brain, session: Session, query: AnalyzedQuery, hints: OutOfScopeTopic[], score: number): Outcome {
  session.options = [];
  return { reply: { kind: 'fallback', text: fallbackText(brain, hints), item: null, field: null, score, options: [] }, signalKey: signalKey(query, brain.index) };
}

/** The 110 lines alone. */
function alarmOutcome(brain: Brain): Outcome {
  return { reply: intentReply('emergency', render(brain, brain.intents.emergency.reply)), signalKey: null };
}

/**
 * After an alarm, a message the knowledge cannot answer and that names no other
 * department's business ("现在怎么办", "他还在门口", "钱能追回来吗") is still about the
 * danger: the 110 lines again, not "答不上来". Right after the alarm, so is a message
 * answered only as a follow-up on the topic from before it ("不敢出声 地址是青年路3号楼"
 * after 居住证在哪办 and then 他打了我 is not a question about the 居住证 office), unless
 * it says nothing the topic does not know ("多少钱" is still the topic's fee).
 */
function afterAlarm(brain: Brain, session: Session, text: string, outcome: Outcome, params: DialogParams, justAlarmed: boolean): Outcome {
  const { reply } = outcome;
  // Right after the alarm, "怎么办啊" alone, or no one to be reached ("宿管不接电话"), is the danger's
  // whatever the topic or small talk would make of it (dev BS).
  if (session.alarmed && justAlarmed && (asksOnlyWhatNow(text) || cannotReach(text))) return alarmOutcome(brain);
  // Asked back instead ("which business?"), what to do now right after the alarm is the danger's.
  if (session.alarmed && justAlarmed && reply.kind === 'clarify' && (asksToTakeToThePolice(text) || asksWhatNow(text))) return alarmOutcome(brain);
  if (!session.alarmed || (reply.kind !== 'fallback' && !(justAlarmed && reply.kind === 'answer'))) return outcome;
  const query = brain.analyzer.analyze(text);
  if (query.outOfScope.length || query.concepts.some((c) => c.foreign)) return outcome;
  if (reply.kind === 'fallback') return alarmOutcome(brain);
  // Right after the alarm, a statement that asks nothing ("他身份正在俺这 身上啥也没带" after an old man
  // with dementia gone missing, dev BS) tells more of the danger, though a business word in it is answered.
  if (justAlarmed && reply.kind === 'answer' && !query.field && !asksSomething(text)) return alarmOutcome(brain);
  // Right after the alarm, taking a document to the police ("他身份证在我这儿 我要拿着去派出所吗",
  // a missing son's card) is about reporting the danger: the 110 lines again, not how to
  // replace a card. "现在该咋办" with a business named ("包里有身份证银行卡") gets the 110 lines
  // and then the answer (dev AU).
  if (justAlarmed && asksToTakeToThePolice(text)) return alarmOutcome(brain);
  if (justAlarmed && asksWhatNow(text)) return { ...outcome, reply: { ...reply, kind: 'emergency', text: `${render(brain, brain.intents.emergency.reply)}\n\n${reply.text}` } };
  const topic = reply.item && reply.item.id === session.topic ? brain.items.get(reply.item.id) : undefined;
  if (!topic || query.concepts.every((c) => c.alts.some((a) => mentions(topic, a.term)))) return outcome;
  const alone = decide(brain, freshSession(session.lastSeen), text, params).reply;
  return alone.kind === 'fallback' || (alone.kind === 'clarify' && !alone.item) ? alarmOutcome(brain) : outcome;
}

/**
 * The matcher's second opinion: danger in words the cues do not list. Not for a few
 * characters (too little to read danger in: "走了" is a goodbye as often as a death) nor
 * for a message that is wholly small talk or a request for a person.
 */
function learnedDanger(brain: Brain, text: string, params: DialogParams): Danger | null {
  // What the cues' `not` phrases hold is no danger for the matcher either ("孩子他爸现在联系不上
  // 人跑了" is a single mother's background, as the cues are told): it reads the rest.
  const readable = withoutNotPhrases(text, brain.intents.emergency);
  if (params.decision.emergency > 1 || Array.from(bare(readable)).length < MIN_LEARNED_DANGER_CHARS) return null;
  const isFiller = (rest: string) => brain.tokenizer.words(rest).length === 0;
  if (wholeMessageIntent(text, brain.intents.chat, isFiller) || wholeMessageIntent(text, only(brain.intents.handoff), isFiller)) return null;
  // Asking for a person in so many words ("麻烦让户籍科的同志联系我一下") is a handoff; a danger
  // told beside it still has its cue.
  if (matchesAny(text, brain.intents.handoff.patterns)) return null;
  // Curiosity (真的假的, 俺就是问问, a dream or a TV drama retold) is no danger told; a cue still is.
  if (matchesAny(text, brain.intents.emergency.curious)) return null;
  // A complaint in so many words that the matcher reads as one ("我要投诉 上回报警民警来了啥也没管
  // 就走了"): the not phrases take out what made it a complaint (投诉…民警, 上回报警), and the
  // fragments left ("我要 来了啥也没管") read as danger. A danger told beside it still has its cue.
  if (matchesAny(text, brain.intents.complaint.patterns) && brain.matcher.probability(text, LABELS.complaint) > brain.matcher.probability(text, LABELS.emergency)) return null;
  // Recall first: a paperwork question word in the message (能办吗, 要带啥) does not veto
  // this reading. Tried on 2026-11-26: it removed a false alarm on dev set B and cost an
  // emergency on each of two blind sets.
  // A question about one section of a business needs a surer reading ("孩子他爸在外地出差 我一个人能办吗").
  // The message is analysed only when the reading reaches the lower threshold.
  const p = brain.matcher.probability(readable, LABELS.emergency);
  const { emergency, emergencyAsked } = params.decision;
  if (p < emergency) return null;
  // Another department's business named outright (欠薪: "包工头跑了 工钱要不回来") is what the
  // message is about; only a cue, not this reading, overrides that.
  if (namesFirmlyElsewhere(brain, text)) return null;
  const asked = brain.analyzer.analyze(text);
  // Asking who may do a business ("她回不来 我一个人能去办不") is paperwork: measured 2026-11-27,
  // of 105 such phrasings without a cue (five folds) none is an emergency, and the 2 of 535
  // emergencies (phrasings, dev and held-out sets) that ask it both hold a cue, which this does not touch.
  if (asked.fact === WHO_APPLIES) return null;
  const sure = p >= emergencyAsked || !asked.field;
  if (!sure) return null;
  // Told as over (现在和好了, 已经出院, 上个月) with nothing recent, as for the cues: background. So are
  // thanks with the danger told over (谢谢你们 刚才人已经找着了, dev BD); a bare 找到了 is not over
  // ("前任找到了我新家的地址").
  return { kind: 'learned', background: toldAsOver(text, brain.intents.emergency) || thanksDangerOver(text) };
}

/** Shorter messages get no learned danger reading (the cues still apply). */
const MIN_LEARNED_DANGER_CHARS = 5;

/** Another department's business named outright (a `firm` out-of-scope pattern: 欠薪, 交警扣车). */
function namesFirmlyElsewhere(brain: Brain, text: string): boolean {
  return brain.intents.fallback.outOfScope.some((t) => t.firm && matchesAny(text, t.patterns));
}

/**
 * Danger in a message: a cue told as now; else a sentence of a longer message that tells
 * danger now (storyDanger); else a cue told as over (background), or the learned reading.
 */
function dangerIn(brain: Brain, text: string, params: DialogParams): Danger | null {
  const cue = detectDanger(text, brain.intents.emergency);
  if (cue && !cue.background) return cue;
  return storyDanger(brain, text, params) ?? cue ?? learnedDanger(brain, text, params);
}

/**
 * A long message read sentence by sentence. Citizens tell a whole story before their question
 * ("我想问父亲的户口迁移。……今天晚上回家发现他不在屋里，往河边走了，三个多小时了……需要什么
 * 材料？"): the danger is one sentence among five about papers, and the whole message's reading
 * dilutes it below the threshold, while the past told in another sentence (前年买了房, 上次回复)
 * made a cue's danger background. A sentence the matcher is very sure of (`emergencySentence`)
 * that says in its own words that it is now (the cues' `recent`: 刚才, 今天, 还在 …) is danger
 * now; another department's business named in it outright is not (as for the whole message).
 */
function storyDanger(brain: Brain, text: string, params: DialogParams): Danger | null {
  const { emergencySentence } = params.decision;
  if (emergencySentence > 1) return null;
  const sentences = sentenceBodies(text).filter((s) => Array.from(bare(s)).length >= MIN_LEARNED_DANGER_CHARS);
  if (sentences.length < 2) return null;
  const { emergency } = brain.intents;
  for (const sentence of sentences) {
    const readable = withoutNotPhrases(sentence, emergency);
    if (Array.from(bare(readable)).length < MIN_LEARNED_DANGER_CHARS) continue;
    if (brain.matcher.probability(readable, LABELS.emergency) < emergencySentence) continue;
    // Told as now in its own words (刚才, 今天, 现在就在 …): a story's sentences about a hard past
    // read as danger to the matcher too, and their time is often said elsewhere or not at all.
    // (Its own words tell no past either: "我去年出差遇到地震，大家半夜跑到楼下" is over.)
    if (!matchesAny(sentence, emergency.recent) || matchesAny(sentence, emergency.longAgo)) continue;
    if (namesFirmlyElsewhere(brain, sentence)) continue;
    return { kind: 'learned', background: false };
  }
  return null;
}

/**
 * A story decided on its question. Citizens tell a whole story before asking ("前年开了个小饭馆…
 * 去年后厨起火，jzz 跟营业执照一起烧了…。请问jzz烧毁了怎么补领？"); the story's words weigh on the
 * whole message's ranking, and it may be refused or asked back though its question alone is
 * answered with confidence. Then that answer is taken; otherwise the whole message's outcome
 * stands, and the session is as that outcome left it.
 */
function decide(brain: Brain, session: Session, text: string, params: DialogParams, pastDanger = false): Outcome {
  const asking = askingPart(text);
  if (asking === text) return decideMessage(brain, session, text, params, asking, pastDanger);
  const before = structuredClone(session);
  const whole = decideMessage(brain, session, text, params, asking, pastDanger);
  if (whole.reply.kind !== 'fallback' && whole.reply.kind !== 'clarify') return whole;
  const after = structuredClone(session);
  restore(session, before);
  const question = decideMessage(brain, session, asking, params, asking, pastDanger);
  if (question.reply.kind === 'answer' && question.reply.score >= params.decision.answer) return question;
  restore(session, after);
  return whole;
}

/** Put a session back as the snapshot had it (optional fields it lacked are removed). */
function restore(session: Session, snapshot: Session): void {
  for (const key of Object.keys(session) as (keyof Session)[]) delete session[key];
  Object.assign(session, snapshot);
}

/** A question asked as "A not A" (中不中, 行不行, 能不能). */
const A_NOT_A = /(.)不\1/u;

/**
 * One message decided as business. `asking`: the text's sentences that ask (asking.ts), where
 * another department's business is read. `pastDanger`: the overlay found danger in it, but told
 * as over (之前, 现在和好了, 人已经抓到了); the matcher's belief in an emergency then says nothing
 * about which business is asked, and is left out of the shares (evidence.ts).
 */
function decideMessage(brain: Brain, session: Session, text: string, params: DialogParams, asking: string, pastDanger = false): Outcome {
  const { intents } = brain;
  const none = (reply: Reply): Outcome => ({ reply, signalKey: null });

  if (!text.trim()) {
    return none(intentReply('chat', helpText(brain, '您好，请输入您要咨询的问题。我可以回答：')));
  }
  if (!bare(text)) {
    // Only punctuation or symbols ("？？？"): not understood, but nothing worth recording.
    return none({ ...intentReply('fallback', helpText(brain, '抱歉，没有看懂您的意思。我可以回答：')), score: 0 });
  }

  // 1. "1", "第2个": a pick from the last menu.
  const pick = SELECT.exec(bare(text));
  if (pick) {
    const option = session.options.find((o) => o.n === Number(pick[1]));
    if (option) return none(answerOption(brain, session, option));
  }

  // 2. A person, or small talk.
  const isFiller = (rest: string) => brain.tokenizer.words(rest).length === 0;
  // A request's own words (转人工, 找真人) first; then small talk before a bare "真人": "恁是真人不" asks what the bot is.
  if (matchesAny(text, intents.handoff.patterns)) return none(intentReply('redirect', render(brain, intents.handoff.reply)));
  // "中不中" holds the okay word 中 twice, but asks whether (A-not-A): a question, not small talk.
  const chat = A_NOT_A.test(bare(text)) ? undefined : wholeMessageIntent(text, intents.chat, isFiller);
  if (!chat && wholeMessageIntent(text, only(intents.handoff), isFiller)) {
    return none(intentReply('redirect', render(brain, intents.handoff.reply)));
  }
  if (chat) {
    const body = chat.name === 'help' ? helpText(brain, chat.reply) : render(brain, chat.reply);
    return none(intentReply(chat.kind, body));
  }

  // A number with no menu it could pick from ("1" out of the blue): ask what it means,
  // never guess an item.
  if (pick) return none({ kind: 'clarify', text: NUMBER_WITHOUT_MENU, item: null, field: null, score: 0, options: [] });

  // 3. The knowledge. Phrasings known to be another department's business fall back
  // with a hint ("出生医学证明丢了" is for the hospital, whatever items mention it) —
  // unless the matcher is sure the message asks one of our items all the same ("结婚证丢
  // 了 还能办夫妻投靠不" asks about moving in with a spouse).
  const query = brain.analyzer.analyze(text, asking);
  const evidence = gather(brain, query, params.rank, params.decision.mix, pastDanger);
  const ranked = evidence.items;
  const { answer, low, margin } = params.decision;
  const top = ranked[0];
  const known = intents.fallback.outOfScope.find((t) => matchesAny(asking, t.patterns));
  const topic = session.topic ? brain.items.get(session.topic) : undefined;
  // In a conversation, a document of the topic's that is lost ("出生证叫俺弄丢了 咋弄" while
  // registering a child late) asks the topic's materials or conditions, unless the refusal is
  // firm; where or how to replace the document itself ("在哪补") is still the other office's.
  // Told with no question at all ("出生证找不着了" while registering a child late), it is the materials'
  // obstacle; asking to replace it ("另外问一下 离婚证丢了能补吗") is not.
  const toldOnly = query.field === null && !REPLACE_OR_TURN.test(query.text);
  const obstacleField = query.field === MATERIALS_SECTION || query.field === WHETHER_SECTION ? query.field : toldOnly ? MATERIALS_SECTION : null;
  const topicObstacle =
    !!known && !known.firm && topic?.kind === 'household' && !!obstacleField && hasSection(topic, obstacleField) && !namesForeign(query, topic);
  if (known && (known.firm || !(top && top.p >= params.decision.switch)) && !saysNothingNew(brain, query, topic) && !topicObstacle) {
    return refused(brain, session, query, [known], 0);
  }
  const topItem = top && brain.items.get(top.id);
  const confident = !!top && top.score >= answer;

  // Thanks with the danger told over ("刚才吓死我了 现在没事了 谢谢", "谢谢 我现在已经安全了") and
  // no business named: a thank-you, however the matcher reads the fright (dev AC, P).
  if (thanksDangerOver(text) && !query.concepts.some((c) => c.alts.some((a) => brain.index.isSubject(a.term)))) {
    const thanks = intentByLabel(brain, LABELS.chat('thanks'));
    if (thanks) return none(thanks);
  }

  // 投诉/举报/信访 are redirected, unless the question is about disclosure or its annual
  // report ("对信息公开答复不服可以投诉吗" asks about remedies, not to file a complaint).
  // A complaint about another department's business ("老板拖欠工资 去哪投诉") gets that
  // department's hint with the refusal, when the matcher too says it is not ours.
  const elsewhereComplaint = query.outOfScope.length > 0 && evidence.notOurs >= ELSEWHERE_COMPLAINT;
  if (matchesAny(text, intents.complaint.patterns) && !elsewhereComplaint && !(matchesAny(text, intents.complaint.about) && topItem && topItem.kind !== 'household' && top.score >= low)) {
    return none(intentReply('redirect', render(brain, intents.complaint.reply)));
  }

  // The matcher reads small talk, a request for a person or a complaint more surely than
  // any item ("你都能答啥", "让工作人员给我回个电话").
  // In a conversation, a question about one of the topic's sections ("这个证能用几年", "俺替她
  // 去中不中") is a follow-up, not small talk.
  const intent = evidence.intent;
  const asksTopic = !!topic && !!query.field && hasSection(topic, query.field);
  // Office hours or a phone number asked together with a business ("派出所几点上班 周六能换
  // 身份证吗") is that business's 受理部门, which holds both.
  const contactFor = intent?.label === CONTACT_INTENT && !!topItem && topItem.kind === 'household' && top.score >= low && query.field === CONTACT_SECTION;
  // A complaint read in a question that names another department's business but no complaint
  // word ("那我们这个小区对应哪个小学 学区怎么划的") is a question for that department.
  // So is office hours asked of another department's business ("护照在哪办 周末上班吗", dev AU), and
  // small talk read around one ("请问ETC怎么办理" read as asking for help: 请问, 怎么办理 and a word the
  // matcher never saw, dev BJ), thanks and goodbyes aside.
  const smallTalk = !!intent && intent.label.startsWith(LABELS.chat('')) && intent.label !== LABELS.chat('thanks') && intent.label !== LABELS.chat('bye');
  const elsewhereQuestion = (intent?.label === LABELS.complaint || intent?.label === CONTACT_INTENT || smallTalk) && query.outOfScope.length > 0;
  if (intent && intent.p >= params.decision.intent && intent.p > (top?.score ?? 0) && !asksTopic && !contactFor && !elsewhereQuestion) {
    const reply = intentByLabel(brain, intent.label);
    if (reply) return none(reply);
  }
  // Such a question is that department's, unless the matcher is sure of one of our items: the
  // belief the matcher gives small talk is not "ours" either ("护照在哪办 周末上班吗").
  if (elsewhereQuestion && intent.p >= params.decision.intent && !(top && top.p >= params.decision.switch)) {
    return refused(brain, session, query, query.outOfScope, 0);
  }

  // After "您想问的是哪一项？", a reply that is not a number but a question about one of the
  // offered items ("房产证下来了才能办吗" after 毕业生迁回 / 购房落户) picks that item. Only a
  // word of another department the item does not hold turns it away (算了 护照咋办).
  const offered = !topic && session.options.length > 1 && session.options.every((o) => !o.id.includes('#')) ? session.options : null;
  const [chosen, next] = offered ? evidence.items.filter((r) => offered.some((o) => o.id === r.id)) : [];
  // … and it must tell them apart: "能替他去办不" after "身份证" picks none of them.
  const decides = !!chosen && query.concepts.length > 0 && chosen.score >= low && chosen.score > (next?.score ?? 0) + margin;
  const chosenItem = decides ? brain.items.get(chosen.id) : undefined;
  if (chosen && chosenItem && !(notOurs(evidence, chosen, params, query, chosenItem) && namesForeign(query, chosenItem))) {
    const asked = sectionAsked(chosenItem, query, evidence, params);
    return answered(brain, session, chosenItem, asked.field ?? session.pendingField, chosen.score, chosen.score < answer, query, asked.howTo);
  }

  // A follow-up stays on the conversation's topic ("要带什么", "家里人能替我办吗", "过期了
  // 还能补吗") unless the message clearly turns to another business: another item scores
  // at least `switch`, beats the topic, and either the matcher is that sure of it or the
  // message names its business (居住证, 分户 …). Field words are not evidence of a new
  // business: they would pull towards the disclosure topics about 期限 and 收费.
  if (topic && !(notOurs(evidence, top, params, query) && namesForeign(query, topic))) {
    const onTopic = evidence.items.find((r) => r.id === topic.id);
    const other = evidence.items.find((r) => r.id !== topic.id);
    // A citizen who says they are turning to something else (算了 先问下…, 另外问一下) needs
    // only an answer's certainty for the new business, not a switch's.
    // So does a message that names a business of the other kind (政府信息公开 while on a household
    // topic: "通过政府信息公开查到其住址 … 个人隐私的信息是否会被公开", dev AX).
    const otherKind = topic.kind === 'household' && DISCLOSURE_NAMED.test(query.text) && !!other && !sameKind(brain, topic, other.id);
    const bar = TURNS_AWAY.test(query.text) || otherKind ? params.decision.answer : params.decision.switch;
    // Only field words ("多久能拿到", "要收费吗") name no business at all.
    const takesOver =
      query.concepts.length > 0 &&
      !!other &&
      other.score >= bar &&
      other.score > (onTopic?.score ?? 0) + margin &&
      // Leaving a household topic for a disclosure or report item takes the message naming it.
      ((other.p >= params.decision.switch && sameKind(brain, topic, other.id)) || namesItem(brain, query, params, other.id)) &&
      // ("那身份证也丢了呢" after a lost 户口本 asks no section: it may say something new.)
      !saysNothingNew(brain, query, topic) &&
      !asksAfterTopic(brain, query, topic) &&
      // Family moving along with the topic's move (随迁) is that move's condition (family-along.ts).
      !asksFamilyAlong(topic, query.text) &&
      // Someone withholding a document ("他爸不给户口本咋办" while moving a child's 户口) is an
      // obstacle in the topic's business, not a request to replace that document; a proof
      // someone else issues ("需要监狱开证明吗", "老板不给开证明") is one of its materials, not
      // the 户籍证明 a police station issues.
      !WITHHELD_DOCUMENT.test(query.text) &&
      !PROOF_FROM_OTHERS.test(query.text);
    const fieldAsked = !!query.field && hasSection(topic, query.field);
    if (!takesOver && (fieldAsked || topic.kind === 'household')) {
      // The child's age told in a follow-up ("已经一个半月了") picks the item for that age, where the card
      // is to be made ("能在上海补吗") the ID card item for that place, a temporary card asked for
      // ("能先弄个临时的不") the temporary card's, and after it the real card ("那正式的补办要多久") its own; else
      // the sibling the follow-up narrows the topic to.
      const aged = itemForAge(brain, topic, query.text) ?? toldApart(brain, topic, query.text) ?? placedCard(brain, topic, query.text) ?? tempCardFor(brain, topic, query.text) ?? realCardAfterTemp(brain, topic, query.text);
      const sibling = aged ? { item: aged, score: onTopic?.score ?? 1 } : narrowedTo(brain, session, topic, query, evidence, params);
      if (sibling) {
        const asked = sectionAsked(sibling.item, query, evidence, params);
        return answered(brain, session, sibling.item, asked.field, sibling.score, false, query);
      }
      return followUp(brain, session, topic, query, evidence, params, onTopic?.score ?? 1);
    }
  }
  // After how to apply for disclosure, one fact of the application ("需要缴纳费用吗") is the item holding it.
  const fact = topic && disclosureFactItem(brain, topic, query);
  if (fact) return answered(brain, session, fact, null, evidence.items.find((r) => r.id === fact.id)?.score ?? 1, false, query);
  // Within a disclosure (or report) conversation, "那多久答复" and "要收费吗" are questions
  // about disclosure: their field words are the subject.
  if (!query.concepts.length && query.fieldConcepts.length && topic && topic.kind !== 'household') {
    const promoted = rank({ ...query, concepts: query.fieldConcepts, fieldConcepts: [] }, brain.index, params.rank).filter((r) => brain.items.get(r.id)?.kind !== 'household');
    const first = promoted[0];
    const item = first && brain.items.get(first.id);
    if (first && item && first.score >= low) return answered(brain, session, item, null, first.score, first.score < answer, query);
  }
  if (!query.concepts.length && query.field) {
    return none({ kind: 'clarify', text: ASK_WHICH_ITEM, item: null, field: query.field, score: 0, options: [] });
  }

  // An item the message shares not one word with (lunr found nothing) is the matcher's guess
  // alone; below the certainty a new topic needs it is no answer ("明个下雨不" is no 户籍证明).
  // In a conversation the topic's field words carry it ("是否收取费用" after disclosure).
  const unheard = !topic && !!top && top.r <= 0 && top.p < params.decision.switch;
  // In a disclosure conversation, a follow-up that leads to the topic and says nothing its text does
  // not hold ("起诉期限是多久" after 对答复不服能复议吗) is the topic's, however the matcher reads 起诉 (dev AZ).
  const onTopicFollowUp = !!topic && topic.kind !== 'household' && top?.id === topic.id && query.concepts.length > 0 && topicHoldsAll(query, topic);
  if (!top || !topItem || top.score < low || (notOurs(evidence, top, params, query, topItem) && !onTopicFollowUp) || unheard) {
    // A child's birth abroad told, with a section asked or its 户口 named, is the born-abroad item's,
    // whatever foreign document the matcher reads as not ours; not when that document itself is asked for.
    const abroad = bornAbroadItem(brain, query.text);
    const asksAbroad = !!abroad && (!!query.field || /户口|落户/.test(query.text)) && !query.concepts.some((c) => c.foreign && asksDocumentItself(query.text, c.source));
    // Our business told outright (a landlord refusing the registration, a 户籍证明 to be issued:
    // told-ours.ts) is ours, whatever the matcher has learned of the words around it.
    const told = abroad && asksAbroad ? abroad : toldOurs(brain, query.text);
    if (told) {
      const asked = sectionAsked(told, query, evidence, params);
      return answered(brain, session, told, asked.field, evidence.items.find((r) => r.id === told.id)?.score ?? 0, true, query, asked.howTo);
    }
    return refused(brain, session, query, query.outOfScope, top?.score ?? 0);
  }

  const broad = broadTopic(brain, query, evidence, params);
  const close = ranked.filter((r) => r.score >= low && r.score >= top.score - margin).slice(0, MAX_OPTIONS);
  const everything = !!broad && 'everything' in broad;
  const choices = broad && 'items' in broad && broad.items.length > 1 ? broad.items : close;
  // Several readings, the conversation's topic among them: the conversation decides
  // ("行政诉讼呢" after the report's review-and-litigation figures).
  const undecided = everything || choices.length > 1;
  const onTopic = undecided && topic ? ranked.find((r) => r.id === topic.id && (everything || choices.includes(r))) : undefined;
  if (onTopic && topic) {
    const asked = sectionAsked(topic, query, evidence, params);
    return answered(brain, session, topic, asked.field, onTopic.score, onTopic.score < answer, query, asked.howTo);
  }
  if (everything) return none({ kind: 'clarify', text: helpText(brain, WHICH_BUSINESS), item: null, field: null, score: round(top.score), options: [] });
  // Where the card is to be made decides between ID card items the scores could not.
  const placed = choices.length > 1 ? cardItemForPlace(brain, topItem, query.text) : null;
  if (placed && choices.some((c) => c.id === placed.id) && choices.every((c) => brain.items.get(c.id)?.category === topItem.category)) {
    const asked = sectionAsked(placed, query, evidence, params);
    return answered(brain, session, placed, asked.field, top.score, !confident, query, asked.howTo);
  }
  // Disclosure items that score alike, how to apply among them: the fact asked picks one (the fee,
  // what the application must say), asking how to apply picks the hub itself; a newborn's and a
  // late registration, the child's age told; look-alikes, what the message tells (a permit renewed).
  const decided = choices.length > 1 ? disclosureChoice(brain, choices, query) ?? choiceForAge(brain, choices.map((c) => c.id), query.text) ?? toldAmong(brain, choices, query.text) : null;
  if (decided) {
    const asked = sectionAsked(decided, query, evidence, params);
    return answered(brain, session, decided, asked.field, top.score, !confident, query, asked.howTo);
  }
  if (choices.length > 1) return clarify(brain, session, choices, query);

  // What the message tells decides between look-alikes the scores could not: where the card is
  // made, an age, a temporary card asked for, a soldier back home, one fact of a disclosure application, the report's figures.
  const item =
    cardItemForPlace(brain, topItem, query.text) ??
    toldApart(brain, topItem, query.text) ??
    tempCardFor(brain, topItem, query.text, true) ??
    restoredAfterService(brain, topItem, query.text) ??
    disclosureFactItem(brain, topItem, query) ??
    whereReport(brain, topItem, query.text) ??
    yearFigures(brain, topItem, topic, query, ranked, low) ??
    topItem;
  const asked = sectionAsked(item, query, evidence, params);
  return answered(brain, session, item, asked.field, top.score, !confident, query, asked.howTo);
}

/**
 * "sfz丢了" and then "我在外地打工 在这边能补不": the follow-up says nothing new on its own,
 * but read with the messages before it, it asks a sibling of the topic (a lost card
 * replaced away from home, 异地补领). The conversation moves there when the matcher is as
 * sure of the sibling, reading the recent messages together, as a new topic needs
 * (`switch`), and the sibling beats the topic both read together and in the follow-up alone
 * ("凭的是哪个文件" after changing a name, then asking whether the ID card changes too,
 * names no sibling of its own). Measured 2026-11-27 on the dev sets: 6 turns right that
 * were not, none lost.
 */
function narrowedTo(brain: Brain, session: Session, topic: KnowledgeItem, query: AnalyzedQuery, evidence: Evidence, params: DialogParams): { item: KnowledgeItem; score: number } | null {
  if (topic.kind !== 'household' || !session.recent?.length || !query.concepts.length) return null;
  // The sibling must beat the topic in the follow-up alone: when the topic leads there, the
  // conversation is not read again.
  if (!evidence.items[0] || evidence.items[0].id === topic.id) return null;
  const conversation = [...session.recent, query.text].join(' ');
  const together = gather(brain, brain.analyzer.analyze(conversation), params.rank, params.decision.mix);
  const best = together.items[0];
  const item = best && brain.items.get(best.id);
  if (!best || !item || item.id === topic.id || item.kind !== 'household' || best.p < params.decision.switch) return null;
  // The conversation itself tells the sibling back to the topic (told-apart.ts: "我们没领证 娃能上户口吗
  // … 那是不是要做亲子鉴定" is the newborn's, though 亲子鉴定 reads as a person without a 户口, dev BF).
  if (toldApart(brain, item, conversation)?.id === topic.id) return null;
  const score = (items: ItemScore[], id: string) => items.find((r) => r.id === id)?.score ?? 0;
  if (best.score <= score(together.items, topic.id) + params.decision.margin) return null;
  return score(evidence.items, item.id) > score(evidence.items, topic.id) ? { item, score: best.score } : null;
}

/** The messages a follow-up is read with (masked: sessions may be stored), and how long each may be. */
const RECENT_MESSAGES = 2;
const RECENT_CHARS = 100;

function rememberMessage(session: Session, text: string): void {
  session.recent = [...(session.recent ?? []), maskPersonalData(text).slice(0, RECENT_CHARS)].slice(-RECENT_MESSAGES);
}

/**
 * "改了以后身份证也得换吧", "分完了户口本咋弄": a question about what follows the topic's own
 * business, naming only documents the topic's text holds, is still about the topic. (Without
 * the "after" it may be a new business: "那身份证也丢了呢" after a lost 户口本.)
 */
function asksAfterTopic(brain: Brain, query: AnalyzedQuery, topic: KnowledgeItem): boolean {
  if (!AFTER_TOPIC.test(query.text)) return false;
  const named = query.concepts.filter((c) => !AFTER_TOPIC.test(c.source) && !AFTER_WORD.test(c.source) && c.alts.some((a) => a.kind !== 'part' && a.term.length > 1 && brain.index.idf(a.term) > 0));
  // A business of its own named outright (户主: changing the household head) is a new question.
  const own = (c: Concept) => c.alts.some((a) => a.kind === 'word' && brain.index.isSubject(a.term));
  return named.length > 0 && !named.some(own) && named.every((c) => c.alts.some((a) => a.kind !== 'part' && mentions(topic, a.term)));
}
/** The topic's own doing, done ("改完", "分好了", "销了以后"); and the words that only say "after". */
const DOING = '[改分迁办落销换补签上报]';
const AFTER_TOPIC = new RegExp(`${DOING}号?(?:完|好|了以后|了之后|以后)`);
const AFTER_WORD = new RegExp(`^(?:以后|之后|然后|完了|${DOING}了)$`);

/** A proof issued by someone other than the police: "需要监狱开证明吗", "房东不给开证明". */
const PROOF_FROM_OTHERS = /(监狱|老板|单位|公司|房东|学校|村里|村委会?|居委会?|社区|医院|部队|厂里|工地)[^，。,.!?！？ ]{0,4}开(个|张|份)?[^，。,.!?！？ ]{0,4}证明/;

/**
 * A question about one of the topic's sections whose every word the topic's own text holds
 * says nothing new: "要带户口本吗" while getting a first ID card, "多久能拿到户口本" while
 * registering a newborn, "出生证叫俺弄丢了 咋弄" while registering a child late.
 */
function saysNothingNew(brain: Brain, query: AnalyzedQuery, topic: KnowledgeItem | undefined): boolean {
  if (!topic || !query.field || !hasSection(topic, query.field)) return false;
  // A business another item is about, named outright ("那我住满半年了想办居住证 要啥材料" while on
  // 居住登记, whose text mentions the 居住证 it leads to), is something new (dev AU).
  // A term some other item's title or keywords hold (not the topic's).
  const heldElsewhere = (term: string) => brain.index.holders(term).length > 0 && !brain.index.holders(term).includes(topic.id);
  const elsewhere = (term: string) => brain.index.isSubject(term) && heldElsewhere(term);
  // A loss told with no replacing asked ("要带他的身份证吗 他身份证找不到了" while cancelling a
  // death) is an obstacle in the topic's business: its synonym 补领 names no new business (dev AX).
  const lossOnly = (c: Concept) => c.alts.some((a) => a.term === LOSS) && !REPLACE_OR_TURN.test(query.text);
  if (query.concepts.some((c) => !lossOnly(c) && c.alts.some((a) => a.kind === 'synonym' && elsewhere(a.term)))) return false;
  // Replacing a document that another item is about ("户口本是不是得回老家补" while replacing an ID
  // card away from home, whose text lists the 户口本) is that item's business (dev AX).
  if (query.concepts.some((c) => replacesDocument(query.text, c.source) && c.alts.some((a) => a.kind !== 'part' && heldElsewhere(a.term)))) return false;
  return topicHoldsAll(query, topic);
}

/** Every word of the message is one the topic's own text holds (in one of its forms). */
function topicHoldsAll(query: AnalyzedQuery, topic: KnowledgeItem): boolean {
  return query.concepts.every((c) => c.alts.some((a) => a.kind !== 'part' && mentions(topic, a.term)));
}

/** The synonym every word of losing a document reads as (丢了, 找不到了: knowledge/synonyms.yaml). */
const LOSS = '遗失';
/** Replacing a document, or turning to another question (an obstacle told is neither). */
const REPLACE_OR_TURN = /补|换|重开|重新|另外|顺便|还有个事|再问/;
/** Disclosure named outright, the business of the non-household items. */
const DISCLOSURE_NAMED = /信息公开|政府信息|申请公开|公开申请|年度报告|年报/;
/** Words that put the topic aside: "算了 先问下身份证…", "另外问一下", "换个问题". */
const TURNS_AWAY = /算了|先不说这个|不说这个了|先不问|另外问|另外再问|换个问题|问个别的|问点别的|再问个别的|顺便问/;
/** Someone keeping a document from the citizen: "他爸不给户口本", "身份证被扣着", "户口本在前夫手里不给". */
const WITHHELD_DOCUMENT =
  /(?:不给|不借|扣着|扣下|不肯给|不拿出来|不愿意给|不配合给)[^，。,.!?！？ ]{0,3}(?:户口本|户口簿|户口页|身份证|证件)|(?:户口本|户口簿|户口页|身份证|证件)[^，。,.!?！？ ]{0,3}(?:不给|不借|被扣|扣着|不肯给|不拿出来)|(?:户口本|户口簿|户口页)在[^，。,.!?！？ ]{1,5}(?:手里|手上|那里|那儿|那边)[^。!?！？]{0,6}(?:不给|不借|不肯|拿不回来|拿不到|要不回来)/;

/** The small-talk intent for office hours, addresses and phones, and the section that holds them for a business. */
const CONTACT_INTENT = LABELS.chat('contact');
const CONTACT_SECTION = '受理部门';
const MATERIALS_SECTION = '所需材料';

/** The matcher's "not ours" belief above which a complaint naming another department's business is theirs. */
const ELSEWHERE_COMPLAINT = 0.5;

/** The opening of the list of everything the bot answers, for a message naming only 户口. */
const WHICH_BUSINESS = '您想问哪一项业务？我可以回答：';

/** Words that say a message is about a business without saying what about it ("身份证的事"). */
const TOPIC_FILLER = new Set(['事', '事情', '事儿', '问题', '情况', '业务', '相关', '方面', '这块', '咨询', '了解', '问问']);

/**
 * A message that names only a business shared by several items ("身份证", "你好 我想问身份
 * 证的事", "上户口") asks which of them — first card, renewal, a lost one … — unless the
 * matcher is sure which ("居住证怎么办" is applying for one): otherwise it would answer the
 * item citizens ask about most. Its one telling word (filler like 事 aside) names the
 * business; its items are those whose title, aliases or keywords hold that word (the
 * narrowest reading of it: 居民身份证 rather than 身份证), in ranking order. A word held by
 * more items than a menu can show ("户口") gets the list of everything the bot answers.
 */
function broadTopic(brain: Brain, query: AnalyzedQuery, evidence: Evidence, params: DialogParams): { items: ItemScore[] } | { everything: true } | null {
  const top = evidence.items[0];
  if (query.field || !top || top.p >= params.decision.broad) return null;
  const telling = query.concepts.filter((c) => !TOPIC_FILLER.has(c.source));
  if (telling.length !== 1) return null;
  const names = telling[0]!.alts.filter((a) => a.kind !== 'part').map((a) => brain.index.holders(a.term)).filter((ids) => ids.length > 0);
  if (!names.length) return null;
  const narrowest = new Set(names.reduce((x, y) => (y.length < x.length ? y : x)));
  if (narrowest.size < 2) return null;
  if (narrowest.size > 2 * MAX_OPTIONS) return { everything: true };
  return { items: evidence.items.filter((r) => narrowest.has(r.id)).slice(0, MAX_OPTIONS) };
}

/**
 * Does the item's own text name this word? Another department's document is no sign of
 * leaving a topic that asks for it: "要结婚证原件吗" while moving a wife's 户口, "孩子拿的是
 * 加拿大护照" while registering a child born abroad.
 */
function mentions(item: KnowledgeItem, word: string): boolean {
  let text = itemTexts.get(item);
  if (text === undefined) {
    const fields = textOf(item);
    text = [fields.title, ...fields.aliases, ...fields.bodies].join('\n');
    itemTexts.set(item, text);
  }
  return word.length > 1 && text.includes(word);
}
const itemTexts = new WeakMap<KnowledgeItem, string>();

function sameKind(brain: Brain, topic: KnowledgeItem, id: string): boolean {
  return (brain.items.get(id)?.kind === 'household') === (topic.kind === 'household');
}

/**
 * Does the message name this item's business (its subject words rank it first)? For a
 * disclosure or report item, naming that business at all is enough: "申请政府信息公开要多
 * 久答复" names 政府信息公开, whose subject words rank "how to apply" first, while which
 * of its topics is asked (the deadline) is for the scores to say.
 */
function namesItem(brain: Brain, query: AnalyzedQuery, params: DialogParams, id: string): boolean {
  if (!query.concepts.some((c) => c.alts.some((a) => a.kind !== 'part' && brain.index.isSubject(a.term)))) return false;
  const first = rank({ ...query, fieldConcepts: [] }, brain.index, params.rank)[0]?.id;
  if (first === id) return true;
  const household = (itemId: string | undefined) => !!itemId && brain.items.get(itemId)?.kind === 'household';
  return !!first && !household(id) && !household(first);
}

/**
 * The message names another department's word that this item's own text does not hold, or
 * asks to mend, replace or get that document itself ("那结婚证上我名字打错了咋改" while
 * moving a wife's 户口, whose materials list the 结婚证: the certificate is 民政's business).
 */
function namesForeign(query: AnalyzedQuery, item: KnowledgeItem): boolean {
  return query.concepts.some((c) => c.foreign && (!mentions(item, c.source) || asksDocumentItself(query.text, c.source)));
}

/** Asking to mend or replace a document, or about "that office" (不动产那边), or telling it is
 *  running out ("那驾驶证也快到期了 能在洛阳换不" after the ID card: its own renewal), or whether something on
 *  it must change ("那我结婚证上的地址要不要改" after a move: 民政's, dev AZ). A document
 *  lost or not yet issued is an obstacle in the topic's business ("结婚证找不着了 还能上户口吗"). */
const DOCUMENT_ITSELF = /^[^，。,.!?！？ ]{0,8}(咋改|怎么改|如何改|改一下|要不要改|用不用改|需不需要改|要改吗|得改吗|更正|咋补|怎么补|如何补|补办|咋换|怎么换|那边|到期|过期)/;

/** Replacing the document itself, said right after it ("户口本是不是得回老家补", "户口本咋换"). */
const REPLACES_IT = /^[^，。,.!?！？ ]{0,8}(补|换)/;

function replacesDocument(text: string, document: string): boolean {
  return saidRightAfter(text, document, REPLACES_IT);
}

function asksDocumentItself(text: string, document: string): boolean {
  return saidRightAfter(text, document, DOCUMENT_ITSELF);
}

/** Does `after` match what follows some mention of `word` in the text? */
function saidRightAfter(text: string, word: string, after: RegExp): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (after.test(text.slice(at + word.length))) return true;
  }
  return false;
}

/** A count asked for (多少件, 有几件, 数量, 数据), not a time limit or a fee (多少个工作日, 多少钱). */
const FIGURES = /多少件|几件|几次|有多少(?!天|个?工作日|钱|费)|数量|数据/;

/**
 * The year's figures on a subject, not its rules: "主动公开的信息数量是多少" after questions about
 * 2020's applications, or "被申请行政复议和被告上法庭的数据 能查到吗", is the annual report's item
 * on it, though the matcher leans to the disclosure item on the same subject. A report item
 * among the candidates is taken when the conversation is about the report or the message asks
 * for figures.
 */
function yearFigures(brain: Brain, item: KnowledgeItem, topic: KnowledgeItem | undefined, query: AnalyzedQuery, ranked: readonly ItemScore[], low: number): KnowledgeItem | null {
  // (The item on where the annual reports are is about the reports themselves.)
  if (item.kind !== 'disclosure' || /年度报告/.test(item.title) || !(topic?.kind === 'report' || FIGURES.test(query.text))) return null;
  const report = ranked.find((r) => r.score >= low && brain.items.get(r.id)?.kind === 'report');
  return report ? brain.items.get(report.id) ?? null : null;
}

/** How sure "not ours" must be when the other department's document is one the top item speaks of.
 *  Measured 2026-11-28 on the dev sets: 0.7 and 0.8 one turn more right, none lost; 0.9 lost two look-alikes. */
const OWN_DOCUMENT_NOT_OURS = 0.7;

/**
 * The matcher believes the message is not ours more than it believes in any item. When the
 * message names another department's business (护照, 社保卡, 结婚证 …), less belief is
 * enough: "结婚证上身份证号写错了" is about the marriage certificate.
 */
function notOurs(evidence: Evidence, top: ItemScore | undefined, params: DialogParams, query: AnalyzedQuery, topItem?: KnowledgeItem): boolean {
  // A document the top item itself names is no sign of another department: "已经有美国护照了
  // 还能上户口吗" for a child born abroad.
  const named = topItem ? namesForeign(query, topItem) : query.outOfScope.length > 0 || query.concepts.some((c) => c.foreign);
  // Another department named only as background to our business asked outright, which the
  // matcher believes more than "not ours" ("交警那边早结案了 户口一直没销 现在去销要啥"), is ours.
  const background = named && !!top && namesOurBusiness(query.text) && top.p > evidence.notOurs;
  if (named && !background && evidence.notOurs >= params.decision.notOursForeign) return true;
  // Another department's document the top item itself speaks of ("有美国护照 还能落户吗" and the
  // child born abroad): the matcher's "not ours", learned from passports asked about for
  // themselves, needs to be surer.
  const ownDocument = !!topItem && query.concepts.some((c) => c.foreign) && !named;
  // How to move, register or get one's 户口 or card, asked in so many words with no other
  // department named ("档案在人才中心 怎么迁户口回老家", "三胎了 上户口还有没有啥限制"), is ours
  // unless the matcher is surer.
  const ownBusiness = !!topItem && !named && namesOurBusiness(query.text);
  const bar = ownDocument || ownBusiness ? Math.max(params.decision.notOurs, OWN_DOCUMENT_NOT_OURS) : params.decision.notOurs;
  return evidence.notOurs >= bar && evidence.notOurs > (top?.score ?? 0);
}

/**
 * An answer on the conversation's topic: the section the message asks for, or else the
 * section nearest to it, said to be the nearest ("以派出所告知为准"), or else the item's
 * menu again.
 */
function followUp(brain: Brain, session: Session, topic: KnowledgeItem, query: AnalyzedQuery, evidence: Evidence, params: DialogParams, score: number): Outcome {
  const asked = sectionAsked(topic, query, evidence, params).field;
  // With the query, as a first question is answered: the fact asked (谁来办理) and the office beside
  // the conditions (俺村那个派出所中不中) count in a follow-up too.
  if (asked || topic.kind !== 'household') return answered(brain, session, topic, asked, score, false, query);
  const near = nearestSection(topic, MENU_SECTIONS, query.text);
  const outcome = answered(brain, session, topic, near, score, false, query);
  if (!near) return outcome;
  return { ...outcome, reply: { ...outcome.reply, text: `${outcome.reply.text}\n\n${NEAREST_NOTE}` } };
}

/** Field phrases longer than this many characters are not overridden by the matcher. Measured
 *  2026-11-26: 2 (多久 and 在哪 may be overridden, 住多久 not) was right on 3 more turns of dev C,
 *  2 of dev B and 1 of dev than no limit; 3 gained only 1 on dev C. */
const SPECIFIC_FIELD_PHRASE = 2;

/**
 * The section a question asks for: its field phrase (要什么材料), unless the matcher is
 * sure the fact lives elsewhere ("居住证要住多久才能办" says 多久 but asks a condition); a
 * question without a field phrase gets the section the matcher reads when it is sure.
 */
function sectionAsked(item: KnowledgeItem, query: AnalyzedQuery, evidence: Evidence, params: DialogParams): { field: string | null; howTo: boolean } {
  const { field, fieldOverride } = params.decision;
  const learned = evidence.fieldFor(item.id);
  const usable = item.kind === 'household' && !!learned.label && hasSection(item, learned.label);
  // A short field phrase (多久, 在哪) is often the wrong reading ("住多久才能办" asks a
  // condition); a long one (有效期多久, 住多久), or one naming a fact (替他: who applies), says
  // exactly what is asked.
  const specific = (query.fieldPhrase?.length ?? 0) > SPECIFIC_FIELD_PHRASE || !!query.fact;
  const sure = learned.p >= (query.field ? (specific ? Infinity : fieldOverride) : field);
  const chosen = usable && sure ? learned.label : query.field;
  // Nothing else asked, but how to do it: the steps (and the item's menu with them).
  const howTo = !query.field && item.kind === 'household' && asksHowTo(query.text) && hasSection(item, HOW_TO_SECTION);
  // Nothing else asked, but whether one may or must (户口能迁过来吗): the conditions.
  const whether = !chosen && !howTo && item.kind === 'household' && asksWhether(query.text) && hasSection(item, WHETHER_SECTION);
  return { field: chosen || (howTo ? HOW_TO_SECTION : whether ? WHETHER_SECTION : null), howTo: howTo && (!chosen || chosen === HOW_TO_SECTION) };
}

/** The reply of an intent the matcher chose (its class label). */
function intentByLabel(brain: Brain, label: string): Reply | null {
  const { intents } = brain;
  if (label === LABELS.handoff) return intentReply('redirect', render(brain, intents.handoff.reply));
  if (label === LABELS.complaint) return intentReply('redirect', render(brain, intents.complaint.reply));
  const chat = intents.chat.find((c) => LABELS.chat(c.name) === label);
  if (!chat) return null;
  return intentReply(chat.kind, chat.name === 'help' ? helpText(brain, chat.reply) : render(brain, chat.reply));
}

function answered(
  brain: Brain,
  session: Session,
  item: KnowledgeItem,
  field: string | null,
  score: number,
  weak: boolean,
  query?: AnalyzedQuery,
  /** Asked how to do it: "居住证怎么办理" gets the steps and the item's menu with them, since it
   *  is often a first question and the conditions or materials may be needed next. */
  howTo = false,
): Outcome {
  session.topic = item.id;
  const asked = field && hasSection(item, field) ? field : null;
  const menu = !asked || howTo ? sectionOptions(item) : [];
  const fact = asked && query?.fact && query.field === asked ? query.fact : null;
  // A question asking two sections at once gets both (在这边能补吗, 没有户口本能办吗: companions.ts).
  const also = asked && query ? companionOf(brain, asked, (name) => hasSection(item, name), query.text) : null;
  const text = asked ? sectionText(brain, item, asked, menu, fact, also ? [also] : []) : itemText(brain, item, menu);
  const reply: Reply = { kind: 'answer', text, item: itemRef(item), field: asked, ...(also ? { alsoFields: [also] } : {}), score, options: menu };
  // The item's menu stays live after a section answer, so "3" still picks a section.
  session.options = sectionOptions(item);
  session.pendingField = null;
  return { reply: { ...reply, score: round(score) }, signalKey: weak && query ? signalKey(query, brain.index) : null };
}

function clarify(brain: Brain, session: Session, close: ItemScore[], query: AnalyzedQuery): Outcome {
  const options: ReplyOption[] = close.map((r, i) => ({ n: i + 1, id: r.id, title: brain.items.get(r.id)?.title ?? r.id }));
  session.options = options;
  session.pendingField = query.field;
  return {
    reply: { kind: 'clarify', text: clarifyText(options), item: null, field: query.field, score: round(close[0]?.score ?? 0), options },
    signalKey: null,
  };
}

function answerOption(brain: Brain, session: Session, option: ReplyOption): Reply {
  const [id = '', section] = option.id.split('#');
  const item = brain.items.get(id);
  if (!item) return intentReply('chat', ASK_WHICH_ITEM);
  const field = section ?? session.pendingField;
  return answered(brain, session, item, field, 1, false).reply;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
