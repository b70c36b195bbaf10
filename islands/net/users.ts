/** The users endpoints. */
import type { User } from "../../server/wire/types.ts";
import { request } from "./api.ts";

/** The logged-in user (refreshing the access token first if need be). */
export function getMe(): Promise<User> {
  return request<User>("GET", "/users/@me");
}
