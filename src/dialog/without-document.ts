/**
 * "没有户口本能办吗", "出生证丢了 还能上户口不", "报到证找不着了 能迁吗": whether one may do a
 * business without a document asks two facts at once, whether one may (办理条件) and what will
 * do instead (所需材料). The dev writers split 32 to 12 between the two on such questions, and a
 * citizen needs both: the answer holds the section asked for and then the other (as for
 * whether-there.ts).
 */
export const WHETHER_SECTION = '办理条件';
export const MATERIALS_SECTION = '所需材料';

/** A document said to be missing, then whether the business can still be done. */
const WITHOUT_DOCUMENT =
  /(没有|没|不在手|不在身边|丢了|弄丢了|找不到|找不着|不给|拿不回来|拿不到|还没收到|还没拿到)[^，。,.!?！？ ]{0,12}(能办|能不能办|可以办|能补|能换|能上|能迁|能落|行吗|行不行|中不中|可以吗|能行吗|也行吗|咋办|怎么办)/;

/** Whether the message asks if the business may be done without a document. */
export function asksWithoutDocument(text: string): boolean {
  return WITHOUT_DOCUMENT.test(text);
}

/** The section that goes with `field` for such a question, if the item has it; else none. */
export function documentCompanion(field: string | null, hasSection: (name: string) => boolean): string | null {
  const other = field === WHETHER_SECTION ? MATERIALS_SECTION : field === MATERIALS_SECTION ? WHETHER_SECTION : null;
  return other && hasSection(other) ? other : null;
}
