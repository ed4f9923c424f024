/**
 * The question frame: words that say how a citizen asks, not what for. "咋开", "怎么办",
 * "在哪里办理", "能不能", "请问一下" wrap every demand alike; left in, they would make
 * "护照怎么办" and "驾照怎么办" look half the same. The analyzer already drops the field
 * phrases (intents/fields.yaml) and the stopwords (knowledge/stopwords.txt); these are
 * the frame words left over after it, read off the dev demands (eval/demands.ts).
 */
const FRAME = new Set([
  // how / where / whether
  '怎么', '咋', '怎样', '如何', '怎么弄', '怎么搞', '咋搞', '哪', '哪儿', '哪里', '哪个', '搁哪', '搁', '在哪儿', '啥样',
  '能', '能不能', '可以', '可不可以', '行', '行不行', '中', '不', '没', '有没有', '是不是', '算', '还', '还能',
  // do, get, go, bring
  '办', '办理', '弄', '整', '搞', '开', '去', '来', '拿', '领', '交', '要', '得', '给', '帮', '帮忙',
  '需要', '需不需要', '要不要', '想', '想要', '打算', '准备',
  // asking politely
  '请问', '问', '问问', '问一下', '咨询', '求助', '蹲', '急', '谢谢', '你好', '您好', '一下', '麻烦',
  // vague nouns and pronouns of the frame
  '事', '事儿', '手续', '东西', '一个', '个', '这个', '那个', '什么', '啥', '有', '是', '说', '听说', '知道', '现在', '今年',
]);

export function isFrame(word: string): boolean {
  return FRAME.has(word);
}
