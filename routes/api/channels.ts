/**
 * Guild channels over REST: create, edit, delete, reorder, permission
 * overwrites. Also the response schemas of channels, roles and guilds,
 * which the guild and invite routes reuse.
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Services } from "../../server/services.ts";
import { auditReason } from "./audit.ts";
import { type AppEnv, newRouter, requireAuth } from "./env.ts";
import { Channel, Id, jsonBody, jsonResponse, problems } from "./schemas.ts";

export { Channel, Id };

export const Role = z.object({
  id: z.string(),
  name: z.string(),
  color: z.number().int(),
  position: z.number().int(),
  permissions: z.string().openapi({ example: "31235" }),
}).openapi("Role");

const Overwrite = z.object({
  id: z.string(),
  type: z.enum(["role", "member"]),
  allow: z.string(),
  deny: z.string(),
}).openapi("PermissionOverwrite");

/** A guild channel as the API shows it: with its permission overwrites. */
const GuildChannel = Channel.extend({ overwrites: z.array(Overwrite).optional() });

export const Guild = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  icon: z.string().nullable(),
  createdAt: z.string(),
  channels: z.array(GuildChannel),
  roles: z.array(Role),
  memberCount: z.number().int(),
  permissions: z.string().openapi({ example: "31235" }),
}).openapi("Guild");

/** 1–100 characters; text channel names are normalised by the service. */
const ChannelName = z.string().trim().min(1).max(100).openapi({ example: "general" });
const Topic = z.string().trim().max(1024).nullable();
const Position = z.number().int().min(0).max(10_000);

/** A route that needs a bearer token, authenticated before its input is validated. */
export function authed<R extends RouteConfig>(route: R, auth: MiddlewareHandler<AppEnv>) {
  return { ...route, middleware: [auth] as MiddlewareHandler<AppEnv>[] };
}

const security = [{ bearer: [] }];
const guildParams = z.strictObject({ guildId: Id });
const channelParams = z.strictObject({ channelId: Id });
const overwriteParams = z.strictObject({ channelId: Id, targetId: Id });
const Bits = z.string().regex(/^\d{1,16}$/, { message: "must be a decimal bitfield" });

const create = createRoute({
  method: "post",
  path: "/guilds/{guildId}/channels",
  tags: ["channels"],
  summary: "Add a text or voice channel (MANAGE_CHANNELS)",
  security,
  request: {
    params: guildParams,
    body: jsonBody(z.strictObject({
      name: ChannelName,
      type: z.enum(["text", "voice"]),
      topic: Topic.optional(),
    })),
  },
  responses: { 201: jsonResponse(Channel, "The channel"), ...problems(400, 401, 403, 404, 409) },
});

const reorder = createRoute({
  method: "patch",
  path: "/guilds/{guildId}/channels",
  tags: ["channels"],
  summary: "Set the positions of several channels (MANAGE_CHANNELS); the visible ones, in order",
  security,
  request: {
    params: guildParams,
    body: jsonBody(z.array(z.strictObject({ id: Id, position: Position })).min(1).max(500)),
  },
  responses: {
    200: jsonResponse(z.array(Channel), "The guild's channels"),
    ...problems(400, 401, 403, 404),
  },
});

const update = createRoute({
  method: "patch",
  path: "/channels/{channelId}",
  tags: ["channels"],
  summary: "Rename, re-topic or move a channel (MANAGE_CHANNELS there)",
  security,
  request: {
    params: channelParams,
    body: jsonBody(z.strictObject({
      name: ChannelName.optional(),
      topic: Topic.optional(),
      position: Position.optional(),
    })),
  },
  responses: { 200: jsonResponse(Channel, "The channel"), ...problems(400, 401, 403, 404) },
});

const remove = createRoute({
  method: "delete",
  path: "/channels/{channelId}",
  tags: ["channels"],
  summary: "Delete a channel (MANAGE_CHANNELS there; not the last text channel)",
  security,
  request: { params: channelParams },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 409) },
});

const putOverwrite = createRoute({
  method: "put",
  path: "/channels/{channelId}/permissions/{targetId}",
  tags: ["channels"],
  summary: "Set a role's or member's overwrite (MANAGE_ROLES or MANAGE_CHANNELS there)",
  security,
  request: {
    params: overwriteParams,
    body: jsonBody(z.strictObject({ type: z.enum(["role", "member"]), allow: Bits, deny: Bits })),
  },
  responses: { 204: { description: "Set" }, ...problems(400, 401, 403, 404, 409) },
});

const deleteOverwrite = createRoute({
  method: "delete",
  path: "/channels/{channelId}/permissions/{targetId}",
  tags: ["channels"],
  summary: "Remove an overwrite (MANAGE_ROLES or MANAGE_CHANNELS there)",
  security,
  request: { params: overwriteParams },
  responses: { 204: { description: "Removed" }, ...problems(400, 401, 403, 404) },
});

/** The channel sub-app. */
export function channelRoutes(services: Services) {
  const auth = requireAuth(services);
  const guilds = services.guilds;
  return newRouter()
    .openapi(authed(create, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(
        await guilds.createChannel(c.get("userId"), guildId, body, auditReason(c)),
        201,
      );
    })
    .openapi(authed(reorder, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(await guilds.reorderChannels(c.get("userId"), guildId, body), 200);
    })
    .openapi(authed(update, auth), async (c) => {
      const { channelId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(
        await guilds.updateChannel(c.get("userId"), channelId, body, auditReason(c)),
        200,
      );
    })
    .openapi(authed(remove, auth), async (c) => {
      const { channelId } = c.req.valid("param");
      await guilds.deleteChannel(c.get("userId"), channelId, auditReason(c));
      return c.body(null, 204);
    })
    .openapi(authed(putOverwrite, auth), async (c) => {
      const { channelId, targetId } = c.req.valid("param");
      const body = c.req.valid("json");
      await guilds.setOverwrite(c.get("userId"), channelId, targetId, body, auditReason(c));
      return c.body(null, 204);
    })
    .openapi(authed(deleteOverwrite, auth), async (c) => {
      const { channelId, targetId } = c.req.valid("param");
      await guilds.deleteOverwrite(c.get("userId"), channelId, targetId, auditReason(c));
      return c.body(null, 204);
    });
}
