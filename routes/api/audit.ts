/**
 * The audit log over REST, and the `X-Audit-Log-Reason` header every
 * moderation and settings route reads its reason from.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../server/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AppEnv, newRouter, requireAuth } from "./env.ts";
import { Id, jsonResponse, problems, PublicUser } from "./schemas.ts";

/** The longest reason, in characters after URL-decoding. */
export const MAX_REASON = 512;

/** A reason in a request body: trimmed, at most {@link MAX_REASON} characters. */
export const Reason = z.string().trim().max(MAX_REASON);

/**
 * The URL-encoded `X-Audit-Log-Reason` header, decoded; null when absent
 * or blank. Malformed encoding or more than {@link MAX_REASON} characters
 * is `validation_failed`.
 */
export function auditReason(c: Context<AppEnv>): string | null {
  const raw = c.req.header("x-audit-log-reason");
  if (raw === undefined) return null;
  let text: string;
  try {
    text = decodeURIComponent(raw).trim();
  } catch {
    throw badReason("X-Audit-Log-Reason must be URL-encoded UTF-8");
  }
  if (text.length > MAX_REASON) {
    throw badReason(`X-Audit-Log-Reason is at most ${MAX_REASON} characters: got ${text.length}`);
  }
  return text === "" ? null : text;
}

function badReason(detail: string): AppError {
  return new AppError("validation_failed", "Audit log reason is invalid", {
    detail,
    errors: [{ path: "X-Audit-Log-Reason", message: detail }],
  });
}

const AuditEntry = z.object({
  id: z.string(),
  guildId: z.string(),
  actorId: z.string(),
  actor: PublicUser,
  action: z.string().openapi({ example: "member_ban_add" }),
  targetId: z.string().nullable(),
  target: PublicUser.nullable(),
  reason: z.string().nullable(),
  changes: z.array(
    z.object({ key: z.string(), old: z.unknown().optional(), new: z.unknown().optional() }),
  ),
  createdAt: z.string(),
}).openapi("AuditEntry");

const list = createRoute({
  method: "get",
  path: "/guilds/{guildId}/audit-log",
  tags: ["moderation"],
  summary: "Moderation and settings actions, newest first (MANAGE_GUILD)",
  security: [{ bearer: [] }],
  request: {
    params: z.strictObject({ guildId: Id }),
    query: z.strictObject({
      before: Id.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: jsonResponse(z.array(AuditEntry), "Entries, newest first"),
    ...problems(400, 401, 403, 404),
  },
});

/** The audit log sub-app (mounted by the guild routes). */
export function auditRoutes(services: Services) {
  const auth = requireAuth(services);
  // Not `authed()` from channels.ts: that module imports this one.
  return newRouter().openapi({ ...list, middleware: [auth] }, async (c) => {
    const { guildId } = c.req.valid("param");
    const { before, limit } = c.req.valid("query");
    return c.json(await services.guilds.auditLog(c.get("userId"), guildId, { before, limit }), 200);
  });
}
