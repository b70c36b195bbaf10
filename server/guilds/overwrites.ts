/** Channel permission overwrites: setting and removing them (MANAGE_ROLES or MANAGE_CHANNELS). */
import type { DomainDeps } from "../deps.ts";
import { AppError, notFound } from "../errors.ts";
import { holdsAll } from "../permissions/access.ts";
import { Permission } from "../permissions/bits.ts";
import type { ChannelOverwrite } from "../store/port.ts";
import { recordAudit } from "./audit.ts";
import { managedChannel } from "./channels.ts";
import { requireGrantable } from "./grants.ts";
import { toChannel } from "./views.ts";

/** How many overwrites one channel may hold. */
export const MAX_OVERWRITES_PER_CHANNEL = 100;

/** What `PUT /channels/:id/permissions/:targetId` takes; bitfields as decimal strings. */
export interface OverwriteInput {
  type: "role" | "member";
  allow: string;
  deny: string;
}

const MANAGE = Permission.MANAGE_ROLES | Permission.MANAGE_CHANNELS;

/**
 * Sets the channel's overwrite for a role of its guild or one of its
 * members. Only bits the actor holds may be allowed or denied (owner and
 * administrators excepted); the channel's new state goes out as
 * CHANNEL_UPDATE, after which the gateway filters its events anew.
 */
export async function setOverwrite(
  deps: DomainDeps,
  userId: string,
  channelId: string,
  targetId: string,
  input: OverwriteInput,
  reason: string | null = null,
): Promise<void> {
  const access = await managedChannel(deps, userId, channelId, "change permissions of", MANAGE);
  const { guild, channel } = access;
  const allow = requireGrantable(input.allow, access.permissions, "allow");
  const deny = requireGrantable(input.deny, access.permissions, "deny");
  if ((allow & deny) !== 0) {
    throw new AppError("validation_failed", "A permission cannot be both allowed and denied", {
      detail: `allow ${allow} and deny ${deny} share bits ${allow & deny}`,
      errors: [{ path: "deny", message: "must not share bits with allow" }],
    });
  }
  if (input.type === "role") {
    const role = (await deps.store.guilds.listRoles(guild.id)).find((r) => r.id === targetId);
    if (!role) throw foreignTarget(`${targetId} is not a role of "${guild.name}"`);
  } else if (!(await deps.store.members.get(guild.id, targetId))) {
    throw foreignTarget(`user ${targetId} is not a member of "${guild.name}"`);
  }
  const current = channel.overwrites ?? [];
  const previous = current.find((o) => o.id === targetId) ?? null;
  if (!previous && current.length >= MAX_OVERWRITES_PER_CHANNEL) {
    throw new AppError("conflict", "Channel has too many permission overwrites", {
      detail: `#${channel.name} has ${current.length} of at most ${MAX_OVERWRITES_PER_CHANNEL}`,
    });
  }
  const overwrite: ChannelOverwrite = {
    id: targetId,
    type: input.type,
    allow: String(allow),
    deny: String(deny),
  };
  const updated = await deps.store.channels.setOverwrite(channelId, overwrite);
  if (!updated) throw notFound("Channel", `channel ${channelId} was deleted`);
  await recordAudit(deps, {
    guildId: guild.id,
    actorId: userId,
    action: "channel_overwrite_update",
    targetId: channelId,
    reason,
    changes: [
      { key: "targetId", new: targetId },
      { key: "type", new: input.type },
      { key: "allow", old: previous?.allow, new: overwrite.allow },
      { key: "deny", old: previous?.deny, new: overwrite.deny },
    ],
  });
  const to = { guildId: guild.id, channelId };
  await deps.bus.publish({ t: "CHANNEL_UPDATE", d: toChannel(updated), to });
}

/** Removes the channel's overwrite for `targetId`; `not_found` when it has none. */
export async function deleteOverwrite(
  deps: DomainDeps,
  userId: string,
  channelId: string,
  targetId: string,
  reason: string | null = null,
): Promise<void> {
  const access = await managedChannel(deps, userId, channelId, "change permissions of", MANAGE);
  const { guild, channel } = access;
  const previous = (channel.overwrites ?? []).find((o) => o.id === targetId);
  if (!previous) {
    throw notFound("Overwrite", `#${channel.name} has no permission overwrite for ${targetId}`);
  }
  // Removing an overwrite changes the same bits as setting it: the same limit applies.
  if (!holdsAll(access.permissions)) {
    requireGrantable(previous.allow, access.permissions, "allow");
    requireGrantable(previous.deny, access.permissions, "deny");
  }
  const updated = await deps.store.channels.deleteOverwrite(channelId, targetId);
  if (!updated) throw notFound("Channel", `channel ${channelId} was deleted`);
  await recordAudit(deps, {
    guildId: guild.id,
    actorId: userId,
    action: "channel_overwrite_delete",
    targetId: channelId,
    reason,
    changes: [
      { key: "targetId", old: targetId },
      { key: "allow", old: previous.allow },
      { key: "deny", old: previous.deny },
    ],
  });
  const to = { guildId: guild.id, channelId };
  await deps.bus.publish({ t: "CHANNEL_UPDATE", d: toChannel(updated), to });
}

function foreignTarget(detail: string): AppError {
  return new AppError("forbidden", "Cannot set permissions for someone outside this server", {
    detail,
  });
}
