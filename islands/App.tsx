/**
 * The app root island at `/app`: loads the session (from the cache when
 * offline), starts the chat state and lays out the server rail, the
 * channel or DM sidebar, the open view and the member list. On narrow
 * screens the sidebar and the member list are drawers; Escape closes them.
 */
import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "./i18n/mod.ts";
import {
  channelById,
  currentUser,
  effectiveTheme,
  guilds,
  isOffline,
  loadSession,
  locale,
  navigate,
  route,
  sessionError,
  sessionExpired,
  start,
  theme,
} from "./state/chat.ts";
import { ChannelList } from "./ui/ChannelList.tsx";
import { ChannelPane } from "./ui/ChannelPane.tsx";
import { DmList } from "./ui/DmList.tsx";
import { ErrorAlert } from "./ui/ErrorAlert.tsx";
import { FriendsView } from "./ui/FriendsView.tsx";
import { InviteLanding } from "./ui/InviteLanding.tsx";
import { lazy } from "./ui/lazy.ts";
import { MemberList } from "./ui/MemberList.tsx";
import { PaneHead } from "./ui/PaneHead.tsx";
import { ServerRail } from "./ui/ServerRail.tsx";
import { voiceCall } from "./state/voice.ts";
import { drawer, notice } from "./ui/uiState.ts";
import { UserPanel } from "./ui/UserPanel.tsx";

const PENDING_INVITE = "chat.pendingInvite";
/** Voice UI beyond the channel list loads on demand: only callers and voice-pane viewers need it. */
const VoicePane = lazy(() => import("./ui/VoicePane.tsx").then((m) => m.VoicePane));
const VoicePanel = lazy(() => import("./ui/VoicePanel.tsx").then((m) => m.VoicePanel));

/** The whole app; server-rendered as a loading screen, hydrated into the chat. */
export function App() {
  const phase = useSignal<"boot" | "ready" | "failed">("boot");
  useEffect(function boot() {
    void startApp().then((next) => (phase.value = next));
  }, []);
  useSignalEffect(function applyTheme() {
    const root = document.documentElement;
    if (theme.value === "system") delete root.dataset.theme;
    else root.dataset.theme = theme.value;
    root.lang = locale.value;
    void effectiveTheme.value;
  });
  useSignalEffect(function toLoginWhenExpired() {
    if (sessionExpired.value) location.replace("/login");
  });

  if (phase.value === "boot") return <p class="boot">{t("loading")}</p>;
  if (phase.value === "failed") {
    return (
      <main class="boot">
        <ErrorAlert error={sessionError.value} />
      </main>
    );
  }
  return <Layout />;
}

/** Loads the session and starts the state; anonymous visitors go to the login page. */
async function startApp(): Promise<"ready" | "failed"> {
  const invite = inviteFromUrl();
  const session = await loadSession();
  if (session === "anonymous") {
    if (invite) sessionStorage.setItem(PENDING_INVITE, invite);
    location.replace("/login");
    return new Promise(() => {}); // stay on the loading screen while leaving
  }
  if (session === "failed") return "failed";
  if (currentUser.value) await start(currentUser.value);
  void import("./ui/NotificationToggles.tsx").then((m) => m.startPush()).catch(() => {});
  const pending = invite ?? sessionStorage.getItem(PENDING_INVITE);
  sessionStorage.removeItem(PENDING_INVITE);
  if (pending) navigate({ kind: "invite", code: pending }, { replace: true });
  return "ready";
}

/** An invite code from `/invite/<code>` or `/app?invite=<code>`. */
function inviteFromUrl(): string | null {
  const fromPath = /^\/invite\/([A-Za-z0-9_-]{1,64})$/.exec(location.pathname)?.[1];
  const fromQuery = new URLSearchParams(location.search).get("invite");
  const code = fromPath ?? fromQuery;
  return code && /^[A-Za-z0-9_-]{1,64}$/.test(code) ? code : null;
}

function Layout() {
  const current = route.value;
  const guild = current.kind === "guild" ? guilds.value.get(current.guildId) ?? null : null;
  const channelId = current.kind === "guild" || current.kind === "dm" ? current.channelId : null;
  const channel = channelId ? channelById(channelId) : null;

  useEffect(function escapeClosesDrawer() {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape" && drawer.peek() !== "none" && !event.defaultPrevented) {
        drawer.value = "none";
      }
    }
    addEventListener("keydown", onKeyDown);
    return () => removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div class="app" data-drawer={drawer.value}>
      <a class="skip-link" href="#composer">{t("skipToMessages")}</a>
      <div class="conn-status" role="status">{isOffline.value && t("offline")}</div>
      <div class="nav-drawer">
        <ServerRail />
        <div class="sidebar">
          {guild ? <ChannelList guild={guild} currentId={channelId} /> : (
            <DmList
              currentId={current.kind === "dm" ? current.channelId : null}
              friendsOpen={current.kind === "friends"}
            />
          )}
          {voiceCall.value && <VoicePanel />}
          <UserPanel />
        </div>
      </div>
      <main class="main" id="main">
        {current.kind === "friends" && <FriendsView tab={current.tab} />}
        {current.kind === "invite" && <InviteLanding code={current.code} />}
        {channel && channel.type !== "voice" && <ChannelPane channel={channel} guild={guild} />}
        {channel?.type === "voice" && <VoicePane channel={channel} />}
        {(current.kind === "guild" || current.kind === "dm") && !channel && <NoChannel />}
        <div class="notice-area">
          <ErrorAlert error={notice.value} />
        </div>
      </main>
      {guild && <MemberList guildId={guild.id} />}
      <button
        type="button"
        class="backdrop"
        tabIndex={-1}
        aria-label={t("closePanel")}
        onClick={() => (drawer.value = "none")}
      />
    </div>
  );
}

function NoChannel() {
  return (
    <>
      <PaneHead title={t("appName")} />
      <p class="welcome">{t("loading")}</p>
    </>
  );
}
