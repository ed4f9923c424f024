/**
 * The emergency overlay: does this message tell of danger that needs 110 now?
 *
 * Decided before and independently of retrieval, in any turn of a conversation, and
 * recall first: a citizen who is being followed and gets a residence-permit answer is a
 * failure we cannot afford; a citizen asking about papers who also sees "call 110" loses
 * little. The cues are data (intents/emergency.yaml), grouped by kind of danger.
 *
 * Three refinements keep false alarms down without costing recall:
 *   - `not` phrases are taken out before matching: 报警回执 is a paper, "110 能查户口吗" is a
 *     question about 110, 火车 and 一刀切 are not fire and knives;
 *   - a danger told as long past (去年, 几年前) is background to a paperwork question, unless
 *     something recent is said too (刚, 昨晚), or its kind is listed as `always` (self-harm);
 *     so is a theft (not a robbery) told only to ask for a new document (身份证被偷了怎么补办)
 *     with nothing recent said: the citizen comes afterwards;
 *   - a death told to ask what follows it (销户, 死亡证明: `after_death`) is background for
 *     every kind, self-harm too: the one it befell is beyond help and the family asks the papers;
 *   - a missing person told as found (`found`: 找回来了, 已经找到, not "又不见了") is over, however
 *     recently it happened; so is any danger the police have handled already (`handled`: 做完笔录),
 *     self-harm aside;
 *   - such a suppressed cue is still reported (`background`), so the answer can carry a
 *     one-line reminder of 110.
 */
import type { EmergencyIntent, Pattern } from '../intents/types.js';
import { matchesAny } from '../intents/match.js';
import { sentenceBodies } from '../text/sentences.js';

export interface Danger {
  /** The kind of danger (violence, missing, fire_gas …), as grouped in the cues file. */
  kind: string;
  /** True when the cue was told as long past: not an emergency, a reminder is enough. */
  background: boolean;
}

/** The message less its `not` phrases (报警回执, 火车, "孩子他爸联系不上"): what danger may be read in. */
export function withoutNotPhrases(text: string, emergency: EmergencyIntent): string {
  let rest = text;
  for (const re of emergency.not) rest = rest.replace(re, ' ');
  return rest;
}

export function detectDanger(text: string, emergency: EmergencyIntent): Danger | null {
  const rest = withoutNotPhrases(text, emergency);
  const found = emergency.cues.find((group) => matchesAny(rest, group.patterns));
  if (!found) return null;
  // A theft told only to ask for a new document ("身份证被偷了怎么补办") is told afterwards.
  const afterwards = emergency.paperworkKinds.has(found.kind) && matchesAny(text, emergency.paperwork) && !matchesAny(text, emergency.paperworkUnless);
  const longAgo = toldAsOver(text, emergency, afterwards) || toldAsOverWhereSaid(text, found.patterns, emergency);
  // A death told to cancel the 户口 ("我哥十年前自杀走了 … 销户") is over, self-harm too.
  if (longAgo && matchesAny(text, emergency.afterDeath)) return { kind: found.kind, background: true };
  // A missing person found again ("走丢了三天 昨天终于找回来了") is over, however recent.
  if (emergency.foundKinds.has(found.kind) && matchesAny(text, emergency.found)) return { kind: found.kind, background: true };
  if (!longAgo || emergency.always.has(found.kind)) return { kind: found.kind, background: false };
  // Long past for this kind: is any kind that is always urgent also present?
  const urgent = emergency.cues.find((group) => emergency.always.has(group.kind) && matchesAny(rest, group.patterns));
  return urgent ? { kind: urgent.kind, background: false } : { kind: found.kind, background: true };
}

/**
 * In a story of several sentences the danger's own sentence says when it was: "去年冬天吵得最凶
 * 的时候动了手，…" is over though another sentence says "经常半夜惊醒" or "一直在家养伤", which
 * for the whole message would be now. (Each sentence where a cue is found must be over.)
 */
function toldAsOverWhereSaid(text: string, patterns: readonly Pattern[], emergency: EmergencyIntent): boolean {
  const sentences = sentenceBodies(text);
  if (sentences.length < 2) return false;
  const saying = sentences.filter((s) => matchesAny(withoutNotPhrases(s, emergency), patterns));
  return saying.length > 0 && saying.every((s) => toldAsOver(s, emergency));
}

/**
 * The message tells its danger as over (去年, 案子结了, 和好了 …, or `afterwards` for another
 * reason) and says nothing recent (刚才, 还在): background, for the cues and the learned reading alike.
 */
export function toldAsOver(text: string, emergency: EmergencyIntent, afterwards = false): boolean {
  // Handled by the police already: over, however recent ("昨天在派出所做完笔录了").
  if (matchesAny(text, emergency.handled)) return true;
  return (afterwards || matchesAny(text, emergency.longAgo) || matchesAny(text, emergency.afterDeath)) && !matchesAny(text, emergency.recent);
}
