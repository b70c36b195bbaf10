/**
 * The app shell's first island: loads the session, greets the user and
 * offers to log out. Without a session it sends the browser to `/login`.
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { currentUser, endSession, loadSession, sessionError } from "./state/session.ts";
import { ErrorAlert } from "./ui/ErrorAlert.tsx";

/** The greeting and the log-out button. */
export function AppHome() {
  const ready = useSignal(false);
  const leaving = useSignal(false);
  useEffect(function startSession() {
    ready.value = true;
    loadSession().then(function toLoginIfAnonymous(state) {
      if (state === "anonymous") location.replace("/login");
    });
  }, []);

  async function onLogout() {
    leaving.value = true;
    if (await endSession()) location.assign("/login");
    else leaving.value = false;
  }

  const user = currentUser.value;
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Chat</span>
        <button type="button" onClick={onLogout} disabled={!ready.value || leaving.value}>
          Log out
        </button>
      </header>
      <main id="main" class="home" aria-busy={user ? "false" : "true"}>
        {user ? <h1>Welcome, {user.displayName}</h1> : <p class="muted">Loading…</p>}
        <ErrorAlert error={sessionError.value} />
      </main>
    </div>
  );
}
