/** `/auth/*`: register, log in, refresh, log out, reset a password. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Services } from "../../server/services.ts";
import { type AppEnv, clientAddress, newRouter } from "./env.ts";
import {
  DisplayName,
  Email,
  jsonBody,
  jsonResponse,
  Locale,
  Password,
  problems,
  User,
  Username,
} from "./schemas.ts";

/** The refresh-token cookie, scoped to the auth endpoints only. */
export const REFRESH_COOKIE = "refresh_token";
const COOKIE_PATH = "/api/v1/auth";

const Session = z.object({ user: User, accessToken: z.string() }).openapi("Session");
const AccessToken = z.object({ accessToken: z.string() }).openapi("AccessToken");

const register = createRoute({
  method: "post",
  path: "/auth/register",
  tags: ["auth"],
  summary: "Create an account and log in",
  request: {
    body: jsonBody(z.strictObject({
      username: Username,
      email: Email,
      password: Password,
      displayName: DisplayName.optional(),
      locale: Locale.optional(),
    })),
  },
  responses: { 201: jsonResponse(Session, "Registered"), ...problems(400, 409, 413, 429) },
});

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Log in by username or e-mail",
  request: {
    body: jsonBody(z.strictObject({
      login: z.string().trim().min(1).max(254).openapi({ example: "alice" }),
      password: z.string().min(1).max(128),
    })),
  },
  responses: { 200: jsonResponse(Session, "Logged in"), ...problems(400, 401, 429) },
});

const refresh = createRoute({
  method: "post",
  path: "/auth/refresh",
  tags: ["auth"],
  summary: "Rotate the refresh cookie and get a new access token",
  responses: { 200: jsonResponse(AccessToken, "Refreshed"), ...problems(401) },
});

const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "Revoke this session",
  responses: { 204: { description: "Logged out" } },
});

const resetRequest = createRoute({
  method: "post",
  path: "/auth/password-reset",
  tags: ["auth"],
  summary: "Mail a password-reset link (answers 202 whether or not the address is known)",
  request: { body: jsonBody(z.strictObject({ email: Email })) },
  responses: { 202: { description: "Accepted" }, ...problems(400, 429) },
});

const resetConfirm = createRoute({
  method: "post",
  path: "/auth/password-reset/confirm",
  tags: ["auth"],
  summary: "Set a new password from a reset link; revokes every session",
  request: {
    body: jsonBody(z.strictObject({ token: z.string().min(1).max(200), password: Password })),
  },
  responses: { 204: { description: "Password changed" }, ...problems(400, 401, 429) },
});

/** The auth sub-app. */
export function authRoutes(services: Services) {
  const { limiter, limits, config } = services;
  const secure = config.publicUrl.protocol === "https:";

  function setRefreshCookie(c: Context<AppEnv>, token: string) {
    setCookie(c, REFRESH_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      path: COOKIE_PATH,
      secure,
      maxAge: config.jwtRefreshTtlSeconds,
    });
  }

  return newRouter()
    .openapi(register, async (c) => {
      limiter.hit(limits.registerPerIp, clientAddress(c, config.trustProxy));
      const { refreshToken, ...session } = await services.auth.register(c.req.valid("json"));
      setRefreshCookie(c, refreshToken);
      return c.json(session, 201);
    })
    .openapi(login, async (c) => {
      const body = c.req.valid("json");
      limiter.hit(limits.loginPerIp, clientAddress(c, config.trustProxy));
      limiter.hit(limits.loginPerAccount, body.login.toLowerCase());
      const { refreshToken, ...session } = await services.auth.login(body.login, body.password);
      setRefreshCookie(c, refreshToken);
      return c.json(session, 200);
    })
    .openapi(refresh, async (c) => {
      const issued = await services.auth.refresh(getCookie(c, REFRESH_COOKIE));
      setRefreshCookie(c, issued.refreshToken);
      return c.json({ accessToken: issued.accessToken }, 200);
    })
    .openapi(logout, async (c) => {
      await services.auth.logout(getCookie(c, REFRESH_COOKIE));
      deleteCookie(c, REFRESH_COOKIE, {
        path: COOKIE_PATH,
        secure,
        httpOnly: true,
        sameSite: "Strict",
      });
      return c.body(null, 204);
    })
    .openapi(resetRequest, async (c) => {
      const { email } = c.req.valid("json");
      limiter.hit(limits.resetPerIp, clientAddress(c, config.trustProxy));
      limiter.hit(limits.resetPerAccount, email.toLowerCase());
      await services.auth.requestPasswordReset(email);
      return c.body(null, 202);
    })
    .openapi(resetConfirm, async (c) => {
      limiter.hit(limits.resetPerIp, clientAddress(c, config.trustProxy));
      const { token, password } = c.req.valid("json");
      await services.auth.confirmPasswordReset(token, password);
      return c.body(null, 204);
    });
}
