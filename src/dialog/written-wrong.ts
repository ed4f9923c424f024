/**
 * "俺家户口部上俺孙子写成女哩了": an entry written wrong on a 户口簿 or a card is the correction of
 * that entry (性别, 姓名, 出生日期, 民族, 公民身份号码), not replacing the book or the card; the
 * matcher leans to the document it names (户口部 outweighed 写成女). Items found by title.
 */
import { titleSwitch } from './titled.js';

/** The documents whose items the matcher reads in such a message. */
const DOCUMENT_TITLE = /户口簿补领换领|居民身份证/;
const CORRECTION_TITLE = /更正|变更/;
/** Written wrong, said outright (错了 alone is too loose: "我是不是走错了"). */
const WRITTEN_WRONG = /写错|登记错|弄错|打错|录错|填错|写成(男|女)|登记成(男|女)|(写|登记|弄|打)成了?(男|女)/;

/** Each entry's words, and the title of its correction. */
const ENTRIES: readonly { says: RegExp; to: RegExp }[] = [
  { says: /性别|(写|登记|弄|打)成了?(男|女)/, to: /性别变更/ },
  { says: /名字|姓名/, to: /姓名变更/ },
  { says: /生日|出生日期|出生年月|出生时间|年龄/, to: /出生日期更正/ },
  { says: /民族/, to: /民族成份/ },
  { says: /身份证号|身份号码|证号|号码/, to: /公民身份号码更正/ },
];

/** One look-alike switch per entry, in order: the correction of the entry the message says was
 *  written wrong on the book or card the item is about (told-apart.ts tries them in turn). */
export const writtenWrongRules = ENTRIES.map(({ says, to }) => titleSwitch({ from: DOCUMENT_TITLE, notFrom: CORRECTION_TITLE, says: [WRITTEN_WRONG, says], to }));
