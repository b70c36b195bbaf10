import { expect, test } from "vitest";
import { ALL_PERMISSIONS, Permission as P } from "./bits.ts";
import {
  computePermissions,
  type PermissionMember,
  type PermissionOverwriteData,
  type PermissionRole,
} from "./compute.ts";
import { canManageRole, canModerate, highestPosition } from "./hierarchy.ts";

const guild = { id: "G", ownerId: "owner" };
const NOW = Date.parse("2030-01-01T00:00:00.000Z");
const LATER = "2030-01-01T01:00:00.000Z";
const EARLIER = "2029-12-31T23:00:00.000Z";

const everyone = (bits: number): PermissionRole => ({
  id: "G",
  position: 0,
  permissions: String(bits),
});
const role = (id: string, position: number, bits: number): PermissionRole => ({
  id,
  position,
  permissions: String(bits),
});
const member = (
  userId: string,
  roleIds: string[] = [],
  timeoutUntil: string | null = null,
): PermissionMember => ({ userId, roleIds, timeoutUntil });
const ow = (
  id: string,
  type: "role" | "member",
  allow: number,
  deny: number,
): PermissionOverwriteData => ({ id, type, allow: String(allow), deny: String(deny) });

const CHAT = P.VIEW_CHANNEL | P.SEND_MESSAGES | P.ADD_REACTIONS;

interface Scenario {
  name: string;
  member: PermissionMember;
  roles: PermissionRole[];
  overwrites: PermissionOverwriteData[] | null;
  expected: number;
}

const scenarios: Scenario[] = [
  {
    name: "the owner holds every bit, even with nothing granted and a deny on them",
    member: member("owner", [], LATER),
    roles: [everyone(0)],
    overwrites: [ow("owner", "member", 0, ALL_PERMISSIONS)],
    expected: ALL_PERMISSIONS,
  },
  {
    name: "a plain member holds what @everyone grants",
    member: member("m"),
    roles: [everyone(CHAT)],
    overwrites: null,
    expected: CHAT,
  },
  {
    name: "roles add to @everyone",
    member: member("m", ["mod"]),
    roles: [everyone(CHAT), role("mod", 1, P.KICK_MEMBERS)],
    overwrites: null,
    expected: CHAT | P.KICK_MEMBERS,
  },
  {
    name: "roles the member does not hold, and dangling role ids, add nothing",
    member: member("m", ["gone"]),
    roles: [everyone(CHAT), role("mod", 1, P.KICK_MEMBERS)],
    overwrites: null,
    expected: CHAT,
  },
  {
    name: "an administrator holds every bit and ignores channel denies",
    member: member("m", ["admin"]),
    roles: [everyone(CHAT), role("admin", 1, P.ADMINISTRATOR)],
    overwrites: [ow("G", "role", 0, P.VIEW_CHANNEL), ow("admin", "role", 0, ALL_PERMISSIONS)],
    expected: ALL_PERMISSIONS,
  },
  {
    name: "a channel deny for @everyone beats a role's guild-level allow",
    member: member("m", ["writer"]),
    roles: [everyone(P.VIEW_CHANNEL), role("writer", 1, P.SEND_MESSAGES)],
    overwrites: [ow("G", "role", 0, P.SEND_MESSAGES)],
    expected: P.VIEW_CHANNEL,
  },
  {
    name: "a role's channel allow beats the @everyone channel deny",
    member: member("m", ["staff"]),
    roles: [everyone(CHAT), role("staff", 1, 0)],
    overwrites: [ow("G", "role", 0, P.VIEW_CHANNEL), ow("staff", "role", P.VIEW_CHANNEL, 0)],
    expected: CHAT,
  },
  {
    name: "a member allow beats a role deny",
    member: member("m", ["muted"]),
    roles: [everyone(CHAT), role("muted", 1, 0)],
    overwrites: [ow("muted", "role", 0, P.SEND_MESSAGES), ow("m", "member", P.SEND_MESSAGES, 0)],
    expected: CHAT,
  },
  {
    name: "a member deny beats a role allow",
    member: member("m", ["staff"]),
    roles: [everyone(CHAT), role("staff", 1, 0)],
    overwrites: [ow("staff", "role", P.MANAGE_MESSAGES, 0), ow("m", "member", 0, P.VIEW_CHANNEL)],
    expected: 0,
  },
  {
    name: "role overwrites combine: any role's allow beats another role's deny",
    member: member("m", ["a", "b"]),
    roles: [everyone(CHAT), role("a", 1, 0), role("b", 2, 0)],
    overwrites: [ow("a", "role", 0, P.ADD_REACTIONS), ow("b", "role", P.ADD_REACTIONS, 0)],
    expected: CHAT,
  },
  {
    name: "without view in a channel nothing else applies there",
    member: member("m"),
    roles: [everyone(CHAT | P.CONNECT)],
    overwrites: [ow("G", "role", 0, P.VIEW_CHANNEL)],
    expected: 0,
  },
  {
    name: "another member's overwrite does not apply",
    member: member("m"),
    roles: [everyone(CHAT)],
    overwrites: [ow("other", "member", 0, P.VIEW_CHANNEL)],
    expected: CHAT,
  },
  {
    name: "a timed-out member keeps only view, guild-wide",
    member: member("m", ["mod"], LATER),
    roles: [everyone(CHAT | P.SPEAK), role("mod", 1, P.KICK_MEMBERS)],
    overwrites: null,
    expected: P.VIEW_CHANNEL,
  },
  {
    name: "a timed-out member keeps only view in a channel, even with a member allow",
    member: member("m", [], LATER),
    roles: [everyone(CHAT)],
    overwrites: [ow("m", "member", P.MANAGE_MESSAGES, 0)],
    expected: P.VIEW_CHANNEL,
  },
  {
    name: "a timeout that has ended takes nothing away",
    member: member("m", [], EARLIER),
    roles: [everyone(CHAT)],
    overwrites: [],
    expected: CHAT,
  },
  {
    name: "an administrator is not held by a timeout",
    member: member("m", ["admin"], LATER),
    roles: [everyone(CHAT), role("admin", 1, P.ADMINISTRATOR)],
    overwrites: null,
    expected: ALL_PERMISSIONS,
  },
  {
    name: "bits outside the known set are dropped",
    member: member("m"),
    roles: [everyone(CHAT | (1 << 20))],
    overwrites: null,
    expected: CHAT,
  },
];

for (const s of scenarios) {
  test(`computePermissions(): ${s.name}`, () => {
    expect(computePermissions(guild, s.member, s.roles, s.overwrites, NOW)).toBe(s.expected);
  });
}

const roles = [everyone(CHAT), role("low", 1, 0), role("mid", 2, 0), role("high", 3, 0)];

test("highestPosition(): the highest held role, 0 without roles, Infinity for the owner", () => {
  expect(highestPosition(guild, member("m", ["low", "high"]), roles)).toBe(3);
  expect(highestPosition(guild, member("m"), roles)).toBe(0);
  expect(highestPosition(guild, member("m", ["gone"]), roles)).toBe(0);
  expect(highestPosition(guild, member("owner"), roles)).toBe(Infinity);
});

test("canManageRole(): only from above the role; the owner manages every role", () => {
  const mod = member("m", ["mid"]);
  expect(canManageRole(guild, mod, roles, roles[1])).toBe(true);
  expect(canManageRole(guild, mod, roles, roles[2])).toBe(false);
  expect(canManageRole(guild, mod, roles, roles[3])).toBe(false);
  expect(canManageRole(guild, member("owner"), roles, roles[3])).toBe(true);
});

test("canModerate(): above the target only; never oneself or the owner", () => {
  const mod = member("m", ["mid"]);
  expect(canModerate(guild, mod, member("x", ["low"]), roles)).toBe(true);
  expect(canModerate(guild, mod, member("x"), roles)).toBe(true);
  expect(canModerate(guild, mod, member("x", ["mid"]), roles)).toBe(false);
  expect(canModerate(guild, mod, member("x", ["high"]), roles)).toBe(false);
  expect(canModerate(guild, mod, mod, roles)).toBe(false);
  expect(canModerate(guild, mod, member("owner"), roles)).toBe(false);
  expect(canModerate(guild, member("owner"), member("owner"), roles)).toBe(false);
  expect(canModerate(guild, member("owner"), member("x", ["high"]), roles)).toBe(true);
});
