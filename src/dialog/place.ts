/**
 * Another place's rules: "郑州买房能落户吗", "在北京能办居住证吗". The answer the
 * knowledge gives is the national rule and this city's practice; a citizen asking about
 * somewhere else is told first that local rules differ and whom to ask there.
 *
 * A place counts only when what follows it within a few characters asks about its rules
 * (落户, 政策, 能办 …), and only when this city is not named too ("我是郑州的 在洛阳能办
 * 吗" asks about here). This city and this province are not "somewhere else".
 */
import { homePlaces, placeStem } from '../intents/home.js';
import type { OtherPlace } from '../intents/types.js';

/** Characters after a place name in which an "asks" word must start. */
const WINDOW = 4;

export function otherPlace(text: string, config: OtherPlace, city: string | null, province: string | null): string | null {
  const home = homePlaces(city, province);
  if (home.some((h) => h && text.includes(h))) return null;
  for (const place of config.places) {
    if (home.includes(placeStem(place))) continue;
    let at = text.indexOf(place);
    while (at >= 0) {
      const after = text.slice(at + place.length, at + place.length + WINDOW + 4);
      if (config.asks.some((a) => after.indexOf(a) >= 0 && after.indexOf(a) <= WINDOW)) return place;
      at = text.indexOf(place, at + 1);
    }
  }
  return null;
}
