/**
 * A Map that holds at most `max` entries: setting a key makes it the
 * newest, and a new key beyond `max` pushes out the oldest. The process's
 * small caches (channels' guilds, verified tokens, channel entries just
 * written) are these.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.delete(key) && this.size >= this.max) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}
