/**
 * "补个居住证要几天", "到期以后咋续" (after applying for one): replacing a lost residence permit,
 * renewing or endorsing one is the renewal item (签注与换领补领), though the matcher leans to
 * the application when the message says little else. Items found by title.
 */
import { titleSwitch } from './titled.js';

const APPLY_TITLE = /居住证申领/;
const RENEW_TITLE = /居住证签注/;
const RENEWING = /[补换](个|办|领|一个|张|一张)?居住证|居住证[^，。,.!?！？ ]{0,4}(丢|补|换|到期|过期|续)|续签|签注|(到期|过期)(以后|之后|了)?[^，。,.!?！？ ]{0,4}(咋|怎么|如何)?(续|签|换)/;

/** The renewal item, when `item` is the residence permit's application and the message replaces or renews one; else null. */
export const permitRenewal = titleSwitch({ from: APPLY_TITLE, says: RENEWING, to: RENEW_TITLE });
