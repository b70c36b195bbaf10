/** The voice REST calls (`/channels/:id/voice`), and the leave that survives closing the tab. */
import type { VoiceJoinResponse, VoiceState } from "../../server/wire/types.ts";
import { request } from "../net/api.ts";
import { loadAccessToken } from "../net/token.ts";

/** `POST /channels/:id/voice`: how to connect. */
export type JoinAnswer = VoiceJoinResponse;

/** Joins `channelId`, binding the voice state to gateway session `sessionId` (mesh mode). */
export function postJoin(channelId: string, sessionId: string | null): Promise<JoinAnswer> {
  return request<JoinAnswer>("POST", `/channels/${channelId}/voice`, {
    body: sessionId ? { sessionId } : {},
  });
}

/** Leaves `channelId` (idempotent). */
export function deleteVoice(channelId: string): Promise<void> {
  return request<void>("DELETE", `/channels/${channelId}/voice`);
}

/** Broadcasts our mute and deafen state. */
export function patchVoice(
  channelId: string,
  state: { muted: boolean; deafened: boolean },
): Promise<VoiceState> {
  return request<VoiceState>("PATCH", `/channels/${channelId}/voice`, { body: state });
}

/** Leaves while the page goes away: `keepalive` lets the request outlive the document. */
export function leaveOnUnload(channelId: string): void {
  const token = loadAccessToken();
  void fetch(`/api/v1/channels/${channelId}/voice`, {
    method: "DELETE",
    keepalive: true,
    credentials: "same-origin",
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).catch(() => {});
}
