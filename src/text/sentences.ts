/**
 * Sentences of a normalised message. Citizens write whole stories (background, what happened,
 * then the question); the safety overlay and the dialog read such a message sentence by
 * sentence. Normalised text has half-width ！？； (normalize.ts), so these are the end marks.
 */
const END = '。!?;\\n';
const SENTENCE = new RegExp(`[^${END}]+[${END}]*`, 'g');
const BREAK = new RegExp(`[${END}]+`);

/** The sentences, each with its end marks ("请问要带什么？"): joined again, they are the text. */
export function sentences(text: string): string[] {
  return text.match(SENTENCE) ?? [];
}

/** The sentences without their end marks, blank ones left out. */
export function sentenceBodies(text: string): string[] {
  return text.split(BREAK).filter((s) => s.trim());
}
