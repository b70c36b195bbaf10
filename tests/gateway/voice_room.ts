/** Set-up shared by the gateway voice suites: people on sockets in a guild's voice channel. */
import type { GatewaySocket } from "../support/gateway_client.ts";
import { type Account, guildWith, type TestServer } from "./server.ts";

/** A user with an identified socket. */
export interface Peer {
  account: Account;
  id: string;
  socket: GatewaySocket;
  gatewaySessionId: string;
  /** The voice session of the latest join (empty until joined). */
  voiceSessionId: string;
}

/** Connects an account: its socket and gateway session. */
export async function online(s: TestServer, account: Account): Promise<Peer> {
  const { socket, ready } = await s.connect(account.accessToken);
  return {
    account,
    id: account.user.id,
    socket,
    gatewaySessionId: ready.sessionId,
    voiceSessionId: "",
  };
}

/** A guild owned by the first account with the others in it; its voice channel id. */
export async function voiceGuild(s: TestServer, owner: Account, members: Account[]) {
  const { guildId } = await guildWith(s, owner, members);
  const guild = await s.api("GET", `/guilds/${guildId}`, undefined, owner.accessToken);
  const voiceId: string = guild.channels.find((c: { type: string }) => c.type === "voice").id;
  return { guildId, voiceId };
}

/** Joins the voice channel in mesh mode bound to the peer's gateway session. */
// deno-lint-ignore no-explicit-any
export async function joinVoice(s: TestServer, peer: Peer, channelId: string): Promise<any> {
  const res = await s.api(
    "POST",
    `/channels/${channelId}/voice`,
    { sessionId: peer.gatewaySessionId },
    peer.account.accessToken,
  );
  peer.voiceSessionId = res.sessionId;
  return res;
}

/** Sends a voice signal from `from` to `to`. */
export function signal(from: Peer, to: string, data: unknown, sessionId = from.voiceSessionId) {
  from.socket.send({ op: "voice_signal", d: { to, sessionId, data } });
}

export const OFFER = { type: "offer", sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" };
export const ANSWER = { type: "answer", sdp: OFFER.sdp };
