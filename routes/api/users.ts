/** `/users/*`: one's own profile and finding people by username. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { newRouter, requireAuth } from "./env.ts";
import {
  DisplayName,
  jsonBody,
  jsonResponse,
  Locale,
  problems,
  PublicUser,
  User,
} from "./schemas.ts";

const security = [{ bearer: [] }];

const getMe = createRoute({
  method: "get",
  path: "/users/@me",
  tags: ["users"],
  summary: "The logged-in user",
  security,
  responses: { 200: jsonResponse(User, "The user"), ...problems(401) },
});

const patchMe = createRoute({
  method: "patch",
  path: "/users/@me",
  tags: ["users"],
  summary: "Edit one's profile",
  security,
  request: {
    body: jsonBody(z.strictObject({
      displayName: DisplayName.optional(),
      locale: Locale.optional(),
      avatar: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
    })),
  },
  responses: { 200: jsonResponse(User, "The updated user"), ...problems(400, 401) },
});

const search = createRoute({
  method: "get",
  path: "/users/search",
  tags: ["users"],
  summary: "Users whose username starts with q (at most 25)",
  security,
  request: {
    query: z.strictObject({
      q: z.string().trim().min(1).max(32).openapi({ example: "ali" }),
    }),
  },
  responses: { 200: jsonResponse(z.array(PublicUser), "Matching users"), ...problems(400, 401) },
});

/** The users sub-app; every route needs a bearer token. */
export function userRoutes(services: Services) {
  const app = newRouter();
  app.use("/users/*", requireAuth(services));
  return app
    .openapi(getMe, async (c) => c.json(await services.users.me(c.get("userId")), 200))
    .openapi(
      patchMe,
      async (c) => c.json(await services.users.updateMe(c.get("userId"), c.req.valid("json")), 200),
    )
    .openapi(search, async (c) => c.json(await services.users.search(c.req.valid("query").q), 200));
}
