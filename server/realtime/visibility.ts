/**
 * Who on this instance may view which guild channel, without asking the
 * store: per followed guild its roles, its channels with their overwrites
 * and the roles of the local members, seeded from `ready` and join events
 * (their {@link GuildAccessSnapshot}) and kept current by the role, channel
 * and member events passing through. A channel without overwrites that
 * `@everyone` may view is "open": the fan-out's fast path asks nothing else.
 */
import { Permission } from "../permissions/bits.ts";
import {
  applyOverwrites,
  basePermissions,
  computePermissions,
  type PermissionMember,
  type PermissionRole,
} from "../permissions/compute.ts";
import type { Channel, Guild, Member, Role } from "../wire/types.ts";
import type { GuildAccessSnapshot } from "./access_snapshot.ts";
import type { BusEvent } from "./bus.ts";

const VIEW = Permission.VIEW_CHANNEL;

interface GuildEntry {
  id: string;
  ownerId: string;
  roles: PermissionRole[];
  channels: Map<string, Channel>;
  /** Channel ids whose events every member may see. */
  open: Set<string>;
  /** Memberships of the users followed here who have one on record. */
  members: Map<string, PermissionMember>;
}

/** Who must be told about channels appearing or vanishing after a change. */
export type Affected = { guildId: string; userIds: "all" | string[]; channelIds: "all" | string[] };

/** The permission cache of one instance. */
export class Visibility {
  #guilds = new Map<string, GuildEntry>();

  /** Starts following a guild from a snapshot (kept when already followed), and its members. */
  seed(s: GuildAccessSnapshot): void {
    let g = this.#guilds.get(s.guildId);
    if (!g) {
      g = {
        id: s.guildId,
        ownerId: s.ownerId,
        roles: s.roles.map((r) => ({ ...r })),
        channels: new Map(s.channels.map((c) => [c.id, c])),
        open: new Set(),
        members: new Map(),
      };
      this.#guilds.set(g.id, g);
      this.#reopen(g);
    }
    for (const m of s.members) g.members.set(m.userId, m);
  }

  /** Forgets a guild nobody here follows any more. */
  forget(guildId: string): void {
    this.#guilds.delete(guildId);
  }

  /** Forgets a member who left (or whose last session here ended). */
  dropMember(guildId: string, userId: string): void {
    this.#guilds.get(guildId)?.members.delete(userId);
  }

  /**
   * True when every member may view the channel (the fast path), and for
   * guilds this instance has no snapshot of (the behaviour before roles).
   */
  isOpen(guildId: string, channelId: string): boolean {
    const g = this.#guilds.get(guildId);
    return !g || g.open.has(channelId) || !g.channels.has(channelId);
  }

  /** Whether the user may view the channel. */
  canView(userId: string, guildId: string, channelId: string): boolean {
    const g = this.#guilds.get(guildId);
    if (!g || g.open.has(channelId)) return true;
    const channel = g.channels.get(channelId);
    return !channel || this.#canView(g, userId, channel);
  }

  /** The channel as last seen, for CHANNEL_CREATE/DELETE payloads. */
  channel(guildId: string, channelId: string): Channel | undefined {
    return this.#guilds.get(guildId)?.channels.get(channelId);
  }

  /** The ids of the guild's channels the user may view. */
  visibleIds(userId: string, guildId: string): Set<string> {
    const g = this.#guilds.get(guildId);
    const out = new Set<string>();
    if (!g) return out;
    for (const c of g.channels.values()) {
      if (g.open.has(c.id) || this.#canView(g, userId, c)) out.add(c.id);
    }
    return out;
  }

  /**
   * A guild payload (GUILD_UPDATE) as `userId` sees it: only channels they
   * may view, and their own guild-level permissions.
   */
  personalise(userId: string, guild: Guild): Guild {
    const g = this.#guilds.get(guild.id);
    if (!g) return guild;
    const member = g.members.get(userId) ?? noRoles(userId);
    const bits = computePermissions(g, member, g.roles, null, Date.now());
    const channels = guild.channels.filter((c) => this.canView(userId, g.id, c.id));
    return { ...guild, channels, permissions: String(bits) };
  }

  /**
   * Who may see channels appear or vanish through this event, before it
   * changes anything (null: nobody, or an event that changes no visibility).
   */
  affectedBy(event: BusEvent): Affected | null {
    const d = event.d as Record<string, unknown> | null;
    if (!d) return null;
    switch (event.t) {
      case "GUILD_ROLE_CREATE":
      case "GUILD_ROLE_UPDATE":
      case "GUILD_ROLE_DELETE": {
        const guildId = d.guildId as string;
        const g = this.#guilds.get(guildId);
        if (!g) return null;
        const roleId = (d.role as Role | undefined)?.id ?? (d.roleId as string);
        const holders = roleId === guildId
          ? "all"
          : [...g.members.values()].filter((m) => m.roleIds.includes(roleId)).map((m) => m.userId);
        return { guildId, userIds: holders, channelIds: "all" };
      }
      case "CHANNEL_UPDATE": {
        const c = d as unknown as Channel;
        const g = c.guildId ? this.#guilds.get(c.guildId) : undefined;
        if (!g) return null;
        const wasOpen = g.open.has(c.id);
        if (wasOpen && isOpen(g, c)) return null;
        return { guildId: g.id, userIds: "all", channelIds: [c.id] };
      }
      case "GUILD_MEMBER_UPDATE": {
        const m = d as unknown as Member;
        const g = this.#guilds.get(m.guildId);
        if (!g || !g.members.has(m.user.id)) return null;
        return { guildId: g.id, userIds: [m.user.id], channelIds: "all" };
      }
      default:
        return null;
    }
  }

  /** Applies what a passing event says about roles, channels and members (before dispatch). */
  observe(event: BusEvent): void {
    const d = event.d as Record<string, unknown> | null;
    if (!d) return;
    switch (event.t) {
      case "GUILD_ROLE_CREATE":
      case "GUILD_ROLE_UPDATE": {
        const g = this.#guilds.get(d.guildId as string);
        const role = d.role as Role;
        if (!g || !role) return;
        const next = { id: role.id, position: role.position, permissions: role.permissions };
        g.roles = [...g.roles.filter((r) => r.id !== role.id), next];
        if (role.id === g.id) this.#reopen(g);
        return;
      }
      case "GUILD_ROLE_DELETE": {
        const g = this.#guilds.get(d.guildId as string);
        if (g) g.roles = g.roles.filter((r) => r.id !== d.roleId);
        return;
      }
      case "CHANNEL_CREATE":
      case "CHANNEL_UPDATE": {
        const c = d as unknown as Channel;
        const g = c.guildId ? this.#guilds.get(c.guildId) : undefined;
        if (!g) return;
        g.channels.set(c.id, c);
        if (isOpen(g, c)) g.open.add(c.id);
        else g.open.delete(c.id);
        return;
      }
      case "GUILD_MEMBER_UPDATE": {
        const m = d as unknown as Member;
        const g = this.#guilds.get(m.guildId);
        if (!g || !g.members.has(m.user.id)) return;
        g.members.set(m.user.id, {
          userId: m.user.id,
          roleIds: m.roleIds,
          timeoutUntil: m.timeoutUntil,
        });
        return;
      }
      case "GUILD_UPDATE": {
        const g = this.#guilds.get(d.id as string);
        if (g && typeof d.ownerId === "string") g.ownerId = d.ownerId;
        return;
      }
    }
  }

  /** Applies what must wait until after dispatch: a deleted channel. */
  observeAfter(event: BusEvent): void {
    if (event.t !== "CHANNEL_DELETE") return;
    const c = event.d as Channel | null;
    const g = c?.guildId ? this.#guilds.get(c.guildId) : undefined;
    if (!g || !c) return;
    g.channels.delete(c.id);
    g.open.delete(c.id);
  }

  #canView(g: GuildEntry, userId: string, channel: Channel): boolean {
    const member = g.members.get(userId) ?? noRoles(userId);
    const base = basePermissions(g, member, g.roles);
    if (base & Permission.ADMINISTRATOR) return true;
    return (applyOverwrites(base, g.id, member, channel.overwrites ?? []) & VIEW) !== 0;
  }

  #reopen(g: GuildEntry): void {
    g.open.clear();
    for (const c of g.channels.values()) if (isOpen(g, c)) g.open.add(c.id);
  }
}

/** No overwrites, and `@everyone` may view (or is administrator). */
function isOpen(g: GuildEntry, c: Channel): boolean {
  if ((c.overwrites ?? []).length > 0) return false;
  const everyone = g.roles.find((r) => r.id === g.id);
  const bits = everyone ? Number(everyone.permissions) : 0;
  return (bits & (VIEW | Permission.ADMINISTRATOR)) !== 0;
}

/** A member known only to follow the guild: `@everyone` alone. */
function noRoles(userId: string): PermissionMember {
  return { userId, roleIds: [], timeoutUntil: null };
}
