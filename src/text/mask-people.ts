/**
 * Names and home addresses, found by the words citizens put before them ("我叫…",
 * "孩子叫…", "姓名：…", "住在…", "家住…", "地址是…") and by the shape of an address
 * ("…小区3号楼2单元501", "…路128号").
 *
 * These are heuristics, not recognition: a name nobody introduces ("张伟的身份证丢了") is
 * not found, and a cue can hide a word that was no name ("我是江苏的"). We err towards
 * hiding; SECURITY.md lists the limits.
 */

const COMPOUND_SURNAMES =
  '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|轩辕|端木|独孤|南宫|西门|百里|呼延|闻人|澹台|公冶|宗政|濮阳|太史|申屠|钟离|万俟';
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'.replace(/\s/g, ''),
  ),
);

/** Characters that end a name: particles, verbs and nouns that follow one in a sentence. */
const NAME_STOP = new Set(Array.from('的地得想要在是跟与及或今现住家从来去到身户手电请问吗呢吧啊呀了过我你他她它们也都就还又再已能会该需办补咨这那没不被把给让对因所但而说打上下年岁昨前后时等于以自，,。.！!？?；;：:、 '));
/** Words after 我是 that are roles or origins, not names. */
const NOT_NAMES = /^(?:高中生?|高[一二三]|高龄|高校|党员|孙子|孙女|外孙女?|江湖|金融|房东|房客|业主|乐清|明星|华侨|常住|温州|江苏|江西|黄山|海南|海外|海归|包头|商户|安阳|安徽|焦作|章丘|冷门|白领|蓝领|关系|单身|单亲|单位|车主|司机|宁波|齐齐哈尔|成都|武汉|武警|易地|申请|强制|国内|国外|国企|云南|时间)/;
/** A question, not a name: 叫什么, 名字是啥. */
const QUESTION = /^(?:什么|啥|谁|哪|怎|多少|几)/;

const RELATIVES =
  '我|本人|他|她|孩子|小孩|儿子|女儿|闺女|老婆|老公|爱人|妻子|丈夫|媳妇|父亲|母亲|爸爸|妈妈|老爸|老妈|爸|妈|爷爷|奶奶|外公|外婆|姥姥|姥爷|哥哥|姐姐|弟弟|妹妹|哥|姐|弟|妹|宝宝|孙子|孙女|老人|朋友|同事|邻居|对方';
const ROLES = '申请人|当事人|联系人|户主|收件人|委托人|监护人|法定代理人|被申请人';
// Cues after which the next words are a name, whatever they are.
const STRONG_CUE = new RegExp(
  String.raw`(?:(?:${RELATIVES})(?:的)?(?:名字)?(?:叫做|名叫|叫)|名叫|叫做|(?:我的|本人|他的|她的|孩子的)?(?:名字|姓名)(?:是|叫|为|:)|(?:${ROLES})(?:姓名)?(?:是|为|:)|(?:我|本人|免贵)姓[\p{Script=Han}]{1,2}[,，\s]*(?:名叫|叫))\s*`,
  'gu',
);
// Cues after which a name is assumed if it starts with a surname (户主胡志强, but not 姓名写错了).
const ROLE_CUE = new RegExp(String.raw`(?:(?:本人)?姓名|(?:${ROLES})(?:姓名)?)\s*`, 'gu');
// Cues after which a name is assumed only if it starts with a surname and ends cleanly.
const WEAK_CUE = /(?:我是|我就是|本人是|本人|我系|这里是)\s*/gu;
const SURNAME_CUE = new RegExp(String.raw`((?:我|本人|免贵|我们家)姓\s*)(?!名)(?:${COMPOUND_SURNAMES}|[\p{Script=Han}])`, 'gu');
const COMPOUND = new RegExp(`^(?:${COMPOUND_SURNAMES})`, 'u');

const HAN_NAME = /^[\p{Script=Han}·•]+/u;

function startsWithSurname(name: string): boolean {
  return COMPOUND.test(name) || SURNAMES.has(name.charAt(0));
}

type Cue = 'strong' | 'role' | 'weak';

/** The name at the start of `rest`, cut where the sentence goes on; '' when there is none. */
function nameAt(rest: string, cue: Cue): string {
  const run = HAN_NAME.exec(rest)?.[0] ?? '';
  if (!run || QUESTION.test(run)) return '';
  if (/[·•]/.test(run)) return run.slice(0, 20); // 阿依古丽·买买提: minority names run long
  const compound = COMPOUND.exec(run)?.[0] ?? '';
  let name = compound;
  for (const ch of Array.from(run).slice(compound.length)) {
    if (NAME_STOP.has(ch)) break;
    name += ch;
  }
  const chars = Array.from(name);
  const max = compound ? 4 : 3;
  if (chars.length < 2) return '';
  // 叫 is also the passive in speech: 儿子叫关进去了, 孙子叫狗咬了 — what follows is an event.
  if (/^[了去走着过]/u.test(run.slice(name.length))) return '';
  if (cue === 'strong') return chars.slice(0, max).join('');
  if (!startsWithSurname(name) || NOT_NAMES.test(name)) return '';
  if (cue === 'role') return chars.slice(0, max).join('');
  // After 我是 / 本人: two or three characters in all, and the sentence moves on after them.
  if (chars.length > max || /[人生员户族籍民]$/.test(name)) return ''; // 江苏人, 高中生, 党员
  return name;
}

function maskAfterCues(text: string, cue: RegExp, strength: Cue, mask: string): string {
  let out = '';
  let last = 0;
  cue.lastIndex = 0;
  for (let m = cue.exec(text); m; m = cue.exec(text)) {
    const at = m.index + m[0].length;
    if (m[0].length === 0) {
      cue.lastIndex++;
      continue;
    }
    const name = nameAt(text.slice(at, at + 40), strength);
    if (!name) continue;
    out += text.slice(last, at) + mask;
    last = at + name.length;
    cue.lastIndex = last;
  }
  return out + text.slice(last);
}

export function maskNames(text: string, mask: string): string {
  let out = maskAfterCues(text, STRONG_CUE, 'strong', mask);
  out = maskAfterCues(out, ROLE_CUE, 'role', mask);
  out = maskAfterCues(out, WEAK_CUE, 'weak', mask);
  return out.replace(SURNAME_CUE, (_all, cue: string) => cue + mask);
}

// Addresses ---------------------------------------------------------------------------

/** Cues after which the rest of the clause is where someone lives. */
const ADDRESS_CUE = new RegExp(
  String.raw`(?:(?:我|本人|我们|他|她|孩子|老人|父母|家里?)?(?:现在|目前|现)?(?:就)?(?:住在|住于|居住在|居住于|暂住在|租住在)|(?:我|本人|我们|他|她|孩子|老人|父母)(?:现在|目前|现)?(?:就)?住(?![址房院宅])|家住在?|(?:现|目前)(?:居住|住)(?:在|于)?(?![址房院宅])|(?:我|我们|他|她)?(?:家|家里|老家)(?:就)?在|(?:我的|我家的?|家庭|居住|现|户籍|通讯|联系|邮寄|收件|送货|详细|本人)(?:住址|地址)(?:是|为|在|:)?|(?:住址|地址)(?:是|为|:)|(?:邮)?寄到|送到)\s*`,
  'gu',
);
/** Where an address clause ends: the question or the story goes on. */
const ADDRESS_END =
  /能|可以|可不可以|想|要|怎么|如何|需要|办理|办|的话|去|找|该|应该|吗|呢|但|可|孩子|请问|谢谢|派出所|电话|手机|身份证|户口|户籍|楼上|楼下|附近|旁边|周边|有人|天天|每天|经常|已经|现在|一直|属于|归|离/;
/** Places that are no one's address: 外地, 老家, 这边. */
const GENERIC_PLACE =
  /^(?:外地|本地|老家|农村|乡下|城里|市里|市区|县城|县里|郊区|省外|市外|外省|外市|本市|本省|本县|本区|这里|那里|这边|那边|当地|国外|境外|省内|市内|辖区|一起|宿舍|单位|学校|医院|亲戚家|朋友家|家里|家|别处|别的地方|的?地方)$/;

function addressAt(rest: string): string {
  const clause = /^[^\s,，。;；!！?？\n]{1,50}/u.exec(rest)?.[0] ?? '';
  const end = ADDRESS_END.exec(clause);
  const address = (end ? clause.slice(0, end.index) : clause).replace(/[的了在]+$/u, '');
  // 我住的小区…: the place someone lives, not where it is.
  if (Array.from(address).length < 2 || address.startsWith('的') || QUESTION.test(address) || GENERIC_PLACE.test(address)) return '';
  return address;
}

const NUM = String.raw`(?:\d+|[一二三四五六七八九十百千零〇两]+)`;
/** A place name: up to 12 characters, none of them a word that ends the name. */
const PLACE_CHAR = String.raw`(?:(?![我你他她在是的住到去从和向往来了过把被给问想要能和，,。])[\p{Script=Han}A-Za-z0-9])`;
const PLACE_SUFFIX = '小区|花园|家园|公寓|大厦|新村|新城|社区|村|苑|园|庭|府|城|里|大街|大道|路|街|巷|胡同|弄|组|院';
// Numbered parts: "3号楼2单元501", "128号", "三组45号" (the first says what it numbers).
const NUMBERED = new RegExp(
  String.raw`(?:[A-Za-z]区\s*)?${NUM}\s*(?:号楼|号院|号|栋|幢|座|弄|组|巷|排)(?:\s*[-#]?\s*${NUM}\s*(?:号楼|号院|栋|幢|座|单元|室|层|楼|户|号|组)?)*`,
  'gu',
);
/** The named place right before numbered parts: "阳光花园小区", "建设路", "红旗村". */
const PLACE_BEFORE = new RegExp(String.raw`${PLACE_CHAR}{1,12}?(?:${PLACE_SUFFIX})\s*$`, 'u');
// "3号楼2单元501室", "7栋702" without a place: a building, then a unit or a room number
// (not a floor: 政务服务中心3号楼2楼 is an office).
const UNIT_ADDRESS = new RegExp(
  String.raw`^${NUM}\s*(?:号楼|栋|幢|座)\s*(?:${NUM}\s*(?:单元|室|号|户)|\d{3,4}(?!\d)(?:室|号)?)`,
  'u',
);

export function maskAddresses(text: string, mask: string): string {
  return maskNumberedPlaces(maskAfterAddressCues(text, mask), mask);
}

/** "…小区3号楼2单元501", "…路128号": numbered parts after a named place, or a building and a unit. */
function maskNumberedPlaces(text: string, mask: string): string {
  let out = '';
  let last = 0;
  NUMBERED.lastIndex = 0;
  for (let m = NUMBERED.exec(text); m; m = NUMBERED.exec(text)) {
    const place = PLACE_BEFORE.exec(text.slice(Math.max(last, m.index - 16), m.index))?.[0] ?? '';
    if (!place && !UNIT_ADDRESS.test(m[0])) continue;
    out += text.slice(last, m.index - place.length) + mask;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

function maskAfterAddressCues(text: string, mask: string): string {
  let out = '';
  let last = 0;
  ADDRESS_CUE.lastIndex = 0;
  for (let m = ADDRESS_CUE.exec(text); m; m = ADDRESS_CUE.exec(text)) {
    const at = m.index + m[0].length;
    const address = addressAt(text.slice(at, at + 60));
    if (!address) continue;
    out += text.slice(last, at) + mask;
    last = at + address.length;
    ADDRESS_CUE.lastIndex = last;
  }
  return out + text.slice(last);
}
