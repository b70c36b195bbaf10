/** What a user does not want to be notified about. */
export interface NotificationSettingsRecord {
  userId: string;
  /** Servers that never notify. */
  mutedGuildIds: string[];
  /** Channels (guild channels or DMs) that never notify. */
  mutedChannelIds: string[];
  /** Servers whose `@everyone` mentions do not notify (direct mentions still do). */
  suppressEveryoneGuildIds: string[];
}

/** Notification settings, one record per user. */
export interface NotificationSettingsRepo {
  /** The user's settings; nothing muted when never set. */
  get(userId: string): Promise<NotificationSettingsRecord>;
  /** Replaces the user's settings. */
  set(settings: NotificationSettingsRecord): Promise<void>;
}

/** The settings of a user who never changed them. */
export function defaultNotificationSettings(userId: string): NotificationSettingsRecord {
  return { userId, mutedGuildIds: [], mutedChannelIds: [], suppressEveryoneGuildIds: [] };
}
