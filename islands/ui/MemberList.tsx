/** The member list of a guild, online first, with presence. */
import { useEffect } from "preact/hooks";
import type { Member, PresenceStatus } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import { loadMembers, members, presenceOf } from "../state/chat.ts";
import { Avatar } from "./Avatar.tsx";
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
  return (
    <aside class={`members${membersHidden.value ? " collapsed" : ""}`} aria-label={t("members")}>
      <Group title={`${t("statusOnline")} — ${online.length}`} people={online} />
      <Group title={`${t("statusOffline")} — ${offline.length}`} people={offline} />
    </aside>
  );
}

function Group(
  { title, people }: { title: string; people: { member: Member; status: PresenceStatus }[] },
) {
  if (people.length === 0) return null;
  return (
    <section>
      <h2 class="group-head">{title}</h2>
      <ul class="nav-list">
        {people.map(({ member, status }) => {
          const name = member.nick ?? userName(member.user);
          return (
            <li key={member.user.id} class={`member ${status}`}>
              <Avatar id={member.user.id} name={name} status={status} small />
              <span class="name">{name}</span>
              <span class="sr-only">{t(STATUS_KEY[status])}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
