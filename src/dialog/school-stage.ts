/**
 * A move told by where one stands with a school: graduating leaves it, starting a job is no
 * enrolment. "考上大学了 户口迁不迁好纠结 … 那毕业以后呢 能迁回来吗" turns from enrolling to
 * moving back after graduation (毕业迁回); "我们学校新入职了几个博士 户口要落到学校集体户" is staff
 * hired (人才引进和就业落户), though the 户口 goes to the school's collective household (dev BF); so
 * are graduates an employer tells of hiring ("我们学校招了几个外省毕业生当老师，他们户口能落到学校集体户吗",
 * dev BN), which the matcher reads as the graduates' own move back. Items found by title.
 */
import { titleSwitch } from './titled.js';

/** After graduating, moving back or away: 毕业以后能迁回来吗, 毕业了户口迁到工作的地方. */
const GRADUATED = /毕业(以后|之后|后|了|那会儿?|的时候)/;
const MOVES_BACK = /迁回|转回|落回|回(来|去|老家|原籍|户籍地)|迁(到|往|去)[^，。,.!?！？ ]{0,6}(工作|就业|单位|公司)/;

/** Hired, not enrolled: 新入职, 新招的博士, 新进的老师. */
const HIRED = /入职|新进的?(员工|职工|老师|教师|博士|硕士)|(招聘|招进|招了|引进)[^，。,.!?！？ ]{0,6}(博士|硕士|员工|人才|老师|教师)/;
const ENROLLED = /考上|录取|入学|新生|上大学|读研|读博|报到证/;

export const graduateAfterEnrol = titleSwitch({ from: /入学迁入/, says: [GRADUATED, MOVES_BACK], to: /毕业迁回/ });
export const hiredNotEnrolled = titleSwitch({ from: /入学迁入/, says: HIRED, unless: ENROLLED, to: /人才引进/ });

/** The employer speaking: 我们学校招了…, 单位新招的…. */
const EMPLOYER_HIRED = /(我们|我司|本单位|单位|学校|公司|厂里)[^，。,.!?！？ ]{0,4}(新)?(招聘|招进|招了|引进|聘了|录用)[^，。,.!?！？]{0,12}(毕业生|博士|硕士|员工|人才|老师|教师)/;
export const hiredByEmployer = titleSwitch({ from: /毕业迁回/, says: EMPLOYER_HIRED, to: /人才引进/ });
