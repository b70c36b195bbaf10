/** Server secrets generated once and kept across restarts (JWT key, VAPID keys). */
export interface SecretRepo {
  /**
   * The stored value of `name`; when there is none, stores `make()` and
   * returns it. Concurrent callers all get the first value stored.
   */
  getOrCreate(name: string, make: () => string | Promise<string>): Promise<string>;
}
