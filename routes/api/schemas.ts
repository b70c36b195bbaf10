/**
 * Request and response schemas: they validate requests and generate the
 * OpenAPI document, so the docs cannot drift from what the server accepts.
 */
import { z } from "@hono/zod-openapi";
import { ID_PATTERN } from "../../server/ids.ts";

/** `a-z 0-9 _ .`, 2–32 chars; input is lower-cased first. */
export const Username = z.string().trim().toLowerCase().regex(/^[a-z0-9_.]{2,32}$/, {
  message: "must be 2–32 characters of a-z, 0-9, _ and .",
}).openapi({ example: "alice" });

export const Email = z.string().trim().max(254).pipe(
  z.email({ message: "must be an e-mail address" }),
)
  .openapi({ example: "alice@example.org" });

export const Password = z.string().min(8, { message: "must be at least 8 characters" })
  .max(128, { message: "must be at most 128 characters" }).openapi({
    example: "correct horse battery",
  });

export const DisplayName = z.string().trim().min(1).max(32).openapi({ example: "Alice" });

export const Locale = z.enum(["en", "ru"]);

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  locale: Locale,
  avatar: z.string().nullable(),
  createdAt: z.string(),
}).openapi("User");

export const PublicUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  avatar: z.string().nullable(),
}).openapi("PublicUser");

/** A server-made id (ULID). */
export const Id = z.string().regex(ID_PATTERN, { message: "must be an id" })
  .openapi({ example: "01J9ZK3Q4M5N6P7R8S9T0V1W2X" });

/** A guild channel or a DM channel. */
export const Channel = z.object({
  id: z.string(),
  type: z.enum(["text", "voice", "dm"]),
  guildId: z.string().nullable(),
  name: z.string(),
  topic: z.string().nullable(),
  position: z.number().int(),
  recipients: z.array(PublicUser).optional(),
  lastMessageId: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Channel");

export const Problem = z.object({
  type: z.string().openapi({ example: "validation_failed" }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
}).openapi("Problem");

/** A JSON request body, required, described for OpenAPI. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

/** A JSON response for OpenAPI. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The problem responses a route may give, for OpenAPI. */
export function problems(...statuses: number[]) {
  const described: Record<number, string> = {
    400: "Invalid request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    413: "Body too large",
    429: "Rate limited",
  };
  return Object.fromEntries(statuses.map((s) => [s, {
    description: described[s] ?? "Error",
    content: { "application/problem+json": { schema: Problem } },
  }]));
}
