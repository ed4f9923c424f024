/**
 * "我跟我老公结婚三年 … 现在已经分居了 我想把户口迁到我自己买的房子里": moving one's 户口 into a
 * home one bought oneself is the purchase (购房落户), whoever else the story names; the matcher
 * leans to the spouse's move on 老公. Moving into the spouse's home ("迁到他买的房子") stays a
 * spouse's move. So is a child's 户口 moved into a home bought for school (买了学区房 孩子户口能迁过来吗,
 * dev BF), unless the child is told to join a parent (我名下, 投靠). Items found by title.
 */
import { titleSwitch } from './titled.js';

/** Into a home bought by the one asking, said outright. */
const INTO_OWN_HOME = /迁(到|进|入|去)[^，。,.!?！？ ]{0,4}(我|俺)?自己(买|购买|名下)的?(房|房子|新房|那套)|迁(到|进|入|去)(我|俺)(自己)?(买|购买)的(房|房子|新房)/;

export const ownHome = titleSwitch({ from: /夫妻投靠/, says: INTO_OWN_HOME, to: /购房/ });

/** A home bought (学区房, 买了房) for the child's 户口… */
const BOUGHT_HOME = /学区房|买了?(套|个)?(新)?(房|房子)/;
/** …nor told to join parents who settled by buying (买房落了户) or have no home (没买房), nor after a divorce. */
const JOINS_PARENT = /名下|投靠|投奔|随(我|俺|他|她|爸|妈)|跟(我|俺|他|她)(落|迁|上)|离婚|离的婚|判给|迁到(我|俺)们?(这|那)|落(了|的)?户|没买|没有买/;

export const childIntoBoughtHome = titleSwitch({ from: /未成年子女投靠/, says: BOUGHT_HOME, unless: JOINS_PARENT, to: /购房/ });
