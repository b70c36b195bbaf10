import { expect, test } from "vitest";
import { SignJWT } from "jose";
import { openKvStore } from "../../server/store/kv/mod.ts";
import { startTestApp } from "../support/app.ts";

test("generated secrets persist in the store: sessions survive a restart", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await startTestApp({ store: await openKvStore(dir) });
    const c = first.client();
    const { accessToken } = await c.register("alice");
    const vapid = first.services.vapid;
    await first.close();

    const second = await startTestApp({ store: await openKvStore(dir) });
    const again = second.client();
    for (const [k, v] of c.cookies) again.cookies.set(k, v);
    expect((await again.get("/users/@me", { token: accessToken })).status).toBe(200);
    expect((await again.post("/auth/refresh")).status).toBe(200);
    expect(second.services.vapid).toEqual(vapid);
    expect(vapid.publicKey).toMatch(/^[\w-]{87}$/);
    await second.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

test("JWT_SECRET from the environment signs tokens instead of a generated one", async () => {
  const secret = "x".repeat(40);
  const t = await startTestApp({ env: { JWT_SECRET: secret } });
  const c = t.client();
  const { user, accessToken } = await c.register("alice");
  const sid = JSON.parse(atob(accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).sid;
  const mine = await new SignJWT({ sid })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuer("chat")
    .setAudience("chat-api")
    .setIssuedAt(Math.floor(t.clock.now() / 1000))
    .setExpirationTime(Math.floor(t.clock.now() / 1000) + 60)
    .sign(new TextEncoder().encode(secret));
  expect((await c.get("/users/@me", { token: mine })).status).toBe(200);
  await t.close();
});

test("a bad environment stops start-up with one line naming the variable", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "server/main.ts"],
    env: { PORT: "eighty", DATA_DIR: ":memory:" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr).trim().split("\n").filter((l) =>
    !l.startsWith("npm warn")
  );
  expect(out.code).toBe(78);
  expect(stderr).toEqual([`Invalid PORT: expected an integer from 0 to 65535, got "eighty"`]);
});
