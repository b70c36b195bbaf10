/** Invites over REST: make a code, preview it (no login), join through it. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { authed, Guild, Id } from "./channels.ts";
import { newRouter, requireAuth } from "./env.ts";
import { jsonBody, jsonResponse, problems } from "./schemas.ts";

const Invite = z.object({
  code: z.string(),
  guildId: z.string(),
  inviterId: z.string(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Invite");

const InvitePreview = z.object({
  code: z.string(),
  guild: z.object({ id: z.string(), name: z.string(), icon: z.string().nullable() }),
  memberCount: z.number().int(),
  expiresAt: z.string().nullable(),
}).openapi("InvitePreview");

/** Codes are 8–10 base62 characters. */
const codeParams = z.strictObject({
  code: z.string().regex(/^[0-9A-Za-z]{8,10}$/, { message: "must be an invite code" })
    .openapi({ example: "aZ3kP9qL0x" }),
});
const security = [{ bearer: [] }];

const create = createRoute({
  method: "post",
  path: "/guilds/{guildId}/invites",
  tags: ["invites"],
  summary: "Make an invite (7 days by default; maxAgeSeconds 0 never expires)",
  security,
  request: {
    params: z.strictObject({ guildId: Id }),
    body: jsonBody(z.strictObject({
      maxUses: z.number().int().min(1).max(1000).optional(),
      maxAgeSeconds: z.union([z.literal(0), z.number().int().min(60).max(604_800)]).optional(),
    })),
  },
  responses: { 201: jsonResponse(Invite, "The invite"), ...problems(400, 401, 403, 404) },
});

const preview = createRoute({
  method: "get",
  path: "/invites/{code}",
  tags: ["invites"],
  summary: "What an invite leads to (no login needed; 404 when missing, expired or used up)",
  request: { params: codeParams },
  responses: { 200: jsonResponse(InvitePreview, "The preview"), ...problems(400, 404) },
});

const accept = createRoute({
  method: "post",
  path: "/invites/{code}",
  tags: ["invites"],
  summary: "Join through an invite (idempotent for members; 403 when banned)",
  security,
  request: { params: codeParams },
  responses: { 200: jsonResponse(Guild, "The joined server"), ...problems(400, 401, 403, 404) },
});

/** The invite sub-app. */
export function inviteRoutes(services: Services) {
  const auth = requireAuth(services);
  const guilds = services.guilds;
  return newRouter()
    .openapi(authed(create, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      return c.json(await guilds.createInvite(c.get("userId"), guildId, c.req.valid("json")), 201);
    })
    .openapi(
      preview,
      async (c) => c.json(await guilds.previewInvite(c.req.valid("param").code), 200),
    )
    .openapi(authed(accept, auth), async (c) => {
      return c.json(await guilds.acceptInvite(c.get("userId"), c.req.valid("param").code), 200);
    });
}
