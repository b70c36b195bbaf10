/**
 * Web push: the VAPID public key, subscribing and unsubscribing a browser,
 * and what one wants to be notified about (`/users/@me/notification-settings`).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../server/errors.ts";
import type { Services } from "../../server/services.ts";
import { newRouter, requireAuth } from "./env.ts";
import { Id, jsonBody, jsonResponse, problems } from "./schemas.ts";

const security = [{ bearer: [] }];

/** A subscription body is a few hundred bytes; anything near this is not one. */
const SUBSCRIPTION_BODY_LIMIT = 4096;

const Endpoint = z.string().max(2048).openapi({
  example: "https://fcm.googleapis.com/fcm/send/abc123",
});

const Subscription = z.strictObject({
  endpoint: Endpoint,
  expirationTime: z.number().int().nonnegative().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/, {
      message: "must be a base64url P-256 public key (65 bytes)",
    }),
    auth: z.string().regex(/^[A-Za-z0-9_-]{21,24}={0,2}$/, {
      message: "must be a base64url 16-byte secret",
    }),
  }),
  device: z.string().trim().min(1).max(64).nullable().optional(),
}).openapi("PushSubscriptionInput");

const SubscriptionView = z.object({
  endpoint: z.string(),
  device: z.string().nullable(),
  createdAt: z.string(),
}).openapi("PushSubscription");

const NotificationSettings = z.strictObject({
  mutedGuildIds: z.array(Id).max(200),
  mutedChannelIds: z.array(Id).max(1000),
  suppressEveryoneGuildIds: z.array(Id).max(200),
}).openapi("NotificationSettings");

const vapidKey = createRoute({
  method: "get",
  path: "/push/vapid-public-key",
  tags: ["push"],
  summary: "The application server key for PushManager.subscribe",
  responses: {
    200: jsonResponse(z.object({ publicKey: z.string() }), "The VAPID public key (base64url)"),
  },
});

const subscribe = createRoute({
  method: "post",
  path: "/push/subscriptions",
  tags: ["push"],
  summary: "Subscribe this browser to pushes (a PushSubscription.toJSON())",
  security,
  request: { body: jsonBody(Subscription) },
  responses: {
    201: jsonResponse(SubscriptionView, "Subscribed (or refreshed)"),
    ...problems(400, 401, 413),
  },
});

const unsubscribe = createRoute({
  method: "delete",
  path: "/push/subscriptions",
  tags: ["push"],
  summary: "Unsubscribe a browser of one's own",
  security,
  request: { body: jsonBody(z.strictObject({ endpoint: Endpoint })) },
  responses: { 204: { description: "Unsubscribed" }, ...problems(400, 401, 404, 413) },
});

const getSettings = createRoute({
  method: "get",
  path: "/users/@me/notification-settings",
  tags: ["push"],
  summary: "Muted servers and channels, and servers whose @everyone stays silent",
  security,
  responses: { 200: jsonResponse(NotificationSettings, "The settings"), ...problems(401) },
});

const putSettings = createRoute({
  method: "put",
  path: "/users/@me/notification-settings",
  tags: ["push"],
  summary: "Replace one's notification settings",
  security,
  request: { body: jsonBody(NotificationSettings) },
  responses: {
    200: jsonResponse(NotificationSettings, "The stored settings"),
    ...problems(400, 401),
  },
});

/** The push sub-app. */
export function pushRoutes(services: Services) {
  const app = newRouter();
  const push = services.push.service;
  app.use(
    "/push/subscriptions",
    bodyLimit({
      maxSize: SUBSCRIPTION_BODY_LIMIT,
      onError: () => {
        throw new AppError("payload_too_large", "Push subscription body is too large", {
          detail: `a subscription is at most ${SUBSCRIPTION_BODY_LIMIT} bytes of JSON`,
        });
      },
    }),
  );
  app.use("/push/subscriptions", requireAuth(services));
  app.use("/users/@me/notification-settings", requireAuth(services));
  return app
    .openapi(vapidKey, (c) => c.json({ publicKey: services.vapid.publicKey }, 200))
    .openapi(subscribe, async (c) => {
      const view = await push.subscribe(c.get("userId"), c.req.valid("json"));
      return c.json(view, 201);
    })
    .openapi(unsubscribe, async (c) => {
      await push.unsubscribe(c.get("userId"), c.req.valid("json").endpoint);
      return c.body(null, 204);
    })
    .openapi(getSettings, async (c) => c.json(await push.settings(c.get("userId")), 200))
    .openapi(putSettings, async (c) => {
      const settings = await push.setSettings(c.get("userId"), c.req.valid("json"));
      return c.json(settings, 200);
    });
}
