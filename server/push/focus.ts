/**
 * Who is looking at the app: clients report focus over the gateway (`focus`
 * op); pushes skip a user with any focused client on any instance.
 *
 * Shared through the store, not the presence sync: each instance keeps a
 * mark per user with a focused socket here, written when the first socket
 * gains focus, removed when the last loses it (or closes), and refreshed
 * while it lasts. A mark expires after {@link FocusOptions.ttlMs} unless
 * refreshed, so an instance that dies stops suppressing pushes soon after.
 * This costs one store write per focus change and per focused user per
 * refresh, and keeps the gateway's presence protocol untouched.
 */
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { FocusRepo } from "../store/port.ts";

/** What {@link FocusBoard} needs. */
export interface FocusOptions {
  store: FocusRepo;
  clock: Clock;
  log: Logger;
  /** This instance: names its marks. */
  instanceId: string;
  /** How long a mark lasts without a refresh (90 s). */
  ttlMs?: number;
  /** How often marks of focused users are refreshed (30 s). */
  refreshMs?: number;
}

/** Focus of this instance's sockets, and the shared view across instances. */
export class FocusBoard {
  /** Focused gateway sessions per user, on this instance. */
  #local = new Map<string, Set<string>>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #ttlMs: number;
  #refreshMs: number;
  /** Store writes in order, so a quick focus then blur never ends marked. */
  #writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: FocusOptions) {
    this.#ttlMs = options.ttlMs ?? 90_000;
    this.#refreshMs = options.refreshMs ?? 30_000;
  }

  /**
   * Records a session's focus (the gateway calls this for the `focus` op,
   * and with `false` when the session's socket goes away). Returns once
   * the shared mark is written.
   */
  async set(userId: string, sessionId: string, focused: boolean): Promise<void> {
    const sessions = this.#local.get(userId) ?? new Set<string>();
    const before = sessions.size;
    if (focused) sessions.add(sessionId);
    else sessions.delete(sessionId);
    if (sessions.size > 0) this.#local.set(userId, sessions);
    else this.#local.delete(userId);
    if (before === 0 && sessions.size > 0) await this.#write(() => this.#mark(userId));
    else if (before > 0 && sessions.size === 0) await this.#write(() => this.#unmark(userId));
  }

  /** Whether the user has a focused client on this or any other instance. */
  async hasFocusedClient(userId: string): Promise<boolean> {
    if (this.#local.has(userId)) return true;
    const now = new Date(this.options.clock.now()).toISOString();
    return await this.options.store.anyFocused(userId, now);
  }

  /** Starts refreshing this instance's marks; idempotent. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      for (const userId of this.#local.keys()) void this.#write(() => this.#mark(userId));
    }, this.#refreshMs);
    Deno.unrefTimer(this.#timer);
  }

  /** Stops refreshing and removes this instance's marks. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    const users = [...this.#local.keys()];
    this.#local.clear();
    await Promise.all(users.map((u) => this.#write(() => this.#unmark(u))));
  }

  #write(op: () => Promise<void>): Promise<void> {
    this.#writes = this.#writes.then(op);
    return this.#writes;
  }

  async #mark(userId: string): Promise<void> {
    const until = new Date(this.options.clock.now() + this.#ttlMs).toISOString();
    try {
      await this.options.store.set(userId, this.options.instanceId, until);
    } catch (e) {
      this.options.log.warn("could not record focus", { userId, error: String(e) });
    }
  }

  async #unmark(userId: string): Promise<void> {
    try {
      await this.options.store.clear(userId, this.options.instanceId);
    } catch (e) {
      this.options.log.warn("could not clear focus", { userId, error: String(e) });
    }
  }
}
