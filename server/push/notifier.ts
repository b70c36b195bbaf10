/**
 * Decides who gets a push, from the bus: DMs, mentions, replies and
 * `@everyone` (MESSAGE_CREATE), and friend requests (RELATIONSHIP_ADD of
 * type `incoming`). Only events published by this instance count, so with
 * several instances each event is pushed once. Never the author, never a
 * user with a focused client, never into a muted server or channel; the
 * work runs after the send returned and ends in durable jobs.
 */
import type { Logger } from "../log.ts";
import type { Bus, BusEvent } from "../realtime/bus.ts";
import type { ChannelRecord, Store } from "../store/port.ts";
import type { Locale, Message, Relationship } from "../wire/types.ts";
import type { PushDelivery } from "./delivery.ts";
import {
  friendRequestNotification,
  messageNotification,
  type PushNotification,
  type Reason,
} from "./payload.ts";

/** What {@link PushNotifier} needs. */
export interface NotifierDeps {
  store: Store;
  bus: Bus;
  log: Logger;
  delivery: PushDelivery;
  /** Whether the user looks at the app on some device right now. */
  hasFocusedClient(userId: string): Promise<boolean>;
  /** Whether the user may view the channel (a push must not leak a private channel). */
  canView(userId: string, channelId: string): Promise<boolean>;
}

/** Recipients handled at once for one event (an `@everyone` in a big server). */
const CONCURRENCY = 16;

/** Whether this instance published the event (others' events carry their `origin`). */
function isLocal(event: BusEvent): boolean {
  return event.origin === undefined;
}

/** Turns bus events into push jobs. */
export class PushNotifier {
  #unsubscribe: (() => void) | null = null;
  #inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: NotifierDeps) {}

  /** Subscribes to the bus; idempotent. */
  start(): void {
    this.#unsubscribe ??= this.deps.bus.subscribe((event) => this.#onEvent(event));
  }

  /** Unsubscribes and waits for decisions under way. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.settle();
  }

  /** Resolves when every event seen so far has been decided (its jobs enqueued). */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  #onEvent(event: BusEvent): void {
    if (!isLocal(event)) return;
    let work: Promise<void> | null = null;
    if (event.t === "MESSAGE_CREATE") work = this.#onMessage(event.d as Message);
    else if (event.t === "RELATIONSHIP_ADD" && "userIds" in event.to) {
      const relationship = event.d as Relationship;
      const [userId] = event.to.userIds;
      if (relationship.type === "incoming" && userId) {
        work = this.#notify(
          userId,
          "friend_request",
          null,
          relationship.user.id,
          (locale) => friendRequestNotification(relationship.user, locale),
        );
      }
    }
    if (!work) return;
    const tracked = work.catch((e) =>
      this.deps.log.error("push notification failed", { t: event.t, error: String(e) })
    ).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  async #onMessage(message: Message): Promise<void> {
    const { store } = this.deps;
    // A guild message that mentions nobody and answers nobody notifies no one:
    // most messages end here without a read.
    const addressed = message.mentionEveryone || message.replyTo || message.mentions.length > 0;
    if (message.guildId && !addressed) return;
    const channel = await store.channels.get(message.channelId);
    if (!channel) return;
    const reasons = await this.#recipients(message, channel);
    reasons.delete(message.author.id);
    if (reasons.size === 0) return;
    const guild = channel.guildId ? await store.guilds.get(channel.guildId) : null;
    const where = { guildName: guild?.name ?? null, channelName: channel.name };
    const entries = [...reasons];
    for (let i = 0; i < entries.length; i += CONCURRENCY) {
      await Promise.all(
        entries.slice(i, i + CONCURRENCY).map(([userId, reason]) =>
          this.#notify(
            userId,
            reason,
            channel,
            message.author.id,
            (locale) => messageNotification(message, where, locale),
          )
        ),
      );
    }
  }

  /** Who hears of the message, and why (a direct reason wins over `@everyone`). */
  async #recipients(message: Message, channel: ChannelRecord): Promise<Map<string, Reason>> {
    const reasons = new Map<string, Reason>();
    if (channel.guildId === null) {
      for (const id of channel.recipientIds) reasons.set(id, "dm");
      return reasons;
    }
    const { store } = this.deps;
    if (message.mentionEveryone) {
      for (const id of await store.members.listUserIds(channel.guildId)) {
        reasons.set(id, "everyone");
      }
    }
    const repliedTo = message.replyTo?.author.id;
    if (repliedTo && await store.members.get(channel.guildId, repliedTo)) {
      reasons.set(repliedTo, "reply");
    }
    for (const id of message.mentions) reasons.set(id, "mention");
    return reasons;
  }

  async #notify(
    userId: string,
    reason: Reason,
    channel: ChannelRecord | null,
    fromId: string,
    build: (locale: Locale) => PushNotification,
  ): Promise<void> {
    const { store, log } = this.deps;
    // Cheapest test first: most users of a big server have no device subscribed.
    const subs = await store.pushSubscriptions.listByUser(userId);
    if (subs.length === 0) return;
    if (channel?.guildId && !await this.deps.canView(userId, channel.id)) {
      log.debug("push skipped", { userId, reason, skip: "cannot view", channelId: channel.id });
      return;
    }
    const skip = await this.#skipReason(userId, reason, channel, fromId);
    if (skip) {
      log.debug("push skipped", { userId, reason, skip, channelId: channel?.id });
      return;
    }
    const user = await store.users.get(userId);
    if (!user) return;
    const notification = build(user.locale);
    await Promise.all(subs.map((sub) => this.deps.delivery.enqueue(sub, notification)));
  }

  async #skipReason(
    userId: string,
    reason: Reason,
    channel: ChannelRecord | null,
    fromId: string,
  ): Promise<string | null> {
    const { store } = this.deps;
    if (channel) {
      const settings = await store.notificationSettings.get(userId);
      if (settings.mutedChannelIds.includes(channel.id)) return "channel muted";
      if (channel.guildId && settings.mutedGuildIds.includes(channel.guildId)) {
        return "server muted";
      }
      if (
        reason === "everyone" && channel.guildId &&
        settings.suppressEveryoneGuildIds.includes(channel.guildId)
      ) return "@everyone suppressed";
      if ((await store.relationships.get(userId, fromId))?.type === "blocked") {
        return "author blocked";
      }
    }
    if (await this.deps.hasFocusedClient(userId)) return "focused client";
    return null;
  }
}
