/** The main pane of a voice channel: who is in the call, and joining or leaving it. */
import type { Channel } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { PaneHead } from "./PaneHead.tsx";
import { VoiceJoinButton } from "./VoiceChannel.tsx";
import { VoiceParticipants } from "./VoiceParticipants.tsx";

/** The voice channel `channel` as a page. */
export function VoicePane({ channel }: { channel: Channel }) {
  return (
    <>
      <PaneHead title={channel.name} topic={channel.topic} showMembers />
      <section class="voice-pane" aria-label={channel.name}>
        <VoiceParticipants
          channelId={channel.id}
          guildId={channel.guildId!}
          label={t("inTheCall")}
          tiles
        />
        <div class="voice-pane-actions">
          <VoiceJoinButton channel={channel} />
        </div>
      </section>
    </>
  );
}
