/** An invite's landing: the guild's name and member count, and `Join`. */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { InvitePreview } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { guilds, joinInvite, navigate, previewInvite } from "../state/chat.ts";
import { Avatar } from "./Avatar.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { firstTextChannel } from "./ServerRail.tsx";

/** The preview of invite `code`. */
export function InviteLanding({ code }: { code: string }) {
  const preview = useSignal<InvitePreview | null>(null);
  const error = useSignal<Error | null>(null);
  const joining = useSignal(false);
  useEffect(function load() {
    previewInvite(code).then(
      (p) => (preview.value = p),
      (e) => (error.value = e instanceof Error ? e : new Error(String(e))),
    );
  }, [code]);

  const invite = preview.value;
  const member = invite ? guilds.value.get(invite.guild.id) : undefined;
  async function join() {
    if (member) {
      return navigate({ kind: "guild", guildId: member.id, channelId: firstTextChannel(member) });
    }
    joining.value = true;
    try {
      await joinInvite(code);
    } catch (e) {
      error.value = e instanceof Error ? e : new Error(String(e));
      joining.value = false;
    }
  }

  return (
    <div class="invite-card">
      {invite
        ? (
          <>
            <Avatar id={invite.guild.id} name={invite.guild.name} />
            <p class="hint">{t("invitedTo")}</p>
            <h1 dir="auto">{invite.guild.name}</h1>
            <p class="hint">{t("memberCount", { count: invite.memberCount })}</p>
            <button type="button" class="primary" onClick={join} disabled={joining.value}>
              {member ? t("joined") : t("join")}
            </button>
          </>
        )
        : !error.value && <p>{t("loading")}</p>}
      {error.value && <p>{t("inviteInvalid")}</p>}
      <ErrorAlert error={error.value} />
    </div>
  );
}
