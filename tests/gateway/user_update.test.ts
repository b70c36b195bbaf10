import { afterEach, beforeEach, expect, test } from "vitest";
import { type Account, barrier, guildWith, startServer, type TestServer } from "./server.ts";

let s: TestServer;
let alice: Account, bob: Account, carol: Account, dave: Account;

beforeEach(async () => {
  s = await startServer();
  [alice, bob, carol, dave] = await Promise.all(
    ["alice", "bob", "carol", "dave"].map((n) => s.register(n)),
  );
});

afterEach(() => s.close());

test("a profile change reaches the user's other devices, friends and guild members; strangers get nothing", async () => {
  await guildWith(s, alice, [bob]);
  await s.api("POST", "/users/@me/relationships", { username: "carol" }, alice.accessToken);
  await s.api("PUT", `/users/@me/relationships/${alice.user.id}`, undefined, carol.accessToken);
  const [phone, b, c, d] = await Promise.all(
    [alice, bob, carol, dave].map((x) => s.connect(x.accessToken)),
  );
  const ofAlice = (u: { id: string }) => u.id === alice.user.id;

  await s.api("PATCH", "/users/@me", { displayName: "Alice Liddell" }, alice.accessToken);
  const mine = await phone.socket.dispatch("USER_UPDATE", (u) => u.email !== undefined);
  expect(mine.d).toMatchObject({
    id: alice.user.id,
    displayName: "Alice Liddell",
    email: "alice@example.org",
  });
  const seen = { id: alice.user.id, username: "alice", displayName: "Alice Liddell", avatar: null };
  expect((await b.socket.dispatch("USER_UPDATE", ofAlice)).d).toEqual(seen);
  expect((await c.socket.dispatch("USER_UPDATE", ofAlice)).d).toEqual(seen);
  await barrier(s, dave.user.id, d.socket);
  expect(d.socket.dispatches("USER_UPDATE").filter((f) => ofAlice(f.d))).toEqual([]);

  // The language is Alice's own business: only her devices hear of it.
  await s.api("PATCH", "/users/@me", { locale: "ru" }, alice.accessToken);
  await phone.socket.dispatch("USER_UPDATE", (u) => u.locale === "ru");
  await barrier(s, bob.user.id, b.socket);
  expect(b.socket.dispatches("USER_UPDATE").filter((f) => ofAlice(f.d))).toHaveLength(1);
});
