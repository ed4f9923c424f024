/**
 * "我们没领证 娃能上户口吗": a child born to parents who never married is registered at birth like
 * any other (新生儿出生登记 holds 非婚生育 and its 亲子鉴定); the matcher leans to registering a
 * person without a 户口 (无户口人员). A child told as grown, or years without a 户口, stays there (dev BF).
 * Items found by title.
 */
import { titleSwitch } from './titled.js';

/** Parents not married: 没领证, 没扯证, 未婚, 非婚. */
const UNMARRIED = /没(有)?(领|扯|办)(结婚)?证|未婚|非婚/;
/** A baby or a child just born, and nothing that tells years without a 户口. */
const BABY = /娃|宝宝|孩子|孩儿|小孩|闺女|儿子|女儿|新生儿/;
const GROWN_OR_YEARS = /黑户|[0-9一二三四五六七八九十两]+(岁|年)|多年|一直没|上学|读书/;

export const unmarriedBirth = titleSwitch({ from: /无户口人员/, says: [UNMARRIED, BABY], unless: GROWN_OR_YEARS, to: /新生儿出生登记/ });
