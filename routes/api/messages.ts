/**
 * Channel messages, reactions, pins, typing and read markers, plus guild
 * message search. Thin handlers: validate, call the messages service, respond.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { auditReason } from "./audit.ts";
import { newRouter, requireAuth } from "./env.ts";
import { Id, jsonBody, jsonResponse, problems, PublicUser } from "./schemas.ts";

const security = [{ bearer: [] }];
const tags = ["messages"];
const noContent = { 204: { description: "Done" } };

const Limit = (fallback: number) => z.coerce.number().int().min(1).max(100).default(fallback);
/** Raw content is bounded loosely here; the service trims and enforces 4000 with its own message. */
const Content = z.string().max(16_384, { message: "must be at most 4000 characters" });

const Message = z.object({
  id: z.string(),
  channelId: z.string(),
  guildId: z.string().optional(),
  author: PublicUser,
  content: z.string(),
  nonce: z.string(),
  replyTo: z.object({ id: z.string(), author: PublicUser, content: z.string() }).nullable()
    .optional(),
  mentions: z.array(z.string()),
  mentionEveryone: z.boolean().optional(),
  reactions: z.array(z.object({ emoji: z.string(), count: z.number(), me: z.boolean() })),
  attachments: z.array(z.object({
    id: z.string(),
    filename: z.string(),
    size: z.number(),
    contentType: z.string(),
    url: z.string(),
  })),
  pinned: z.boolean(),
  editedAt: z.string().nullable().optional(),
  createdAt: z.string(),
}).openapi("Message");

const InChannel = z.strictObject({ channelId: Id });
const OfMessage = z.strictObject({ channelId: Id, messageId: Id });
const OfReaction = z.strictObject({
  channelId: Id,
  messageId: Id,
  emoji: z.string().min(1).max(32).openapi({ example: "👍" }),
});

const list = createRoute({
  method: "get",
  path: "/channels/{channelId}/messages",
  tags,
  security,
  summary: "A page of history, newest first",
  request: {
    params: InChannel,
    query: z.strictObject({ before: Id.optional(), after: Id.optional(), limit: Limit(50) }),
  },
  responses: { 200: jsonResponse(z.array(Message), "Messages"), ...problems(400, 401, 404) },
});

const send = createRoute({
  method: "post",
  path: "/channels/{channelId}/messages",
  tags,
  security,
  summary: "Send a message (`/w <username> <text>` whispers it as a DM instead)",
  request: {
    params: InChannel,
    body: jsonBody(z.strictObject({
      content: Content,
      nonce: z.string().min(1).max(64),
      replyToId: Id.optional(),
      attachmentIds: z.array(Id).max(10).optional(),
    })),
  },
  responses: {
    201: jsonResponse(Message, "Sent"),
    200: jsonResponse(Message, "Sent before with this nonce: the first message"),
    ...problems(400, 401, 403, 404, 429),
  },
});

const edit = createRoute({
  method: "patch",
  path: "/channels/{channelId}/messages/{messageId}",
  tags,
  security,
  summary: "Edit one's own message",
  request: { params: OfMessage, body: jsonBody(z.strictObject({ content: Content })) },
  responses: { 200: jsonResponse(Message, "Edited"), ...problems(400, 401, 403, 404) },
});

const remove = createRoute({
  method: "delete",
  path: "/channels/{channelId}/messages/{messageId}",
  tags,
  security,
  summary: "Delete a message (its author, or MANAGE_MESSAGES with an optional X-Audit-Log-Reason)",
  request: { params: OfMessage },
  responses: { ...noContent, ...problems(400, 401, 403, 404) },
});

const reactionRoute = (method: "put" | "delete") =>
  createRoute({
    method,
    path: "/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me",
    tags,
    security,
    summary: method === "put" ? "React with an emoji" : "Take one's reaction back",
    request: { params: OfReaction },
    responses: { ...noContent, ...problems(400, 401, 404) },
  });

const pinRoute = (method: "put" | "delete") =>
  createRoute({
    method,
    path: "/channels/{channelId}/pins/{messageId}",
    tags,
    security,
    summary: method === "put" ? "Pin a message" : "Unpin a message",
    request: { params: OfMessage },
    responses: { ...noContent, ...problems(400, 401, 403, 404) },
  });

const pins = createRoute({
  method: "get",
  path: "/channels/{channelId}/pins",
  tags,
  security,
  summary: "Pinned messages, newest first",
  request: { params: InChannel },
  responses: { 200: jsonResponse(z.array(Message), "Pinned messages"), ...problems(401, 404) },
});

const typing = createRoute({
  method: "post",
  path: "/channels/{channelId}/typing",
  tags,
  security,
  summary: "Show others that one is typing",
  request: { params: InChannel },
  responses: { ...noContent, ...problems(400, 401, 403, 404) },
});

const ack = createRoute({
  method: "post",
  path: "/channels/{channelId}/ack",
  tags,
  security,
  summary: "Mark the channel read up to a message (syncs to one's other devices)",
  request: { params: InChannel, body: jsonBody(z.strictObject({ messageId: Id })) },
  responses: { ...noContent, ...problems(400, 401, 404) },
});

const search = createRoute({
  method: "get",
  path: "/guilds/{guildId}/messages/search",
  tags,
  security,
  summary: "Messages of the guild holding every word of q, newest first",
  request: {
    params: z.strictObject({ guildId: Id }),
    query: z.strictObject({
      q: z.string().trim().min(1).max(200),
      channelId: Id.optional(),
      authorId: Id.optional(),
      limit: Limit(25),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ total: z.number().int(), messages: z.array(Message) }).openapi("SearchResult"),
      "Matches",
    ),
    ...problems(400, 401, 404),
  },
});

/** The messages sub-app; every route needs a bearer token. */
export function messageRoutes(services: Services) {
  const { messages } = services;
  const app = newRouter();
  app.use("/channels/*", requireAuth(services));
  app.use("/guilds/*", requireAuth(services));
  return app
    .openapi(list, async (c) => {
      const { channelId } = c.req.valid("param");
      return c.json(await messages.list(c.get("userId"), channelId, c.req.valid("query")), 200);
    })
    .openapi(send, async (c) => {
      const { channelId } = c.req.valid("param");
      const sent = await messages.send(c.get("userId"), channelId, c.req.valid("json"));
      return sent.created ? c.json(sent.message, 201) : c.json(sent.message, 200);
    })
    .openapi(edit, async (c) => {
      const { channelId, messageId } = c.req.valid("param");
      const { content } = c.req.valid("json");
      return c.json(await messages.edit(c.get("userId"), channelId, messageId, content), 200);
    })
    .openapi(remove, async (c) => {
      const { channelId, messageId } = c.req.valid("param");
      await messages.delete(c.get("userId"), channelId, messageId, auditReason(c));
      return c.body(null, 204);
    })
    .openapi(reactionRoute("put"), async (c) => {
      const { channelId, messageId, emoji } = c.req.valid("param");
      await messages.react(c.get("userId"), channelId, messageId, emoji, true);
      return c.body(null, 204);
    })
    .openapi(reactionRoute("delete"), async (c) => {
      const { channelId, messageId, emoji } = c.req.valid("param");
      await messages.react(c.get("userId"), channelId, messageId, emoji, false);
      return c.body(null, 204);
    })
    .openapi(pinRoute("put"), async (c) => {
      const { channelId, messageId } = c.req.valid("param");
      await messages.setPinned(c.get("userId"), channelId, messageId, true);
      return c.body(null, 204);
    })
    .openapi(pinRoute("delete"), async (c) => {
      const { channelId, messageId } = c.req.valid("param");
      await messages.setPinned(c.get("userId"), channelId, messageId, false);
      return c.body(null, 204);
    })
    .openapi(pins, async (c) => {
      const { channelId } = c.req.valid("param");
      return c.json(await messages.pins(c.get("userId"), channelId), 200);
    })
    .openapi(typing, async (c) => {
      await messages.typing(c.get("userId"), c.req.valid("param").channelId);
      return c.body(null, 204);
    })
    .openapi(ack, async (c) => {
      const { channelId } = c.req.valid("param");
      await messages.ack(c.get("userId"), channelId, c.req.valid("json").messageId);
      return c.body(null, 204);
    })
    .openapi(search, async (c) => {
      const { guildId } = c.req.valid("param");
      return c.json(await messages.search(c.get("userId"), guildId, c.req.valid("query")), 200);
    });
}
