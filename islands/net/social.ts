/** Relationships and DM channels. */
import type { Channel, Relationship } from "../../server/wire/types.ts";
import { request } from "./api.ts";

/** Every relationship of the viewer. */
export function fetchRelationships(): Promise<Relationship[]> {
  return request<Relationship[]>("GET", "/users/@me/relationships");
}

/** Sends a friend request by username (or accepts theirs). */
export function postFriendRequest(username: string): Promise<void> {
  return request<void>("POST", "/users/@me/relationships", { body: { username } });
}

/** Accepts an incoming request, or blocks with `type: "blocked"`. */
export function putRelationship(userId: string, type: "friend" | "blocked"): Promise<void> {
  return request<void>("PUT", `/users/@me/relationships/${userId}`, { body: { type } });
}

/** Declines, cancels, unfriends or unblocks. */
export function deleteRelationship(userId: string): Promise<void> {
  return request<void>("DELETE", `/users/@me/relationships/${userId}`);
}

/** The viewer's DM channels, most recently active first. */
export function fetchDms(): Promise<Channel[]> {
  return request<Channel[]>("GET", "/users/@me/channels");
}

/** The DM channel with `recipientId` (the same one every time). */
export function postDm(recipientId: string): Promise<Channel> {
  return request<Channel>("POST", "/users/@me/channels", { body: { recipientId } });
}
