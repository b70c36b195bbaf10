/** Who may post where: viewing a channel is not always enough to write in it. */
import { AppError } from "../errors.ts";
import { type ChannelAccess, requirePermission, viewableChannel } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { Store } from "../store/port.ts";

/** What the message service needs of the relationships service. */
export interface BlockChecker {
  /** Whether either user has blocked the other. */
  isBlocked(a: string, b: string): Promise<boolean>;
}

/**
 * The channel if the user may post in it: a guild text channel where they
 * hold SEND_MESSAGES (a timeout takes it away), or a DM with someone
 * neither side has blocked. Channels the user cannot see are `not_found`.
 */
export async function postableChannel(
  store: Store,
  blocks: BlockChecker,
  userId: string,
  channelId: string,
  now: number,
): Promise<ChannelAccess> {
  const access = await viewableChannel(store, userId, channelId, now);
  const { channel } = access;
  if (channel.guildId === null) {
    const others = channel.recipientIds.filter((id) => id !== userId);
    for (const other of others) {
      if (await blocks.isBlocked(userId, other)) {
        throw new AppError("forbidden", "Cannot send messages to this user", {
          detail: "one of you has blocked the other",
        });
      }
    }
    return access;
  }
  if (channel.type !== "text") {
    throw new AppError("validation_failed", "Cannot send messages to this channel", {
      detail: `#${channel.name} is a ${channel.type} channel; messages go to text channels`,
    });
  }
  requirePermission(access, Permission.SEND_MESSAGES, "send messages here", now);
  return access;
}
