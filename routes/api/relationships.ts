/** `/users/@me/relationships` and `/users/@me/channels`: friends, blocks and DMs. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../../server/services.ts";
import { newRouter, requireAuth } from "./env.ts";
import { Channel, Id, jsonBody, jsonResponse, problems, PublicUser, Username } from "./schemas.ts";

const security = [{ bearer: [] }];

const Relationship = z.object({
  user: PublicUser,
  type: z.enum(["friend", "incoming", "outgoing", "blocked"]),
}).openapi("Relationship");

const OtherUser = z.strictObject({ userId: Id });
const noContent = { 204: { description: "Done" } };

const listRelationships = createRoute({
  method: "get",
  path: "/users/@me/relationships",
  tags: ["relationships"],
  summary: "Friends, pending requests and blocks",
  security,
  responses: { 200: jsonResponse(z.array(Relationship), "Relationships"), ...problems(401) },
});

const sendRequest = createRoute({
  method: "post",
  path: "/users/@me/relationships",
  tags: ["relationships"],
  summary: "Send a friend request (accepts theirs when they already sent one)",
  security,
  request: { body: jsonBody(z.strictObject({ username: Username })) },
  responses: { ...noContent, ...problems(400, 401, 403, 404) },
});

const putRelationship = createRoute({
  method: "put",
  path: "/users/@me/relationships/{userId}",
  tags: ["relationships"],
  summary: 'Accept an incoming request (no body), or block with {type: "blocked"}',
  security,
  request: {
    params: OtherUser,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z.strictObject({ type: z.enum(["friend", "blocked"]).optional() }),
        },
      },
    },
  },
  responses: { ...noContent, ...problems(400, 401, 404) },
});

const deleteRelationship = createRoute({
  method: "delete",
  path: "/users/@me/relationships/{userId}",
  tags: ["relationships"],
  summary: "Decline, cancel, unfriend or unblock",
  security,
  request: { params: OtherUser },
  responses: { ...noContent, ...problems(400, 401, 404) },
});

const listDms = createRoute({
  method: "get",
  path: "/users/@me/channels",
  tags: ["relationships"],
  summary: "One's DM channels, most recently active first",
  security,
  responses: { 200: jsonResponse(z.array(Channel), "DM channels"), ...problems(401) },
});

const openDm = createRoute({
  method: "post",
  path: "/users/@me/channels",
  tags: ["relationships"],
  summary: "The DM channel with a user (the same one every time)",
  security,
  request: { body: jsonBody(z.strictObject({ recipientId: Id })) },
  responses: { 200: jsonResponse(Channel, "The DM channel"), ...problems(400, 401, 403, 404) },
});

/** The relationships and DM sub-app; every route needs a bearer token. */
export function relationshipRoutes(services: Services) {
  const app = newRouter();
  const rel = services.relationships;
  app.use("/users/@me/relationships", requireAuth(services));
  app.use("/users/@me/relationships/*", requireAuth(services));
  app.use("/users/@me/channels", requireAuth(services));
  return app
    .openapi(listRelationships, async (c) => c.json(await rel.list(c.get("userId")), 200))
    .openapi(sendRequest, async (c) => {
      await rel.sendRequest(c.get("userId"), c.req.valid("json").username);
      return c.body(null, 204);
    })
    .openapi(putRelationship, async (c) => {
      const { userId } = c.req.valid("param");
      if (c.req.valid("json").type === "blocked") await rel.block(c.get("userId"), userId);
      else await rel.accept(c.get("userId"), userId);
      return c.body(null, 204);
    })
    .openapi(deleteRelationship, async (c) => {
      await rel.remove(c.get("userId"), c.req.valid("param").userId);
      return c.body(null, 204);
    })
    .openapi(listDms, async (c) => c.json(await rel.listDms(c.get("userId")), 200))
    .openapi(openDm, async (c) => {
      const channel = await rel.openDm(c.get("userId"), c.req.valid("json").recipientId);
      return c.json(channel, 200);
    });
}
