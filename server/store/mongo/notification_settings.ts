import type { Collection, Db } from "mongodb";
import {
  defaultNotificationSettings,
  type NotificationSettingsRecord,
  type NotificationSettingsRepo,
} from "../notification_settings.ts";
import { str } from "./util.ts";

/** One user's settings in the `notification_settings` collection; `_id` is the user id. */
interface SettingsDoc extends Omit<NotificationSettingsRecord, "userId"> {
  _id: string;
}

const ids = (list: string[], what: string) => list.map((id) => str(id, what));

/** Notification settings in the MongoDB `notification_settings` collection. */
export function mongoNotificationSettings(db: Db): Promise<NotificationSettingsRepo> {
  const settings: Collection<SettingsDoc> = db.collection<SettingsDoc>("notification_settings");

  return Promise.resolve({
    async get(userId) {
      const doc = await settings.findOne({ _id: str(userId, "userId") });
      if (!doc) return defaultNotificationSettings(userId);
      return {
        userId,
        mutedGuildIds: doc.mutedGuildIds,
        mutedChannelIds: doc.mutedChannelIds,
        suppressEveryoneGuildIds: doc.suppressEveryoneGuildIds,
      };
    },

    async set(s) {
      const doc: SettingsDoc = {
        _id: str(s.userId, "userId"),
        mutedGuildIds: ids(s.mutedGuildIds, "mutedGuildIds"),
        mutedChannelIds: ids(s.mutedChannelIds, "mutedChannelIds"),
        suppressEveryoneGuildIds: ids(s.suppressEveryoneGuildIds, "suppressEveryoneGuildIds"),
      };
      await settings.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },
  });
}
