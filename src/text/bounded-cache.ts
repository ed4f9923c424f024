/**
 * A bounded cache for pure functions of a text. One message is read several times over (the
 * danger overlay, the ranking, the section, the whole conversation), and each reading cuts
 * its words and takes its features again: the same text, the same answer. When full, the
 * oldest entry goes: a message's readings come close together, so a few dozen entries serve
 * many conversations at once.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  private seen: number;

  /**
   * @param generation what the values also depend on, as a number that changes with it (jieba's
   *   dictionary grows when a reload brings new words: a text's cut then changes); the cache
   *   empties when it moves.
   */
  constructor(
    private readonly capacity: number,
    private readonly generation: () => number = () => 0,
  ) {
    this.seen = generation();
  }

  /** The value for `key`, computed (and kept) the first time. */
  get(key: K, compute: (key: K) => V): V {
    const now = this.generation();
    if (now !== this.seen) {
      this.entries.clear();
      this.seen = now;
    }
    let value = this.entries.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
      this.entries.set(key, value);
    }
    return value;
  }
}
