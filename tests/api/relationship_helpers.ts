/** The REST calls and event reading the relationship suites share. */
import { expect } from "vitest";
import type { Session, TestContext } from "../support/app.ts";

/** Relationship helpers bound to one suite's per-test context. */
export function relationshipHelpers(ctx: TestContext) {
  return {
    /** `[username, type]` of each of the user's relationships. */
    async relationships(s: Session) {
      const res = await ctx.c.get("/users/@me/relationships", { token: s.accessToken });
      expect(res.status).toBe(200);
      return res.body.map((r: { user: { username: string }; type: string }) => [
        r.user.username,
        r.type,
      ]);
    },
    request: (from: Session, username: string) =>
      ctx.c.post("/users/@me/relationships", { username }, { token: from.accessToken }),
    put: (from: Session, userId: string, body?: unknown) =>
      ctx.c.request("PUT", `/users/@me/relationships/${userId}`, body, {
        token: from.accessToken,
      }),
    del: (from: Session, userId: string) =>
      ctx.c.request("DELETE", `/users/@me/relationships/${userId}`, undefined, {
        token: from.accessToken,
      }),
    /** `[receiver, event, subject, type]` of the relationship events so far, then forgets them. */
    delivered() {
      const out = ctx.events.filter((e) => e.t.startsWith("RELATIONSHIP_")).map((e) => {
        const d = e.d as { user?: { username: string }; type?: string; userId?: string };
        return [(e.to as { userIds: string[] }).userIds, e.t, d.user?.username ?? d.userId, d.type];
      });
      ctx.events = [];
      return out;
    },
  };
}
