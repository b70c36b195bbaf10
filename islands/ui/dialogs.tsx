/**
 * The create-server, create-channel and invite dialogs (one lazily loaded
 * chunk: none of them is needed for the first render).
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "../i18n/mod.ts";
import { createChannel, createGuild, createInvite, navigate } from "../state/chat.ts";
import { Dialog } from "./Dialog.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Field } from "./Field.tsx";
import { field, useFormAction } from "./form.ts";

/** "Create a server": a name, then the new server opens. */
export function CreateServerDialog({ onClose }: { onClose: () => void }) {
  const form = useFormAction(async function submitServer(data) {
    await createGuild(field(data, "name"));
    onClose();
  });
  return (
    <Dialog title={t("createServer")} onClose={onClose}>
      <form class="stack" onSubmit={form.onSubmit}>
        <Field id="server-name" name="name" label={t("serverName")} maxLength={100} required />
        <ErrorAlert error={form.error.value} />
        <Actions pending={form.pending.value} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** "Create channel": a name and a type (text or voice). */
export function CreateChannelDialog(
  { guildId, onClose }: { guildId: string; onClose: () => void },
) {
  const form = useFormAction(async function submitChannel(data) {
    const type = field(data, "type") === "voice" ? "voice" : "text";
    const name = field(data, "name");
    const channel = await createChannel(guildId, type === "text" ? slug(name) : name, type);
    onClose();
    if (type === "text") navigate({ kind: "guild", guildId, channelId: channel.id });
  });
  return (
    <Dialog title={t("createChannel")} onClose={onClose}>
      <form class="stack" onSubmit={form.onSubmit}>
        <fieldset>
          <legend>{t("channelType")}</legend>
          <label class="choice">
            <input type="radio" name="type" value="text" defaultChecked />
            {t("text")}
          </label>
          <label class="choice">
            <input type="radio" name="type" value="voice" />
            {t("voice")}
          </label>
        </fieldset>
        <Field id="channel-name" name="name" label={t("channelName")} maxLength={100} required />
        <ErrorAlert error={form.error.value} />
        <Actions pending={form.pending.value} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Text channel names read best lower-case with dashes, like `#off-topic`. */
function slug(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, "-");
}

function Actions({ pending, onClose }: { pending: boolean; onClose: () => void }) {
  return (
    <div class="dialog-actions">
      <button type="button" onClick={onClose}>{t("cancel")}</button>
      <button type="submit" class="primary" disabled={pending}>{t("create")}</button>
    </div>
  );
}

/** "Invite people": makes an invite and shows its link, ready to copy. */
export function InviteDialog({ guildId, onClose }: { guildId: string; onClose: () => void }) {
  const url = useSignal("");
  const error = useSignal<Error | null>(null);
  const copied = useSignal(false);
  useEffect(function makeInvite() {
    createInvite(guildId).then(
      (invite) => (url.value = invite.url),
      (e) => (error.value = e instanceof Error ? e : new Error(String(e))),
    );
  }, [guildId]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url.value);
      copied.value = true;
    } catch {
      (document.getElementById("invite-link") as HTMLInputElement | null)?.select();
    }
  }

  return (
    <Dialog title={t("invitePeople")} onClose={onClose}>
      <div class="stack">
        <p class="hint">{t("inviteHint")}</p>
        <div class="field">
          <label for="invite-link">{t("inviteLink")}</label>
          <div class="inline-form">
            <input
              id="invite-link"
              readOnly
              value={url.value}
              placeholder={t("loading")}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" class="primary" disabled={!url.value} onClick={copy}>
              {copied.value ? t("copied") : t("copy")}
            </button>
          </div>
        </div>
        <ErrorAlert error={error.value} />
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>{t("close")}</button>
        </div>
      </div>
    </Dialog>
  );
}
