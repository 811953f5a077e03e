/**
 * A `Map` whose entries are made final on demand (parsed when first asked for): every listing of its entries or
 * values completes it first, so a caller that walks it (pdf-lib, its writers) sees an ordinary map. The lazy
 * document's objects (`lazy.ts`) and an object's deferred dictionary values (`object-parser.ts`) are such maps.
 */
export abstract class CompletingMap<K, V> extends Map<K, V> {
  /** Makes every entry present and final; called before any listing. */
  protected abstract complete(): void;

  /** Returns the entries as they are now, without completing them (for `complete` itself). */
  protected currentEntries(): MapIterator<[K, V]> {
    return Map.prototype.entries.call(this) as MapIterator<[K, V]>;
  }

  /** Returns every entry, the map completed first. */
  override entries(): MapIterator<[K, V]> {
    this.complete();
    return super.entries();
  }

  /** Returns every value, the map completed first. */
  override values(): MapIterator<V> {
    this.complete();
    return super.values();
  }

  /** Returns the entries' iterator, the map completed first. */
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /** Calls `fn` for every entry, the map completed first. */
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.complete();
    super.forEach(fn, thisArg);
  }
}
