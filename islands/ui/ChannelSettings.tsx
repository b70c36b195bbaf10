/**
 * `Edit channel`: the channel's name and topic (with MANAGE_CHANNELS there)
 * and its permission overwrites (with MANAGE_CHANNELS or MANAGE_ROLES
 * there). Loaded on demand from the channel list.
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Channel } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { ts } from "../i18n/settings.ts";
import { channelById, guildOfChannel, loadMembers, members } from "../state/chat.ts";
import { channelPermissions, Permission } from "../state/moderation.ts";
import { editChannel } from "../state/moderation_actions.ts";
import { ChannelSettingsPermissions } from "./ChannelSettingsPermissions.tsx";
import { Dialog } from "./Dialog.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Field } from "./Field.tsx";
import { field, useFormAction } from "./form.ts";

/** The settings of `channelId`; closes itself when the channel goes away. */
export function ChannelSettings(
  { channelId, onClose }: { channelId: string; onClose: () => void },
) {
  const channel = channelById(channelId);
  const guild = guildOfChannel(channelId);
  useEffect(function closeWhenGone() {
    if (!channel || !guild) onClose();
  }, [channel, guild]);
  useEffect(function loadMembersOnce() {
    if (guild && !members.peek().has(guild.id)) loadMembers(guild.id).catch(() => {});
  }, [guild?.id]);
  if (!channel || !guild) return null;
  const bits = channelPermissions(guild, channel);
  const manage = (bits & Permission.MANAGE_CHANNELS) !== 0;
  return (
    <Dialog
      title={t("editChannel", { name: channelLabel(channel) })}
      onClose={onClose}
      class="settings-dialog"
    >
      <div class="stack">
        {manage && <ChannelForm channel={channel} />}
        <ChannelSettingsPermissions guild={guild} channel={channel} />
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>{t("close")}</button>
        </div>
      </div>
    </Dialog>
  );
}

/** `#general` for text channels, the plain name for voice ones. */
export function channelLabel(channel: Channel): string {
  return channel.type === "text" ? `#${channel.name}` : channel.name;
}

function ChannelForm({ channel }: { channel: Channel }) {
  const saved = useSignal(false);
  const form = useFormAction(async function submitChannel(data) {
    saved.value = false;
    const topic = field(data, "topic");
    await editChannel(channel.id, {
      name: field(data, "name"),
      ...(channel.type === "text" ? { topic: topic || null } : {}),
    });
    saved.value = true;
  });
  return (
    <form class="stack" onSubmit={form.onSubmit}>
      <Field
        id="channel-settings-name"
        name="name"
        label={t("channelName")}
        defaultValue={channel.name}
        maxLength={100}
        required
      />
      {channel.type === "text" && (
        <Field
          id="channel-settings-topic"
          name="topic"
          label={ts("topic")}
          defaultValue={channel.topic ?? ""}
          maxLength={1024}
        />
      )}
      <ErrorAlert error={form.error.value} />
      <p class="hint" role="status">{saved.value ? ts("saved") : ""}</p>
      <div class="dialog-actions">
        <button type="submit" class="primary" disabled={form.pending.value}>{t("save")}</button>
      </div>
    </form>
  );
}
