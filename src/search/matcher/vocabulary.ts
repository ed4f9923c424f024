/**
 * The feature vocabulary: feature string → column of the weight matrix. Built from the
 * training messages (features seen fewer than `minCount` times are left out: they would
 * only memorise one phrasing); a feature never seen in training is ignored at query time.
 */
export class Vocabulary {
  private constructor(
    readonly index: ReadonlyMap<string, number>,
    /** Occurrences of each kept feature in the training messages, by column (when built from them). */
    readonly counts?: Uint32Array,
  ) {}

  static build(examples: readonly (readonly string[])[], minCount: number): Vocabulary {
    const counts = new Map<string, number>();
    for (const features of examples) for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
    const kept = [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort();
    return new Vocabulary(new Map(kept.map((f, i) => [f, i])), Uint32Array.from(kept, (f) => counts.get(f) as number));
  }

  /** A vocabulary put back together from its index (a brain handed over from the reload's build worker). */
  static fromIndex(index: ReadonlyMap<string, number>): Vocabulary {
    return new Vocabulary(index);
  }

  static fromList(features: readonly string[]): Vocabulary {
    return new Vocabulary(new Map(features.map((f, i) => [f, i])));
  }

  get size(): number {
    return this.index.size;
  }

  /** Columns of the known features, ascending. */
  ids(features: readonly string[]): Uint32Array {
    const ids: number[] = [];
    for (const f of features) {
      const i = this.index.get(f);
      if (i !== undefined) ids.push(i);
    }
    return Uint32Array.from(ids).sort();
  }

  list(): string[] {
    return [...this.index.keys()];
  }
}
