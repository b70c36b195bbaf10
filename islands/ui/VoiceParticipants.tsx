/** Who is in a voice channel: names, with muted, deafened and speaking noted for everyone. */
import { useEffect } from "preact/hooks";
import type { VoiceState } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { loadMembers, me, members, users } from "../state/chat.ts";
import { speaking, voiceParticipants } from "../state/voice.ts";
import { Avatar } from "./Avatar.tsx";
import { VoiceIcon } from "./VoiceIcon.tsx";
import { userName } from "./names.ts";

/** Props of {@link VoiceParticipants}. */
export interface VoiceParticipantsProps {
  channelId: string;
  guildId: string;
  /** The list's accessible name (`Voice participants` in the channel list). */
  label: string;
  /** Large tiles (the voice pane) instead of a compact list. */
  tiles?: boolean;
}

/** A `list` of the participants; renders nothing for an empty channel unless `tiles`. */
export function VoiceParticipants({ channelId, guildId, label, tiles }: VoiceParticipantsProps) {
  const states = voiceParticipants(channelId);
  const names = useNames(guildId, states);
  if (states.length === 0) return tiles ? <p class="welcome">{t("voiceEmpty")}</p> : null;
  return (
    <ul class={tiles ? "voice-tiles" : "voice-people"} aria-label={label}>
      {states.map((state) => {
        const name = names.get(state.userId) ?? t("unknownUser");
        const talking = speaking.value.has(state.userId);
        const notes = [
          state.muted || state.deafened ? t("voiceMuted") : null,
          state.deafened ? t("voiceDeafened") : null,
          talking ? t("voiceSpeaking") : null,
        ].filter(Boolean);
        return (
          <li
            key={state.userId}
            class={`voice-person${talking ? " speaking" : ""}`}
            aria-label={[name, ...notes].join(", ")}
          >
            <Avatar id={state.userId} name={name} small={!tiles} />
            <span class="name" dir="auto">{name}</span>
            {(state.muted || state.deafened) && (
              <span class="voice-flag" title={notes.join(", ")}>
                <VoiceIcon name={state.deafened ? "deafened" : "micOff"} />
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Display names of the participants (the member's nick first); loads the members if unknown. */
function useNames(guildId: string, states: readonly VoiceState[]): Map<string, string> {
  const names = new Map<string, string>();
  const self = me.value;
  if (self) names.set(self.id, userName(self));
  for (const state of states) {
    const user = users.value.get(state.userId);
    if (user && !names.has(user.id)) names.set(user.id, userName(user));
  }
  const list = members.value.get(guildId);
  for (const member of list ?? []) {
    names.set(member.user.id, member.nick ?? userName(member.user));
  }
  const missing = states.some((s) => !names.has(s.userId));
  useEffect(function loadWhenUnknown() {
    if (missing) loadMembers(guildId).catch(() => {});
  }, [guildId, missing]);
  return names;
}
