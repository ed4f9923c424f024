/**
 * The asking part of a message. Citizens often tell a whole story before their question
 * ("前年那场暴雨把户口本泡烂了。……现在孩子要办入学，学校要户口本复印件。请问户口本损坏了怎么换新
 * 的？需要带哪些材料？"). Another department's business named in a sentence of the story (入学,
 * 医保, 营业执照) is background; out of scope means the question is about another department
 * (issue 12, pattern 3), so it is read in the sentences that ask. A message of one sentence,
 * or one whose every sentence asks, is all asking.
 */
import { sentences } from '../text/sentences.js';

/** What makes a sentence a question: a question mark, a question word or particle. */
const ASKS = /[?]|请问|想问|问一下|问问|吗|呢|怎么|咋|如何|能不能|能否|可不可以|可以不|行不行|中不中|是否|要不要|需不需要|用不用|多少|多久|哪|什么|啥|几/;

export function askingPart(text: string): string {
  const all = sentences(text);
  if (all.length < 2) return text;
  const asking = all.filter((s) => ASKS.test(s));
  return asking.length > 0 && asking.length < all.length ? asking.join('') : text;
}
