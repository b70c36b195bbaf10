/**
 * Voice channels over REST: join (a LiveKit token, or a mesh room with ICE
 * servers), leave, mute/deafen, and LiveKit's webhook. The webhook carries
 * no bearer token: its `Authorization` header is LiveKit's signature over
 * the raw body, checked before anything is read from it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { authed } from "./channels.ts";
import { newRouter, requireAuth } from "./env.ts";
import { Id, jsonResponse, problems } from "./schemas.ts";

const security = [{ bearer: [] }];
const params = z.strictObject({ channelId: Id });

const VoiceState = z.object({
  userId: z.string(),
  guildId: z.string(),
  channelId: z.string(),
  muted: z.boolean(),
  deafened: z.boolean(),
}).openapi("VoiceState");

const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
}).openapi("IceServer");

const JoinResponse = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("livekit"), url: z.string(), token: z.string() }),
  z.object({
    mode: z.literal("mesh"),
    iceServers: z.array(IceServer),
    sessionId: z.string().openapi({
      description: "This join's voice session: sign signals with it",
    }),
    participants: z.array(VoiceState),
  }),
]).openapi("VoiceJoin");

const JoinBody = z.strictObject({
  sessionId: Id.optional().openapi({
    description: "The caller's gateway session (from `ready`); required without LiveKit",
  }),
});

const join = createRoute({
  method: "post",
  path: "/channels/{channelId}/voice",
  tags: ["voice"],
  summary: "Join a voice channel (leaving any other); LiveKit token or mesh room",
  security,
  request: {
    params,
    body: { required: false, content: { "application/json": { schema: JoinBody } } },
  },
  responses: {
    200: jsonResponse(JoinResponse, "How to connect"),
    ...problems(400, 401, 403, 404, 409),
  },
});

const leave = createRoute({
  method: "delete",
  path: "/channels/{channelId}/voice",
  tags: ["voice"],
  summary: "Leave the voice channel (nothing happens when not in it)",
  security,
  request: { params },
  responses: { 204: { description: "Not in the channel any more" }, ...problems(400, 401) },
});

const update = createRoute({
  method: "patch",
  path: "/channels/{channelId}/voice",
  tags: ["voice"],
  summary: "Mute or deafen oneself in the voice channel one is in",
  security,
  request: {
    params,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            muted: z.boolean().optional(),
            deafened: z.boolean().optional(),
          })
            .refine((b) => b.muted !== undefined || b.deafened !== undefined, {
              message: "send muted, deafened or both",
            }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(VoiceState, "The voice state, as the guild sees it"),
    ...problems(400, 401, 404),
  },
});

const webhook = createRoute({
  method: "post",
  path: "/voice/livekit/webhook",
  tags: ["voice"],
  summary: "LiveKit webhook (signed by LiveKit; each event is applied once)",
  responses: {
    200: jsonResponse(
      z.object({ event: z.string(), applied: z.boolean() }),
      "Verified; `applied` tells whether a voice state changed",
    ),
    ...problems(400, 401, 404, 409),
  },
});

/** The voice sub-app. */
export function voiceRoutes(services: Services) {
  const auth = requireAuth(services);
  const voice = services.voice;
  return newRouter()
    .openapi(authed(join, auth), async (c) => {
      const { channelId } = c.req.valid("param");
      const body = c.req.valid("json") ?? {};
      return c.json(await voice.join(c.get("userId"), channelId, body), 200);
    })
    .openapi(authed(leave, auth), async (c) => {
      await voice.leave(c.get("userId"), c.req.valid("param").channelId);
      return c.body(null, 204);
    })
    .openapi(authed(update, auth), async (c) => {
      const { channelId } = c.req.valid("param");
      return c.json(await voice.update(c.get("userId"), channelId, c.req.valid("json")), 200);
    })
    .openapi(webhook, async (c) => {
      // The signature covers the exact bytes: read them raw, never re-serialised.
      const body = await c.req.text();
      return c.json(await voice.webhook(body, c.req.header("authorization")), 200);
    });
}
