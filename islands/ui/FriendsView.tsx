/**
 * The friends view (home): a welcome, then tabs `Online`, `All`, `Pending`
 * and `Add friend`. Requests arrive live through the gateway; incoming ones
 * have `Accept` and `Decline`.
 */
import { useSignal } from "@preact/signals";
import type { Relationship } from "../../server/wire/types.ts";
import { t } from "../i18n/mod.ts";
import {
  acceptFriend,
  type FriendsTab,
  me,
  navigate,
  openDm,
  presenceOf,
  relationships,
  removeRelationship,
  sendFriendRequest,
} from "../state/chat.ts";
import { Avatar } from "./Avatar.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { userName } from "./names.ts";
import { PaneHead } from "./PaneHead.tsx";
import { attempt } from "./uiState.ts";

const TABS: { tab: FriendsTab; key: "tabOnline" | "tabAll" | "tabPending" | "tabAddFriend" }[] = [
  { tab: "online", key: "tabOnline" },
  { tab: "all", key: "tabAll" },
  { tab: "pending", key: "tabPending" },
  { tab: "add", key: "tabAddFriend" },
];

/** The friends view showing `tab`. */
export function FriendsView({ tab }: { tab: FriendsTab }) {
  const user = me.value;
  function onKeyDown(event: KeyboardEvent) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const index = TABS.findIndex((entry) => entry.tab === tab);
    const next = TABS[(index + step + TABS.length) % TABS.length];
    navigate({ kind: "friends", tab: next.tab });
    document.getElementById(`tab-${next.tab}`)?.focus();
  }
  return (
    <>
      <PaneHead title={t("friends")} />
      <div class="friends">
        {user && <h2>{t("welcome", { name: userName(user) })}</h2>}
        <div class="tabs" role="tablist" aria-label={t("friends")} onKeyDown={onKeyDown}>
          {TABS.map((entry) => (
            <button
              key={entry.tab}
              id={`tab-${entry.tab}`}
              type="button"
              role="tab"
              class={entry.tab === "add" ? "tab add" : "tab"}
              aria-selected={entry.tab === tab}
              aria-controls="friends-panel"
              tabIndex={entry.tab === tab ? 0 : -1}
              onClick={() => navigate({ kind: "friends", tab: entry.tab })}
            >
              {t(entry.key)}
            </button>
          ))}
        </div>
        <div id="friends-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
          {tab === "add" ? <AddFriend /> : <People tab={tab} />}
        </div>
      </div>
    </>
  );
}

function People({ tab }: { tab: Exclude<FriendsTab, "add"> }) {
  const all = [...relationships.value.values()];
  const shown = tab === "pending"
    ? all.filter((r) => r.type === "incoming" || r.type === "outgoing")
    : all.filter((r) =>
      r.type === "friend" && (tab === "all" || presenceOf(r.user.id) !== "offline")
    );
  shown.sort((a, b) => userName(a.user).localeCompare(userName(b.user)));
  if (shown.length === 0) {
    const empty = tab === "pending" ? "noPending" : tab === "all" ? "noFriends" : "noFriendsOnline";
    return <p class="hint people">{t(empty)}</p>;
  }
  return (
    <ul class="people">
      {shown.map((relationship) => (
        <Person
          key={relationship.user.id}
          relationship={relationship}
        />
      ))}
    </ul>
  );
}

function Person({ relationship }: { relationship: Relationship }) {
  const { user, type } = relationship;
  const status = presenceOf(user.id);
  const subtitle = type === "incoming"
    ? t("incomingRequest")
    : type === "outgoing"
    ? t("outgoingRequest")
    : t(
      status === "online"
        ? "statusOnline"
        : status === "idle"
        ? "statusIdle"
        : status === "dnd"
        ? "statusDnd"
        : "statusOffline",
    );
  return (
    <li class="person">
      <Avatar id={user.id} name={userName(user)} status={type === "friend" ? status : undefined} />
      <div class="who">
        <strong>{userName(user)}</strong>
        <span>@{user.username} · {subtitle}</span>
      </div>
      <div class="actions">
        {type === "incoming" && (
          <>
            <button
              type="button"
              class="primary"
              onClick={() => attempt(() => acceptFriend(user.id))}
            >
              {t("accept")}
            </button>
            <button type="button" onClick={() => attempt(() => removeRelationship(user.id))}>
              {t("decline")}
            </button>
          </>
        )}
        {type === "outgoing" && (
          <button
            type="button"
            onClick={() => attempt(() => removeRelationship(user.id))}
          >
            {t("cancelRequest")}
          </button>
        )}
        {type === "friend" && (
          <>
            <button type="button" class="primary" onClick={() => attempt(() => openDm(user.id))}>
              {t("sendMessage")}
            </button>
            <button type="button" onClick={() => attempt(() => removeRelationship(user.id))}>
              {t("removeFriend")}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function AddFriend() {
  const error = useSignal<Error | null>(null);
  const sent = useSignal<string | null>(null);
  const busy = useSignal(false);
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const username = String(new FormData(form).get("username") ?? "").trim();
    if (username === "") return;
    busy.value = true;
    error.value = null;
    sent.value = null;
    try {
      await sendFriendRequest(username);
      sent.value = username;
      form.reset();
    } catch (e) {
      error.value = e instanceof Error ? e : new Error(String(e));
    } finally {
      busy.value = false;
    }
  }
  return (
    <form class="stack add-friend" onSubmit={onSubmit}>
      <p class="hint">{t("addFriendHint")}</p>
      <div class="field">
        <label for="friend-username">{t("username")}</label>
        <div class="inline-form">
          <input
            id="friend-username"
            name="username"
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            maxLength={32}
            required
          />
          <button type="submit" class="primary" disabled={busy.value}>
            {t("sendFriendRequest")}
          </button>
        </div>
      </div>
      <p class="hint" aria-live="polite">
        {sent.value ? t("friendRequestSent", { name: sent.value }) : ""}
      </p>
      <ErrorAlert error={error.value} />
    </form>
  );
}
