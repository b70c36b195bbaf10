/** The member list of a guild, online first, with presence. */
import { useEffect } from "preact/hooks";
import type { Guild, Member, PresenceStatus } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { guilds, loadMembers, members, presenceOf } from "../state/chat.ts";
import { memberTimeoutEnd, roleColorOf } from "../state/moderation.ts";
import { Avatar } from "./Avatar.tsx";
import { MemberActionsButton } from "./MemberActionsButton.tsx";
import { userName } from "./names.ts";
import { membersHidden } from "./uiState.ts";

const STATUS_KEY = {
  online: "statusOnline",
  idle: "statusIdle",
  dnd: "statusDnd",
  offline: "statusOffline",
} as const;

/** `complementary` "Members". */
export function MemberList({ guildId }: { guildId: string }) {
  const list = members.value.get(guildId);
  useEffect(function loadOnce() {
    if (!list) loadMembers(guildId).catch(() => {}); // offline: shown once reachable
  }, [guildId]);
  const withStatus = (list ?? []).map((m) => ({ member: m, status: presenceOf(m.user.id) }));
  const online = withStatus.filter((m) => m.status !== "offline");
  const offline = withStatus.filter((m) => m.status === "offline");
  const guild = guilds.value.get(guildId);
  return (
    <aside class={`members${membersHidden.value ? " collapsed" : ""}`} aria-label={t("members")}>
      <Group title={`${t("statusOnline")} — ${online.length}`} people={online} guild={guild} />
      <Group title={`${t("statusOffline")} — ${offline.length}`} people={offline} guild={guild} />
    </aside>
  );
}

function Group(
  { title, people, guild }: {
    title: string;
    people: { member: Member; status: PresenceStatus }[];
    guild?: Guild;
  },
) {
  if (people.length === 0) return null;
  return (
    <section>
      <h2 class="group-head">{title}</h2>
      <ul class="nav-list">
        {people.map(({ member, status }) => {
          const name = member.nick ?? userName(member.user);
          const colour = roleColorOf(member.guildId, member.user.id);
          const timedOut = memberTimeoutEnd(member.guildId, member.user.id) !== null;
          return (
            <li key={member.user.id} class={`member ${status}`}>
              <Avatar id={member.user.id} name={name} status={status} small />
              <span class="name" style={colour ? { color: colour } : undefined}>{name}</span>
              <span class="sr-only">{t(STATUS_KEY[status])}</span>
              {timedOut && <span class="tag">{t("timedOutBadge")}</span>}
              {guild && <MemberActionsButton guild={guild} userId={member.user.id} name={name} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
