/**
 * Guild channels over REST: create, edit, delete, reorder. Also the
 * response schemas of channels, roles and guilds, which the guild and
 * invite routes reuse.
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Services } from "../../server/services.ts";
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

export const Guild = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  icon: z.string().nullable(),
  createdAt: z.string(),
  channels: z.array(Channel),
  roles: z.array(Role),
  memberCount: z.number().int(),
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

const create = createRoute({
  method: "post",
  path: "/guilds/{guildId}/channels",
  tags: ["channels"],
  summary: "Add a text or voice channel (owner)",
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
  summary: "Set the positions of several channels (owner); answers with all of them in order",
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
  summary: "Rename, re-topic or move a channel (owner)",
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
  summary: "Delete a channel (owner; not the last text channel)",
  security,
  request: { params: channelParams },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 409) },
});

/** The channel sub-app. */
export function channelRoutes(services: Services) {
  const auth = requireAuth(services);
  const guilds = services.guilds;
  return newRouter()
    .openapi(authed(create, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      return c.json(await guilds.createChannel(c.get("userId"), guildId, c.req.valid("json")), 201);
    })
    .openapi(authed(reorder, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(await guilds.reorderChannels(c.get("userId"), guildId, body), 200);
    })
    .openapi(authed(update, auth), async (c) => {
      const { channelId } = c.req.valid("param");
      return c.json(
        await guilds.updateChannel(c.get("userId"), channelId, c.req.valid("json")),
        200,
      );
    })
    .openapi(authed(remove, auth), async (c) => {
      await guilds.deleteChannel(c.get("userId"), c.req.valid("param").channelId);
      return c.body(null, 204);
    });
}
