/**
 * This city and this province as place names are written in messages (洛阳, 河南: without
 * 市 or 省), from offices.yaml's city and province. Both the other-place note
 * (dialog/place.ts: they are not "somewhere else") and the matcher's place features
 * (engine/brain.ts: they are in China) read them here.
 */

/** A place name without its administrative suffix (河南省 → 河南). */
export function placeStem(name: string): string {
  return name.replace(/(省|市|自治区|特别行政区)$/, '');
}

export function homePlaces(city: string | null, province: string | null): string[] {
  return [city, province].filter((x): x is string => !!x).map(placeStem);
}

/**
 * This city's districts and counties (offices.yaml `districts`, a list), as written in messages:
 * the full name (涧西区, 嵩县) and, when two characters or more are left, without 区/县/回族区
 * (涧西, 伊川). "户口在涧西区" is a 户口 here.
 */
export function homeDistricts(listed: string | null): string[] {
  const names = (listed ?? '').split(/[,，、\s]+/).filter(Boolean);
  const stems = names.map((n) => n.replace(/(回族区|区|县)$/, '')).filter((s) => s.length >= 2);
  return [...new Set([...names, ...stems])];
}
