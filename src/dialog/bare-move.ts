/**
 * "迁户口收费吗": a move asked with no reason told (no school, marriage, home, job, parents or
 * children) is the general move item (户口迁出, 准迁证, 一站式), not one reason's item the
 * matcher happens to lean to; it used to ask back between a student's move and the general one.
 * Only between items asked back between (told-apart.ts): in a conversation the topic tells the reason.
 * Items found by title.
 */
import { titleSwitch } from './titled.js';

/** The items of one reason for moving. */
const REASON_TITLE = /入学迁入|毕业迁回|购房|投靠|人才引进/;
const MOVE = /迁户口|户口迁移|户口迁|迁移户口/;
/** Any reason or person told: then the reason's item is the matcher's to pick. */
const REASON = /学|校|毕业|应届|考上|录取|结婚|婚|老公|老婆|媳妇|丈夫|妻子|爱人|对象|嫁|娶|买|购|房|人才|就业|工作|上班|单位|公司|父|母|爸|妈|爹|娘|孩|儿|闺女|女|娃|宝宝|投靠|投奔|参军|当兵|部队|退伍|落户|老人|老两口|公婆|随迁|跟着|夫妻|家属|报到证|社保|厂|招|证/;

export const bareMove = titleSwitch({ from: REASON_TITLE, says: MOVE, unless: REASON, to: /户口迁出/ });
