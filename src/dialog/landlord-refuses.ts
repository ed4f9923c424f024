/**
 * "刚来洛阳 租的房子 房东不给登记": a tenant whose landlord will not help with the registration is
 * asking about their own residence registration (居住登记), though the matcher, taught that renting
 * is the housing office's business, reads "not ours" (0.73–0.95). The landlord's own rental
 * registration (房东要去做出租房屋登记) is not this. Item found by title.
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { titledItems } from './titled.js';

const REGISTRATION_TITLE = /^居住登记$/;
/** The landlord refusing (不给, 不让, 不配合 …) the tenant's registration or permit. */
const LANDLORD_REFUSES = /房东[^。!?！？]{0,8}(不给|不让|不肯|不同意|不配合|不愿意|不愿)[^。!?！？]{0,6}(登记|居住证|暂住证|居住登记|报住|登上)/;

/** The residence registration, when the message tells a landlord refusing it; else null. */
export function landlordRefuses(brain: Pick<Brain, 'items'>, text: string): KnowledgeItem | null {
  return LANDLORD_REFUSES.test(text) ? titledItems(brain, REGISTRATION_TITLE)[0] ?? null : null;
}
