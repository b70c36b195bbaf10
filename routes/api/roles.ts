/** Roles over REST: create, edit, reorder, delete (MANAGE_ROLES, below one's own highest role). */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { auditReason } from "./audit.ts";
import { authed, Id, Role } from "./channels.ts";
import { newRouter, requireAuth } from "./env.ts";
import { jsonBody, jsonResponse, problems } from "./schemas.ts";

/** A permission bitfield as a decimal string; unknown bits are refused by the service (403). */
export const Bits = z.string().regex(/^\d{1,16}$/, { message: "must be a decimal bitfield" })
  .openapi({ example: "3" });
const RoleName = z.string().trim().min(1).max(100).openapi({ example: "Moderators" });
const Color = z.number().int().min(0).max(0xffffff);

const security = [{ bearer: [] }];
const guildParams = z.strictObject({ guildId: Id });
const roleParams = z.strictObject({ guildId: Id, roleId: Id });

const create = createRoute({
  method: "post",
  path: "/guilds/{guildId}/roles",
  tags: ["roles"],
  summary: "Add a role just above @everyone (MANAGE_ROLES; only bits one holds)",
  security,
  request: {
    params: guildParams,
    body: jsonBody(
      z.strictObject({ name: RoleName, permissions: Bits.optional(), color: Color.optional() }),
    ),
  },
  responses: { 201: jsonResponse(Role, "The role"), ...problems(400, 401, 403, 404, 409) },
});

const reorder = createRoute({
  method: "patch",
  path: "/guilds/{guildId}/roles",
  tags: ["roles"],
  summary: "Move roles below one's own highest (MANAGE_ROLES); every role by position",
  security,
  request: {
    params: guildParams,
    body: jsonBody(
      z.array(z.strictObject({ id: Id, position: z.number().int().min(1).max(10_000) })).min(1)
        .max(250),
    ),
  },
  responses: { 200: jsonResponse(z.array(Role), "Every role"), ...problems(400, 401, 403, 404) },
});

const update = createRoute({
  method: "patch",
  path: "/guilds/{guildId}/roles/{roleId}",
  tags: ["roles"],
  summary: "Rename, recolour or re-permission a role below one's own (MANAGE_ROLES)",
  security,
  request: {
    params: roleParams,
    body: jsonBody(z.strictObject({
      name: RoleName.optional(),
      permissions: Bits.optional(),
      color: Color.optional(),
    })),
  },
  responses: { 200: jsonResponse(Role, "The role"), ...problems(400, 401, 403, 404) },
});

const remove = createRoute({
  method: "delete",
  path: "/guilds/{guildId}/roles/{roleId}",
  tags: ["roles"],
  summary: "Delete a role below one's own (MANAGE_ROLES; not @everyone)",
  security,
  request: { params: roleParams },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
});

/** The role sub-app (mounted by the guild routes). */
export function roleRoutes(services: Services) {
  const auth = requireAuth(services);
  const guilds = services.guilds;
  return newRouter()
    .openapi(authed(create, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const role = await guilds.createRole(
        c.get("userId"),
        guildId,
        c.req.valid("json"),
        auditReason(c),
      );
      return c.json(role, 201);
    })
    .openapi(authed(reorder, auth), async (c) => {
      const { guildId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(await guilds.reorderRoles(c.get("userId"), guildId, body, auditReason(c)), 200);
    })
    .openapi(authed(update, auth), async (c) => {
      const { guildId, roleId } = c.req.valid("param");
      const body = c.req.valid("json");
      const role = await guilds.updateRole(c.get("userId"), guildId, roleId, body, auditReason(c));
      return c.json(role, 200);
    })
    .openapi(authed(remove, auth), async (c) => {
      const { guildId, roleId } = c.req.valid("param");
      await guilds.deleteRole(c.get("userId"), guildId, roleId, auditReason(c));
      return c.body(null, 204);
    });
}
