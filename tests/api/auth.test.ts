import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { smtpMailer } from "../../server/auth/mailer.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { mailText, type SmtpSink, startSmtpSink } from "../support/smtp_sink.ts";

let t: TestApp;
let sink: SmtpSink;

beforeEach(async () => {
  sink = startSmtpSink();
  t = await startTestApp({
    mailer: smtpMailer(new URL(`smtp://127.0.0.1:${sink.port}`), "Chat <noreply@chat.test>"),
  });
});

afterEach(async () => {
  await t.close();
  await sink.close();
});

describe("register", () => {
  test("creates the account, answers 201 with the user and sets a scoped HttpOnly refresh cookie", async () => {
    const res = await t.client().post("/auth/register", {
      username: "Alice",
      email: "Alice@Example.org",
      password: "password123",
      displayName: "Alice A.",
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: "alice",
      email: "alice@example.org",
      displayName: "Alice A.",
      locale: "en",
    });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^refresh_token=[\w-]{20,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(cookie).not.toMatch(/Secure/);
  });

  test("marks the refresh cookie Secure when the app is served over https", async () => {
    const secure = await startTestApp({ env: { PUBLIC_URL: "https://chat.example.org" } });
    const res = await secure.client().post("/auth/register", {
      username: "bob",
      email: "bob@example.org",
      password: "password123",
    });
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    await secure.close();
  });

  test("refuses a username taken in another case and an e-mail taken, storing nothing", async () => {
    const c = t.client();
    await c.register("alice");
    const dupName = await c.post("/auth/register", {
      username: "ALICE",
      email: "other@example.org",
      password: "password123",
    });
    expect(dupName.status).toBe(409);
    expect(dupName.body).toMatchObject({ type: "conflict", title: "Username is already taken" });
    const dupEmail = await c.post("/auth/register", {
      username: "alice2",
      email: "ALICE@example.org",
      password: "password123",
    });
    expect(dupEmail.status).toBe(409);
    expect(dupEmail.body.type).toBe("conflict");
    expect(await t.store.users.getByEmail("other@example.org")).toBeNull();
    expect(await t.store.users.getByUsername("alice2")).toBeNull();
  });
});

describe("login", () => {
  test("logs in by username or by e-mail, in any case", async () => {
    const c = t.client();
    const { user } = await c.register("alice");
    for (const login of ["alice", "ALICE", "alice@example.org", "Alice@Example.ORG"]) {
      const res = await c.post("/auth/login", { login, password: "password123" });
      expect(res.status, login).toBe(200);
      expect(res.body.user.id).toBe(user.id);
      const me = await c.get("/users/@me", { token: res.body.accessToken });
      expect(me.body.username).toBe("alice");
    }
  });

  test("answers a wrong password and an unknown account alike", async () => {
    const c = t.client();
    await c.register("alice");
    const wrong = await c.post("/auth/login", { login: "alice", password: "nope-nope" });
    const unknown = await c.post("/auth/login", { login: "nobody", password: "password123" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get("content-type")).toBe("application/problem+json");
    expect(wrong.body.title).toBe(unknown.body.title);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });
});

describe("access tokens", () => {
  test("a token expires after JWT_ACCESS_TTL and then gets 401", async () => {
    const c = t.client();
    const { accessToken } = await c.register("alice");
    expect((await c.get("/users/@me", { token: accessToken })).status).toBe(200);
    t.clock.advance(t.services.config.jwtAccessTtlSeconds * 1000 + 1000);
    const res = await c.get("/users/@me", { token: accessToken });
    expect(res.status).toBe(401);
    expect(res.body.title).toBe("Access token expired");
  });

  test("a token is still refused after the token it was altered from was accepted", async () => {
    const c = t.client();
    const { accessToken, user } = await c.register("alice");
    const other = await c.register("bob");
    expect((await c.get("/users/@me", { token: accessToken })).status).toBe(200);
    const [header, payload, signature] = accessToken.split(".");
    // Bob's id in Alice's token, her signature kept; and her token with its signature flipped.
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    const b64url = (o: unknown) =>
      btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const swapped = `${header}.${b64url({ ...claims, sub: other.user.id })}.${signature}`;
    const flip = signature[0] === "A" ? "B" : "A";
    const resigned = `${header}.${payload}.${flip}${signature.slice(1)}`;
    for (const token of [swapped, resigned]) {
      const res = await c.get("/users/@me", { token });
      expect(res.status, token).toBe(401);
    }
    const again = await c.get("/users/@me", { token: accessToken });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(user.id);
  });

  test("forged, alg:none and malformed tokens are refused", async () => {
    const c = t.client();
    const { user } = await c.register("alice");
    const forged = await new SignJWT({ sid: "x" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer("chat")
      .setAudience("chat-api")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("not-the-server-secret-not-the-server-secret"));
    const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "");
    const none = `${b64({ alg: "none", typ: "JWT" })}.${
      b64({ sub: user.id, sid: "x", iss: "chat", aud: "chat-api", exp: 9e9 })
    }.`;
    for (const token of [forged, none, "garbage", "a.b.c"]) {
      const res = await c.get("/users/@me", { token });
      expect(res.status, token).toBe(401);
      expect(res.body.type).toBe("unauthorized");
    }
    expect((await c.get("/users/@me")).status).toBe(401);
    expect((await c.get("/users/@me", { headers: { authorization: "Basic abc" } })).status)
      .toBe(401);
  });
});

describe("refresh tokens", () => {
  test("refresh rotates the cookie and returns a working access token", async () => {
    const c = t.client();
    await c.register("alice");
    const first = c.cookies.get("refresh_token");
    const res = await c.post("/auth/refresh");
    expect(res.status).toBe(200);
    expect(c.cookies.get("refresh_token")).not.toBe(first);
    expect((await c.get("/users/@me", { token: res.body.accessToken })).status).toBe(200);
  });

  test("a refresh token used twice revokes the whole family", async () => {
    const c = t.client();
    await c.register("alice");
    const stolen = c.cookies.get("refresh_token")!;
    const good = await c.post("/auth/refresh");
    expect(good.status).toBe(200);

    const thief = t.client();
    thief.cookies.set("refresh_token", stolen);
    const reuse = await thief.post("/auth/refresh");
    expect(reuse.status).toBe(401);
    expect(reuse.body.detail).toMatch(/already used/);

    // The legitimate holder's newer token and access token are dead too.
    expect((await c.post("/auth/refresh")).status).toBe(401);
    expect((await c.get("/users/@me", { token: good.body.accessToken })).status).toBe(401);
  });

  test("without a cookie refresh is 401", async () => {
    const res = await t.client().post("/auth/refresh");
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe("no refresh cookie was sent");
  });

  test("logout revokes the session and clears the cookie", async () => {
    const c = t.client();
    const { accessToken } = await c.register("alice");
    const token = c.cookies.get("refresh_token")!;
    const res = await c.post("/auth/logout");
    expect(res.status).toBe(204);
    expect(c.cookies.has("refresh_token")).toBe(false);
    expect((await c.get("/users/@me", { token: accessToken })).status).toBe(401);
    c.cookies.set("refresh_token", token);
    expect((await c.post("/auth/refresh")).status).toBe(401);
  });

  test("other sessions of the same user survive a logout", async () => {
    const phone = t.client();
    const laptop = t.client();
    await phone.register("alice");
    const login = await laptop.post("/auth/login", { login: "alice", password: "password123" });
    await phone.post("/auth/logout");
    expect((await laptop.get("/users/@me", { token: login.body.accessToken })).status).toBe(200);
  });
});

describe("password reset", () => {
  test("mails a single-use link that sets a new password and revokes every session", async () => {
    const c = t.client();
    const { accessToken } = await c.register("alice");
    const res = await c.post("/auth/password-reset", { email: "ALICE@example.org" });
    expect(res.status).toBe(202);

    const mail = await sink.next();
    expect(mail.to).toEqual(["alice@example.org"]);
    expect(mail.data).toMatch(/^Subject: Reset your password/m);
    const text = mailText(mail.data);
    const link = /http:\/\/chat\.test\/reset-password\?token=([\w%-]+)/.exec(text);
    expect(link, text).not.toBeNull();
    const token = decodeURIComponent(link![1]);

    const confirm = await c.post("/auth/password-reset/confirm", {
      token,
      password: "new-password-1",
    });
    expect(confirm.status).toBe(204);
    expect((await c.get("/users/@me", { token: accessToken })).status).toBe(401);
    expect((await c.post("/auth/refresh")).status).toBe(401);
    expect((await c.post("/auth/login", { login: "alice", password: "password123" })).status)
      .toBe(401);
    expect((await c.post("/auth/login", { login: "alice", password: "new-password-1" })).status)
      .toBe(200);

    const again = await c.post("/auth/password-reset/confirm", { token, password: "third-pass-1" });
    expect(again.status).toBe(401);
  });

  test("answers 202 for an unknown address and sends nothing (no account enumeration)", async () => {
    const c = t.client();
    await c.register("alice");
    const res = await c.post("/auth/password-reset", { email: "nobody@example.org" });
    expect(res.status).toBe(202);
    await c.post("/auth/password-reset", { email: "alice@example.org" });
    const mail = await sink.next();
    expect(mail.to).toEqual(["alice@example.org"]);
    expect(sink.messages).toHaveLength(1);
  });

  test("a reset link expires after an hour", async () => {
    const c = t.client();
    await c.register("alice");
    await c.post("/auth/password-reset", { email: "alice@example.org" });
    const token = decodeURIComponent(
      /token=([\w%-]+)/.exec(mailText((await sink.next()).data))![1],
    );
    t.clock.advance(61 * 60 * 1000);
    const res = await c.post("/auth/password-reset/confirm", { token, password: "new-password-1" });
    expect(res.status).toBe(401);
    expect(res.body.title).toBe("Reset link is invalid or expired");
  });

  test("the e-mail speaks the user's language", async () => {
    const c = t.client();
    await c.register("ivan", { locale: "ru", displayName: "Иван" });
    await c.post("/auth/password-reset", { email: "ivan@example.org" });
    const mail = await sink.next();
    expect(mailText(mail.data)).toMatch(/Здравствуйте, Иван!/);
  });
});

describe("without SMTP_URL", () => {
  test("the reset link is written to the log", async () => {
    const plain = await startTestApp();
    const c = plain.client();
    await c.register("alice");
    await c.post("/auth/password-reset", { email: "alice@example.org" });
    const line = plain.log.lines.find((l) => l.msg === "mail not sent: SMTP_URL is not set");
    expect(line?.to).toBe("alice@example.org");
    expect(String(line?.text)).toMatch(/http:\/\/chat\.test\/reset-password\?token=/);
    await plain.close();
  });
});
