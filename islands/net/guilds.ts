/** The guild, channel, member and invite endpoints. */
import type { Channel, Guild, Invite, InvitePreview, Member } from "../../server/wire/types.ts";
import { request } from "./api.ts";

/** Creates a guild with `general` (text) and `General` (voice). */
export function postGuild(name: string): Promise<Guild> {
  return request<Guild>("POST", "/guilds", { body: { name } });
}

/** Every guild of the viewer. */
export function fetchGuilds(): Promise<Guild[]> {
  return request<Guild[]>("GET", "/users/@me/guilds");
}

/** Leaves a guild (or kicks `userId` when it is someone else). */
export function removeMember(guildId: string, userId: string): Promise<void> {
  return request<void>("DELETE", `/guilds/${guildId}/members/${userId}`);
}

/** Creates a text or voice channel. */
export function postChannel(
  guildId: string,
  channel: { name: string; type: "text" | "voice"; topic?: string },
): Promise<Channel> {
  return request<Channel>("POST", `/guilds/${guildId}/channels`, { body: channel });
}

/** One page of a guild's members, by user id. */
export function fetchMembers(guildId: string, after?: string, limit = 100): Promise<Member[]> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (after) query.set("after", after);
  return request<Member[]>("GET", `/guilds/${guildId}/members?${query}`);
}

/** Makes an invite. */
export function postInvite(
  guildId: string,
  options: { maxUses?: number; maxAgeSeconds?: number } = {},
): Promise<Invite> {
  return request<Invite>("POST", `/guilds/${guildId}/invites`, { body: options });
}

/** What an invite leads to. */
export function fetchInvite(code: string): Promise<InvitePreview> {
  return request<InvitePreview>("GET", `/invites/${encodeURIComponent(code)}`);
}

/** Joins the invite's guild. */
export function postInviteJoin(code: string): Promise<Guild> {
  return request<Guild>("POST", `/invites/${encodeURIComponent(code)}`);
}
