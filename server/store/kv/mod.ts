/** The Deno KV store: the embedded default, and what Deno Deploy provides. */
import type { Store } from "../port.ts";
import { kvAuditLog } from "./audit_log.ts";
import { kvChannels } from "./channels.ts";
import { kvDmChannels } from "./dm_channels.ts";
import { kvFocus } from "./focus.ts";
import { kvGuilds } from "./guilds.ts";
import { kvInvites } from "./invites.ts";
import { kvJobs } from "./jobs.ts";
import { kvMembers } from "./members.ts";
import { kvMessages } from "./messages.ts";
import { kvNotificationSettings } from "./notification_settings.ts";
import { kvPushSubscriptions } from "./push_subscriptions.ts";
import { kvReadStates } from "./read_states.ts";
import { kvRelationships } from "./relationships.ts";
import { kvResets } from "./resets.ts";
import { kvSecrets } from "./secrets.ts";
import { kvSessions } from "./sessions.ts";
import { kvUsers } from "./users.ts";
import { kvVoiceStates } from "./voice_states.ts";

/** Wraps an open Deno KV database as a {@link Store}. */
export function kvStore(kv: Deno.Kv): Store {
  let closed = false;
  return {
    kind: "kv",
    users: kvUsers(kv),
    sessions: kvSessions(kv),
    secrets: kvSecrets(kv),
    resets: kvResets(kv),
    guilds: kvGuilds(kv),
    channels: { ...kvChannels(kv), ...kvDmChannels(kv) },
    members: kvMembers(kv),
    invites: kvInvites(kv),
    messages: kvMessages(kv),
    readStates: kvReadStates(kv),
    relationships: kvRelationships(kv),
    pushSubscriptions: kvPushSubscriptions(kv),
    notificationSettings: kvNotificationSettings(kv),
    jobs: kvJobs(kv),
    focus: kvFocus(kv),
    voiceStates: kvVoiceStates(kv),
    auditLog: kvAuditLog(kv),
    close() {
      if (!closed) kv.close();
      closed = true;
      return Promise.resolve();
    },
  };
}

/**
 * Opens the KV database in `dataDir` (created when missing), or an
 * in-memory one for `:memory:`.
 */
export async function openKvStore(dataDir: string): Promise<Store> {
  if (dataDir === ":memory:") return kvStore(await Deno.openKv(":memory:"));
  await Deno.mkdir(dataDir, { recursive: true });
  return kvStore(await Deno.openKv(`${dataDir}/chat.kv`));
}
