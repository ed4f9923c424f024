/**
 * "hkb丢了 户口在老家河北 人在洛阳 在这边能补不": a 户口簿 lost or spoiled by someone living away
 * from home is the 户口簿's replacement (done where the 户口 is), not the ID card's cross-province
 * service, though 户口在老家 … 人在洛阳 … 能补不 leads the matcher there (dev BU, BY). Only when
 * the message names the book gone or spoiled, and no card. Items found by title.
 */
import { titleSwitch } from './titled.js';

const CARD_AWAY_TITLE = /居民身份证异地/;
const BOOK_TITLE = /户口簿补领换领/;
/** The book named, in the forms citizens type it (户口薄, 户口部: voice slips; hkb). */
const BOOK = /户口本|户口簿|户口薄|户口部|户口册|hkb/;
/** …lost or spoiled (a book only mentioned, "我户口本也在老家", is a material of the card's business). */
const BOOK_GONE = /丢|掉了|没了|找不到|找不着|坏|烂|泡|撕|补|换/;
/** A card named as well: then it may be the card asked about. */
const CARD = /身份证|身份正|sfz|证件/;

/** The book's replacement, when `item` is the card's cross-province service and the message names the book and no card; else null. */
export const bookNotCard = titleSwitch({ from: CARD_AWAY_TITLE, says: [BOOK, BOOK_GONE], unless: CARD, to: BOOK_TITLE });
