/**
 * "跟老公离婚了 户口要迁回娘家": moving one's 户口 out after a divorce is a move out of the
 * former spouse's household (户口迁出), not a move to join a spouse; the matcher leans to 夫妻投靠 on
 * 老公. Joining a new spouse (再婚, 现在的老公) stays a spouse's move, and a child's move is
 * the child's (other rules). Items found by title.
 */
import { titleSwitch } from './titled.js';

/** Divorced, and the 户口 moved out, away or back. */
const DIVORCED = /离婚|离了婚|离的婚|离过婚/;
const MOVES_OUT = /迁出|迁走|迁回|迁(到|去)?娘家|从(他|她)家/;
/** A new marriage, or a child whose move it is. */
const NEW_SPOUSE_OR_CHILD = /再婚|再结婚|又结婚|又成家|现在的(老公|丈夫|妻子|老婆|爱人|对象)|新(老公|丈夫|老婆|媳妇)|孩子|娃|儿子|闺女|女儿/;

export const afterDivorce = titleSwitch({ from: /夫妻投靠/, says: [DIVORCED, MOVES_OUT], unless: NEW_SPOUSE_OR_CHILD, to: /户口迁出/ });
