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
