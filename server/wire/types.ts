/**
 * Wire types shared by the server, the islands and the service worker.
 *
 * Plain TypeScript only: this module must stay free of runtime
 * dependencies so every bundle can import it at no cost.
 */

/** A user as the user themself sees it (includes their e-mail). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  locale: Locale;
  avatar: string | null;
  createdAt: string;
}

/** A user as anyone else sees it: never an e-mail or a password hash. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  avatar: string | null;
}

/** The locales the product speaks. */
export type Locale = "en" | "ru";

/** `POST /auth/register` and `POST /auth/login` answer with this. */
export interface AuthResponse {
  user: User;
  accessToken: string;
}

/** An RFC 9457 problem document, as every error is rendered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  requestId?: string;
}
