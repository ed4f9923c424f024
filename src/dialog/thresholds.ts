/**
 * When to answer, ask back, or admit not knowing. Chosen by `npm run eval:tune` on the
 * citizens' phrasings (five folds, each answered by a matcher that never saw it) and the
 * dev set — never on a blind set; eval/REPORT.md shows the curve of `low`.
 */
export interface DecisionParams {
  /** At or above: answer outright. */
  answer: number;
  /** Below: fall back (and record a demand signal). Between `low` and `answer`: answer, but
   *  record it as a low-confidence demand signal. */
  low: number;
  /** Two candidates closer than this (and both at least `low`): ask which one. The tuner
   *  prefers 0 (its judge never rewards asking back); 0.03 is kept so that two items that
   *  truly tie are asked about rather than guessed (one dev question's cost). */
  margin: number;
  /** Weight of the learned matcher's probability in an item's score (the rest: lunr's ranking). */
  mix: number;
  /** The matcher's "not ours" at least this, and above the best item's score: fall back. */
  notOurs: number;
  /** … or at least this when the message names another department's business (护照, 社保卡). */
  notOursForeign: number;
  /** An intent (small talk, a person, a complaint) the matcher is this sure of, above every item: answer it. */
  intent: number;
  /** The matcher's section, when the message has no field phrase, at least this sure: answer that section. */
  field: number;
  /** The matcher's section overrides a short field phrase (多久, 在哪) when at least this sure
   *  ("多久才能办" is a condition); a longer phrase (住多久, 有效期多久) is never overridden. */
  fieldOverride: number;
  /** In a conversation, another item takes over from the topic only when the matcher is this sure of
   *  it. The tuner is indifferent from 0.5 to 0.9 (the dev set's conversations do not tell them
   *  apart); 0.8, because switching topic takes strong evidence ("户口要销吗" after "我爸去世了"
   *  is still about the death, though the matcher gives 出国定居注销 0.5). */
  switch: number;
  /** The matcher's P(emergency) at least this: the overlay treats the message as an emergency. */
  emergency: number;
  /** … at least this when the message asks for one section of a business (在哪换, 能办吗, 要带啥)
   *  and no danger cue is in it. Measured 2026-11-26 on the citizens' phrasings in five folds
   *  (cues missed, a section asked): at 0.6 the one such emergency is still caught (P 1.0) and
   *  false alarms fall from 9 to 2 of 3,374; on the dev sets every emergency only the matcher
   *  catches has P ≥ 0.82, the false alarms 0.31–0.53. */
  emergencyAsked: number;
  /** A message of several sentences is also read sentence by sentence: one sentence at least
   *  this sure of danger, told as now, makes it an emergency (a danger in the middle of a long
   *  story about papers, which the whole message's reading dilutes). See `storyDanger`. */
  emergencySentence: number;
  /** A message naming only a business several items share ("身份证") asks which, unless the
   *  matcher is at least this sure of one ("居住证怎么办"). A product choice, like `margin`:
   *  the tuner's judge never rewards asking back. */
  broad: number;
}

/**
 * Retuned 2026-11-26 evening, after 432 more look-alike negatives and 251 more
 * not-emergency phrasings: the tuner moved `mix` 0.5 → 0.65, `notOurs` 0.7 → 0.4,
 * `notOursForeign` 0.2 → 0.15 and `intent` 0.5 → 0.4 (folds 84.1% → 85.0%, dev 97.7% → 97.9%);
 * dev set B (written blind, studied) went 92.2% → 92.8% and hard negatives 87.1% → 88.8%
 * refused. Its `switch` 0.5 and `low` 0.2 were not taken: it is indifferent to both on its
 * evidence, and `switch` stays the product choice explained above.
 *
 * Before that, the tuner's choice (2026-11-26, after the third round of phrasings, 346 more
 * look-alike negatives and the role features), except `margin` (the tuner prefers 0).
 * `notOursForeign` was held at 0.3 for a while, for fear that a lower value would refuse 户籍
 * questions that merely mention 学校, 社保 or 房产证 (issue 12, pattern 3); at the tuner's 0.2
 * those tests still pass and the dev set is unchanged, while 1.6% more hard negatives are refused.
 */
export const DEFAULT_DECISION: DecisionParams = {
  answer: 0.3,
  low: 0.25,
  margin: 0.03,
  mix: 0.65,
  notOurs: 0.4,
  notOursForeign: 0.15,
  intent: 0.4,
  field: 0.2,
  fieldOverride: 0.8,
  switch: 0.8,
  emergency: 0.24,
  emergencyAsked: 0.6,
  emergencySentence: 0.9,
  broad: 0.8,
};
