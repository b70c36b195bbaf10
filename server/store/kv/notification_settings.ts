import {
  defaultNotificationSettings,
  type NotificationSettingsRecord,
  type NotificationSettingsRepo,
} from "../notification_settings.ts";

const settingsKey = (userId: string) => ["notification_settings", userId];

/** Notification settings in Deno KV, one entry per user. */
export function kvNotificationSettings(kv: Deno.Kv): NotificationSettingsRepo {
  return {
    async get(userId) {
      const entry = await kv.get<NotificationSettingsRecord>(settingsKey(userId));
      return entry.value ?? defaultNotificationSettings(userId);
    },

    async set(settings) {
      await kv.set(settingsKey(settings.userId), {
        userId: settings.userId,
        mutedGuildIds: [...settings.mutedGuildIds],
        mutedChannelIds: [...settings.mutedChannelIds],
        suppressEveryoneGuildIds: [...settings.suppressEveryoneGuildIds],
      });
    },
  };
}
