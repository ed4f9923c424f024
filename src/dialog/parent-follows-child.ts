/**
 * "俺跟着儿子在洛阳过了好几年了 户口能迁过来不": a parent living with a grown child (跟着儿子过)
 * who moves their 户口 joins the child (父母投靠子女); the matcher reads the child's word and the
 * move as a minor joining its parents. The dialect of the elderly says who follows whom with
 * 跟着: the one speaking follows the child. Items found by title.
 */
import { titleSwitch } from './titled.js';

/** The one speaking (or the old couple) follows a child: 俺跟着儿子, 我们老两口跟着闺女; not the child's father (跟着孩子他爸, dev BH). */
const FOLLOWS_CHILD = /(俺|我|咱)(们|俩|老两口|两口子|老伴)?[^，。,.!?！？ ]{0,4}跟着(儿子|闺女|女儿|孩子|儿|娃)(?!他|她|的?(爸|妈|爹|娘|姥|奶|爷))(?![^，。,.!?！？ ]{0,6}(上学|读书|陪读))/;

/** …or joins a married child in so many words (俺想投靠俺闺女): not a spouse's move, though the daughter 嫁 (dev BE). */
const JOINS_CHILD = /(投靠|投奔)(俺|我)?的?(闺女|女儿|儿子|孩子|儿|娃)/;

export const parentFollowsChild = titleSwitch({ from: /未成年子女投靠/, says: FOLLOWS_CHILD, to: /父母投靠子女/ });
export const parentJoinsChild = titleSwitch({ from: /未成年子女投靠|夫妻投靠/, says: JOINS_CHILD, to: /父母投靠子女/ });

/** A grandparent of the child moving in with us: 孩子奶奶想把户口迁来, 姥姥投靠我们. */
const GRANDPARENT = '(姥姥|奶奶|爷爷|姥爷|外婆|外公)';
const GRANDPARENT_MOVES_IN = new RegExp(
  `${GRANDPARENT}(想|要|打算|准备|也)?(把)?(她|他)?的?户口[^，。,.!?！？ ]{0,3}(迁|转|落)(来|过来|进来|到(我|俺|咱))|${GRANDPARENT}(也)?(想|要|打算)?(来)?(投靠|投奔)(我们|俺们|咱们|我|俺)`,
);

export const grandparentMovesIn = titleSwitch({ from: /未成年子女投靠/, says: GRANDPARENT_MOVES_IN, to: /父母投靠子女/ });
