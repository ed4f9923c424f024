/**
 * "我们在洛阳买了房已经落户了 老家的孩子户口怎么迁过来": the parents' own move is done, and what is
 * asked is the child's, joining them (未成年子女投靠父母), though the matcher leans to the reason
 * the parents moved (购房, 人才). Dev writers file it so every time (dev AO, AP, BC, H, U); a home
 * bought and the whole family still to move ("买房了 想把我和孩子户口都迁过来") stays with the
 * purchase. Items found by title.
 */
import { titleSwitch } from './titled.js';

/** The moves that bring the parents themselves here (a home bought, a job), not someone joining a relative. */
const MOVE_TITLE = /购房|人才|就业/;
const CHILD_TITLE = /未成年子女投靠父母/;
/** The parents' 户口 already moved here. */
const PARENTS_SETTLED = /落了户|落户了|已经落户|已落户|户口(已经|早就|上个月)?迁过来了/;
const CHILD = /孩子|娃|孙子|孙女|老大|老二|儿子|闺女|女儿|小孩/;

/** The child's move, when `item` is another move and the message tells the parents settled already; else null. */
export const childAfterParents = titleSwitch({ from: MOVE_TITLE, notFrom: CHILD_TITLE, says: [PARENTS_SETTLED, CHILD], to: CHILD_TITLE });
