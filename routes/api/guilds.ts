/**
 * Guilds over REST: create, list, read, edit, delete; their members and
 * bans. Mounts the channel, invite, role and audit log sub-apps, so
 * `guildRoutes` is all of "Guilds, channels, members, invites" and
 * "Permissions" in API.md.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { auditReason, auditRoutes, Reason } from "./audit.ts";
import { authed, channelRoutes, Guild, Id } from "./channels.ts";
import { newRouter, requireAuth } from "./env.ts";
import { inviteRoutes } from "./invites.ts";
import { roleRoutes } from "./roles.ts";
import { jsonBody, jsonResponse, problems, PublicUser } from "./schemas.ts";

export const Member = z.object({
  guildId: z.string(),
  user: PublicUser,
  nick: z.string().nullable(),
  roleIds: z.array(z.string()),
  joinedAt: z.string(),
  timeoutUntil: z.string().nullable(),
  status: z.enum(["online", "idle", "dnd", "offline"]),
}).openapi("Member");

const Ban = z.object({
  user: PublicUser,
  reason: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Ban");

const GuildName = z.string().trim().min(1).max(100).openapi({ example: "Book club" });
const security = [{ bearer: [] }];
const guildParams = z.strictObject({ guildId: Id });
const memberParams = z.strictObject({ guildId: Id, userId: Id });

const create = createRoute({
  method: "post",
  path: "/guilds",
  tags: ["guilds"],
  summary: "Create a server with #general, General (voice) and @everyone",
  security,
  request: { body: jsonBody(z.strictObject({ name: GuildName })) },
  responses: { 201: jsonResponse(Guild, "The new server"), ...problems(400, 401, 409) },
});

const listMine = createRoute({
  method: "get",
  path: "/users/@me/guilds",
  tags: ["guilds"],
  summary: "The servers one belongs to",
  security,
  responses: { 200: jsonResponse(z.array(Guild), "The servers"), ...problems(401) },
});

const get = createRoute({
  method: "get",
  path: "/guilds/{guildId}",
  tags: ["guilds"],
  summary: "A server with its channels and roles (members only)",
  security,
  request: { params: guildParams },
  responses: { 200: jsonResponse(Guild, "The server"), ...problems(400, 401, 404) },
});

const update = createRoute({
  method: "patch",
  path: "/guilds/{guildId}",
  tags: ["guilds"],
  summary: "Rename a server or set its icon (MANAGE_GUILD)",
  security,
  request: {
    params: guildParams,
    body: jsonBody(z.strictObject({
      name: GuildName.optional(),
      icon: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
    })),
  },
  responses: { 200: jsonResponse(Guild, "The server"), ...problems(400, 401, 403, 404) },
});

const remove = createRoute({
  method: "delete",
  path: "/guilds/{guildId}",
  tags: ["guilds"],
  summary: "Delete a server and everything in it (owner)",
  security,
  request: { params: guildParams },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
});

const listMembers = createRoute({
  method: "get",
  path: "/guilds/{guildId}/members",
  tags: ["members"],
  summary: "Members by user id, after `after`, at most `limit` (1–1000, default 100)",
  security,
  request: {
    params: guildParams,
    query: z.strictObject({
      after: Id.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: { 200: jsonResponse(z.array(Member), "Members"), ...problems(400, 401, 404) },
});

const removeMember = createRoute({
  method: "delete",
  path: "/guilds/{guildId}/members/{userId}",
  tags: ["members"],
  summary: "Leave (one's own id) or kick (KICK_MEMBERS, above the member)",
  security,
  request: { params: memberParams, query: z.strictObject({ reason: Reason.optional() }) },
  responses: { 204: { description: "Removed" }, ...problems(400, 401, 403, 404, 409) },
});

const updateMember = createRoute({
  method: "patch",
  path: "/guilds/{guildId}/members/{userId}",
  tags: ["members"],
  summary: "Set a nickname, roles (MANAGE_ROLES) or a timeout (MODERATE_MEMBERS)",
  security,
  request: {
    params: memberParams,
    body: jsonBody(
      z.strictObject({
        nick: z.string().trim().min(1).max(32).nullable().optional(),
        roleIds: z.array(Id).max(250).optional(),
        timeoutUntil: z.iso.datetime({ offset: true }).nullable().optional(),
        reason: Reason.optional(),
      }),
    ),
  },
  responses: { 200: jsonResponse(Member, "The member"), ...problems(400, 401, 403, 404) },
});

const putBan = createRoute({
  method: "put",
  path: "/guilds/{guildId}/bans/{userId}",
  tags: ["members"],
  summary: "Ban a user: removes them and keeps them from rejoining (BAN_MEMBERS)",
  security,
  request: {
    params: memberParams,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z.strictObject({
            reason: Reason.nullable().optional(),
            deleteMessageSeconds: z.union([z.literal(0), z.literal(86400)]).optional(),
          }),
        },
      },
    },
  },
  responses: { 204: { description: "Banned" }, ...problems(400, 401, 403, 404) },
});

const deleteBan = createRoute({
  method: "delete",
  path: "/guilds/{guildId}/bans/{userId}",
  tags: ["members"],
  summary: "Lift a ban (BAN_MEMBERS)",
  security,
  request: { params: memberParams },
  responses: { 204: { description: "Unbanned" }, ...problems(400, 401, 403, 404) },
});

const listBans = createRoute({
  method: "get",
  path: "/guilds/{guildId}/bans",
  tags: ["members"],
  summary: "The server's bans (BAN_MEMBERS)",
  security,
  request: { params: guildParams },
  responses: { 200: jsonResponse(z.array(Ban), "Bans"), ...problems(400, 401, 403, 404) },
});

/** The guild sub-app, with channels and invites mounted; all but invite previews need a token. */
export function guildRoutes(services: Services) {
  const auth = requireAuth(services);
  const guilds = services.guilds;
  const app = newRouter()
    .openapi(authed(create, auth), async (c) => {
      return c.json(await guilds.createGuild(c.get("userId"), c.req.valid("json")), 201);
    })
    .openapi(authed(listMine, auth), async (c) => {
      return c.json(await guilds.listForUser(c.get("userId")), 200);
    })
    .openapi(authed(get, auth), async (c) => {
      return c.json(await guilds.getGuild(c.get("userId"), c.req.valid("param").guildId), 200);
    })
    .openapi(authed(update, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(await guilds.updateGuild(c.get("userId"), guildId, body, auditReason(c)), 200);
    })
    .openapi(authed(remove, auth), async (c) => {
      await guilds.deleteGuild(c.get("userId"), c.req.valid("param").guildId);
      return c.body(null, 204);
    })
    .openapi(authed(listMembers, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const { after, limit } = c.req.valid("query");
      return c.json(await guilds.listMembers(c.get("userId"), guildId, after ?? null, limit), 200);
    })
    .openapi(authed(removeMember, auth), async (c) => {
      const { guildId, userId } = c.req.valid("param");
      const reason = auditReason(c) ?? (c.req.valid("query").reason || null);
      await guilds.removeMember(c.get("userId"), guildId, userId, reason);
      return c.body(null, 204);
    })
    .openapi(authed(updateMember, auth), async (c) => {
      const { guildId, userId } = c.req.valid("param");
      const { reason, ...body } = c.req.valid("json");
      const why = reason || auditReason(c);
      return c.json(await guilds.updateMember(c.get("userId"), guildId, userId, body, why), 200);
    })
    .openapi(authed(putBan, auth), async (c) => {
      const { guildId, userId } = c.req.valid("param");
      const body: { reason?: string | null; deleteMessageSeconds?: 0 | 86400 } =
        c.req.valid("json") ?? {};
      const input = { ...body, reason: body.reason || null };
      await guilds.ban(c.get("userId"), guildId, userId, input, auditReason(c));
      return c.body(null, 204);
    })
    .openapi(authed(deleteBan, auth), async (c) => {
      const { guildId, userId } = c.req.valid("param");
      await guilds.unban(c.get("userId"), guildId, userId, auditReason(c));
      return c.body(null, 204);
    })
    .openapi(authed(listBans, auth), async (c) => {
      return c.json(await guilds.listBans(c.get("userId"), c.req.valid("param").guildId), 200);
    });
  app.route("/", channelRoutes(services));
  app.route("/", inviteRoutes(services));
  app.route("/", roleRoutes(services));
  app.route("/", auditRoutes(services));
  return app;
}
