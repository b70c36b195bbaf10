/**
 * The MongoDB store, for running several instances against one database:
 * one collection per aggregate, indexes created at start-up, majority writes.
 */
import { MongoClient } from "mongodb";
import type { Store } from "../port.ts";
import { mongoAuditLog } from "./audit_log.ts";
import { mongoChannels } from "./channels.ts";
import { mongoDmChannels } from "./dm_channels.ts";
import { mongoFocus } from "./focus.ts";
import { mongoGuilds } from "./guilds.ts";
import { mongoInvites } from "./invites.ts";
import { mongoJobs } from "./jobs.ts";
import { mongoMembers } from "./members.ts";
import { mongoMessages } from "./messages.ts";
import { mongoNotificationSettings } from "./notification_settings.ts";
import { mongoPushSubscriptions } from "./push_subscriptions.ts";
import { mongoReadStates } from "./read_states.ts";
import { mongoRelationships } from "./relationships.ts";
import { mongoResets } from "./resets.ts";
import { mongoSecrets } from "./secrets.ts";
import { mongoSessions } from "./sessions.ts";
import { mongoUsers } from "./users.ts";
import { mongoVoiceStates } from "./voice_states.ts";

/**
 * Wraps database `dbName` of a connected client as a {@link Store}, with
 * `w: "majority"` on every write, after creating the indexes. The store's
 * `close` closes the client.
 */
export async function mongoStore(client: MongoClient, dbName: string): Promise<Store> {
  const db = client.db(dbName, { writeConcern: { w: "majority" } });
  const [users, sessions, secrets, resets] = await Promise.all([
    mongoUsers(db),
    mongoSessions(db),
    mongoSecrets(db),
    mongoResets(db),
  ]);
  const [guilds, channels, dmChannels, members, invites, messages, readStates, relationships] =
    await Promise.all([
      mongoGuilds(db),
      mongoChannels(db),
      mongoDmChannels(db),
      mongoMembers(db),
      mongoInvites(db),
      mongoMessages(db),
      mongoReadStates(db),
      mongoRelationships(db),
    ]);
  const [pushSubscriptions, notificationSettings, jobs, focus] = await Promise.all([
    mongoPushSubscriptions(db),
    mongoNotificationSettings(db),
    mongoJobs(db),
    mongoFocus(db),
  ]);
  const [voiceStates, auditLog] = await Promise.all([mongoVoiceStates(db), mongoAuditLog(db)]);
  return {
    kind: "mongodb",
    users,
    sessions,
    secrets,
    resets,
    guilds,
    channels: { ...channels, ...dmChannels },
    members,
    invites,
    messages,
    readStates,
    relationships,
    pushSubscriptions,
    notificationSettings,
    jobs,
    focus,
    voiceStates,
    auditLog,
    close: () => client.close(),
  };
}

/** Connects to `uri` and opens database `dbName` as a {@link Store}. */
export async function openMongoStore(uri: string, dbName: string): Promise<Store> {
  const client = new MongoClient(uri, { writeConcern: { w: "majority" } });
  await client.connect();
  try {
    return await mongoStore(client, dbName);
  } catch (error) {
    await client.close();
    throw error;
  }
}
