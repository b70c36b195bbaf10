/**
 * Messages: history, sending (with nonces, mentions and whispers), edits,
 * deletes, reactions, pins, typing, read states and search. Every write is
 * stored first and announced on the bus after.
 */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import type { RateLimiter, RateRule } from "../http/rate_limit.ts";
import { recordAudit } from "../guilds/audit.ts";
import { type ChannelAccess, requirePermission, viewableChannel } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { ChannelRecord, MessageRecord, UserRecord } from "../store/port.ts";
import { toPublicUser } from "../users/views.ts";
import type { Channel, Message, ReadState, SearchResult } from "../wire/types.ts";
import { type BlockChecker, postableChannel } from "./access.ts";
import { channelAudience, channelRef } from "./events.ts";
import { mentionedUserIds, type ResolvedMentions, resolveMentions } from "./mentions.ts";
import { searchGuild, type SearchInput } from "./search.ts";
import { countMentionsAfter, newerId, toReadState } from "./unread.ts";
import {
  checkAttachments,
  checkContent,
  checkEmoji,
  MAX_PINS,
  MAX_REACTION_EMOJI,
} from "./validation.ts";
import { hydrate, hydrateOne, toMessage } from "./views.ts";
import { parseWhisper } from "./whisper.ts";

/** What the service needs of the relationships service: blocks and DM channels. */
export interface MessageRelationships extends BlockChecker {
  /** The DM channel between the two users, created when missing. */
  openDm(userId: string, recipientId: string): Promise<Channel>;
}

/** Dependencies of {@link MessagesService}. */
export interface MessagesDeps extends DomainDeps {
  relationships: MessageRelationships;
  /** Limits sends per user when set (with `limits.messageSend`). */
  limiter?: RateLimiter;
  limits?: { messageSend: RateRule };
}

/** A send as the route passes it. */
export interface SendInput {
  content: string;
  nonce: string;
  replyToId?: string;
  attachmentIds?: string[];
}

/** A page of history. */
export interface HistoryInput {
  before?: string;
  after?: string;
  limit: number;
}

/** Messages, reactions, pins, typing, read states and search. */
export class MessagesService {
  constructor(readonly deps: MessagesDeps) {}

  /** A page of the channel's history, newest first. */
  async list(userId: string, channelId: string, page: HistoryInput): Promise<Message[]> {
    const { store, clock } = this.deps;
    await viewableChannel(store, userId, channelId, clock.now());
    return hydrate(store, await store.messages.list(channelId, page), userId);
  }

  /**
   * Sends a message, or for `/w <username> <text>` a DM to that user
   * instead. `created` is false when the author's nonce was seen before:
   * the first message is returned and nothing is stored again.
   */
  async send(
    userId: string,
    channelId: string,
    input: SendInput,
  ): Promise<{ created: boolean; message: Message }> {
    const { store, relationships, clock } = this.deps;
    checkAttachments(input.attachmentIds);
    let content = checkContent(input.content);
    const whisper = parseWhisper(content);
    // Reads that do not depend on the access check run alongside it; their
    // results are used only once it has passed.
    const authorRead = settled(store.users.getMany([userId]));
    const replyRead = whisper || input.replyToId === undefined
      ? null
      : settled(store.messages.get(channelId, input.replyToId));
    let access = await postableChannel(store, relationships, userId, channelId, clock.now());
    this.rateLimit(userId);
    if (whisper) {
      const dm = await this.openWhisperDm(userId, whisper.username, whisper.text);
      content = checkContent(whisper.text);
      access = await postableChannel(store, relationships, userId, dm.id, clock.now());
    }
    const { channel } = access;
    const [replyTarget, resolved] = await Promise.all([
      input.replyToId === undefined
        ? null
        : (replyRead ?? store.messages.get(channel.id, input.replyToId)),
      resolveMentions(store, access, content, clock.now()),
    ]);
    if (input.replyToId !== undefined && !replyTarget) {
      throw replyTargetNotFound(channel, input.replyToId);
    }
    const record: MessageRecord = {
      id: this.deps.ids.next(),
      channelId: channel.id,
      guildId: channel.guildId,
      authorId: userId,
      content,
      nonce: input.nonce,
      replyToId: input.replyToId ?? null,
      ...resolved,
      attachments: [],
      reactions: {},
      pinned: false,
      editedAt: null,
      createdAt: new Date(clock.now()).toISOString(),
    };
    // The view's users are read while the message is written: they do not depend on it.
    const view = settled(this.sentView(record, authorRead, replyTarget));
    const stored = await store.messages.create(record, channel);
    if (!stored.created) {
      return { created: false, message: await hydrateOne(store, stored.message, userId) };
    }
    // The store raised the channel's lastMessageId with the message itself.
    const [message] = await Promise.all([view, this.countMentions(access, userId, resolved)]);
    await this.deps.bus.publish({ t: "MESSAGE_CREATE", d: message, to: channelAudience(channel) });
    return { created: true, message };
  }

  /** Edits one's own message, resolving its mentions anew. */
  async edit(userId: string, channelId: string, messageId: string, content: string) {
    const { store, clock } = this.deps;
    const access = await viewableChannel(store, userId, channelId, clock.now());
    const current = await this.requireMessage(channelId, messageId);
    if (current.authorId !== userId) {
      throw new AppError("forbidden", "Cannot edit someone else's message", {
        detail: `message ${messageId} was written by another user; only its author may edit it`,
      });
    }
    const text = checkContent(content);
    const resolved = await resolveMentions(store, access, text, clock.now());
    const editedAt = new Date(clock.now()).toISOString();
    const updated = await store.messages.update(channelId, messageId, {
      content: text,
      ...resolved,
      editedAt,
    });
    if (!updated) throw messageNotFound(channelId, messageId);
    return await this.announceUpdate(access.channel, updated, userId);
  }

  /**
   * Deletes a message: its author, or in a guild anyone with MANAGE_MESSAGES
   * there (audit-logged with `reason`).
   */
  async delete(
    userId: string,
    channelId: string,
    messageId: string,
    reason: string | null = null,
  ): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const access = await viewableChannel(store, userId, channelId, now);
    const { channel } = access;
    const message = await this.requireMessage(channelId, messageId);
    const moderated = message.authorId !== userId;
    if (moderated && !access.guild) {
      throw new AppError("forbidden", "Cannot delete someone else's message", {
        detail: `message ${messageId} was written by another user; only its author may delete it`,
      });
    }
    if (moderated) {
      requirePermission(access, Permission.MANAGE_MESSAGES, "delete others' messages", now);
    }
    if (!(await store.messages.delete(channelId, messageId))) {
      throw messageNotFound(channelId, messageId);
    }
    if (moderated) {
      await recordAudit(this.deps, {
        guildId: access.guild!.id,
        actorId: userId,
        action: "message_delete",
        targetId: message.authorId,
        reason,
        changes: [{ key: "channelId", new: channelId }, { key: "messageId", new: messageId }],
      });
    }
    await this.deps.bus.publish({
      t: "MESSAGE_DELETE",
      d: { id: messageId, ...channelRef(channel) },
      to: channelAudience(channel),
    });
  }

  /** Adds (`add`) or removes the user's reaction; doing it twice changes nothing. */
  async react(userId: string, channelId: string, messageId: string, emoji: string, add: boolean) {
    const { store, clock } = this.deps;
    checkEmoji(emoji);
    const now = clock.now();
    const access = await viewableChannel(store, userId, channelId, now);
    const { channel } = access;
    // Taking one's own reaction back is always allowed; adding one needs ADD_REACTIONS.
    if (add) requirePermission(access, Permission.ADD_REACTIONS, "add reactions here", now);
    const message = await this.requireMessage(channelId, messageId);
    const kinds = Object.keys(message.reactions).length;
    if (add && !(emoji in message.reactions) && kinds >= MAX_REACTION_EMOJI) {
      throw new AppError("validation_failed", "Message has too many reactions", {
        detail: `a message holds at most ${MAX_REACTION_EMOJI} different emoji: ` +
          `${kinds} of ${MAX_REACTION_EMOJI}`,
      });
    }
    const changed = add
      ? await store.messages.addReaction(channelId, messageId, emoji, userId)
      : await store.messages.removeReaction(channelId, messageId, emoji, userId);
    if (changed === null) throw messageNotFound(channelId, messageId);
    if (!changed) return;
    await this.deps.bus.publish({
      t: add ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE",
      d: { ...channelRef(channel), messageId, userId, emoji },
      to: channelAudience(channel),
    });
  }

  /** Pins or unpins: MANAGE_MESSAGES in a guild channel, either participant in a DM. */
  async setPinned(userId: string, channelId: string, messageId: string, pinned: boolean) {
    const { store, clock } = this.deps;
    const now = clock.now();
    const access = await viewableChannel(store, userId, channelId, now);
    const { channel, guild } = access;
    const action = pinned ? "pin messages" : "unpin messages";
    if (guild) requirePermission(access, Permission.MANAGE_MESSAGES, action, now);
    const message = await this.requireMessage(channelId, messageId);
    if (message.pinned === pinned) return;
    if (pinned) {
      const count = (await store.messages.listPinned(channelId)).length;
      if (count >= MAX_PINS) {
        throw new AppError("validation_failed", "Channel has too many pins", {
          detail: `a channel holds at most ${MAX_PINS} pins: ${count} of ${MAX_PINS}`,
        });
      }
    }
    const updated = await store.messages.update(channelId, messageId, { pinned });
    if (!updated) throw messageNotFound(channelId, messageId);
    if (guild) {
      await recordAudit(this.deps, {
        guildId: guild.id,
        actorId: userId,
        action: pinned ? "message_pin" : "message_unpin",
        targetId: message.authorId,
        changes: [{ key: "channelId", new: channelId }, { key: "messageId", new: messageId }],
      });
    }
    await this.announceUpdate(channel, updated, userId);
    await this.deps.bus.publish({
      t: "CHANNEL_PINS_UPDATE",
      d: channelRef(channel),
      to: channelAudience(channel),
    });
  }

  /** The channel's pinned messages, newest first. */
  async pins(userId: string, channelId: string): Promise<Message[]> {
    const { store, clock } = this.deps;
    await viewableChannel(store, userId, channelId, clock.now());
    return hydrate(store, await store.messages.listPinned(channelId), userId);
  }

  /** Tells the channel the user is typing. */
  async typing(userId: string, channelId: string): Promise<void> {
    const { store, relationships, clock } = this.deps;
    const { channel } = await postableChannel(store, relationships, userId, channelId, clock.now());
    await this.deps.bus.publish({
      t: "TYPING_START",
      d: { ...channelRef(channel), userId, timestamp: new Date(clock.now()).toISOString() },
      to: channelAudience(channel),
    });
  }

  /**
   * Marks the channel read up to `messageId` (never backwards) and counts
   * the mentions still after the marker; the user's other devices follow.
   */
  async ack(userId: string, channelId: string, messageId: string): Promise<ReadState> {
    const { store, clock } = this.deps;
    await viewableChannel(store, userId, channelId, clock.now());
    await this.requireMessage(channelId, messageId);
    const current = await store.readStates.get(userId, channelId);
    const lastReadId = newerId(current?.lastReadId ?? null, messageId);
    const mentionCount = await countMentionsAfter(store, channelId, userId, lastReadId);
    const state = { userId, channelId, lastReadId, mentionCount };
    await store.readStates.set(state);
    const d = toReadState(state);
    await this.deps.bus.publish({ t: "READ_STATE_UPDATE", d, to: { userIds: [userId] } });
    return d;
  }

  /** Every read state of the user, for the gateway's `ready`. */
  async readStates(userId: string): Promise<ReadState[]> {
    return (await this.deps.store.readStates.list(userId)).map(toReadState);
  }

  /** Searches a guild's messages; see {@link searchGuild}. */
  search(userId: string, guildId: string, input: SearchInput): Promise<SearchResult> {
    return searchGuild(this.deps.store, userId, guildId, input, this.deps.clock.now());
  }

  /** Counts the new message's mentions in the read states of those it mentions. */
  private async countMentions(
    access: ChannelAccess,
    authorId: string,
    resolved: ResolvedMentions,
  ): Promise<void> {
    if (resolved.mentions.length === 0 && !resolved.mentionEveryone) return;
    const { store, clock } = this.deps;
    const mentioned = await mentionedUserIds(store, access, authorId, resolved, clock.now());
    await store.readStates.incrementMentions(access.channel.id, mentioned);
  }

  private rateLimit(userId: string): void {
    const { limiter, limits } = this.deps;
    if (limiter && limits) limiter.hit(limits.messageSend, userId);
  }

  /** The DM channel a whisper goes to, after checking its recipient and text. */
  private async openWhisperDm(userId: string, username: string, text: string): Promise<Channel> {
    if (username === "") {
      throw new AppError("validation_failed", "Whisper needs a recipient", {
        detail: "write `/w <username> <text>`",
      });
    }
    const valid = /^[a-z0-9_.]{2,32}$/.test(username);
    const target = valid ? await this.deps.store.users.getByUsername(username) : null;
    if (!target) throw notFound("User", `no user is called "${username.slice(0, 40)}"`);
    if (target.id === userId) {
      throw new AppError("validation_failed", "Cannot whisper to yourself", {
        detail: `"${username}" is your own username`,
      });
    }
    if (text === "") {
      throw new AppError("validation_failed", "Whisper is empty", {
        detail: `write \`/w ${username} <text>\`: the text after the username is missing`,
      });
    }
    return await this.deps.relationships.openDm(userId, target.id);
  }

  private async requireMessage(channelId: string, messageId: string): Promise<MessageRecord> {
    const message = await this.deps.store.messages.get(channelId, messageId);
    if (!message) throw messageNotFound(channelId, messageId);
    return message;
  }

  /** The shared wire copy of a new message, from its author and reply target already read. */
  private async sentView(
    record: MessageRecord,
    authorRead: Promise<UserRecord[]>,
    replyTarget: MessageRecord | null,
  ): Promise<Message> {
    const others = replyTarget && replyTarget.authorId !== record.authorId
      ? this.deps.store.users.getMany([replyTarget.authorId])
      : Promise.resolve([]);
    const users = (await Promise.all([authorRead, others])).flat();
    const authors = new Map(users.map((u) => [u.id, toPublicUser(u)]));
    const replies = new Map(replyTarget ? [[replyTarget.id, replyTarget]] : []);
    return toMessage(record, authors, null, replies);
  }

  /** Publishes MESSAGE_UPDATE (shared payload) and returns the viewer's copy. */
  private async announceUpdate(channel: ChannelRecord, m: MessageRecord, viewerId: string) {
    const [shared, own] = await Promise.all([
      hydrateOne(this.deps.store, m, null),
      hydrateOne(this.deps.store, m, viewerId),
    ]);
    await this.deps.bus.publish({ t: "MESSAGE_UPDATE", d: shared, to: channelAudience(channel) });
    return own;
  }
}

/** `promise`, marked handled: it is awaited later, or unused when an earlier step throws. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

function replyTargetNotFound(channel: ChannelRecord, replyToId: string): AppError {
  return new AppError("validation_failed", "Reply target not found", {
    detail: `replyToId ${replyToId} is not a message of channel ${channel.id}`,
    errors: [{ path: "replyToId", message: "must be a message of this channel" }],
  });
}

function messageNotFound(channelId: string, messageId: string): AppError {
  return notFound("Message", `channel ${channelId} has no message ${messageId}`);
}
