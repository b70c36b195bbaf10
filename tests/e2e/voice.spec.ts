/**
 * Mesh voice in Chromium with fake microphones: people join a voice
 * channel and hear each other (the received RTP byte counts grow), muting
 * stops one's audio reaching the others and shows for everyone, and leaving
 * (by button or by closing the tab) removes the participant everywhere.
 */
import { expect, test } from "@playwright/test";
import {
  bytesFrom,
  type Caller,
  caller,
  closeCallers,
  expectAudio,
  expectSilence,
  fakeMediaLaunch,
  join,
  leaveButton,
  openVoice,
  participant,
  participants,
  peerStats,
  sharedServer,
} from "./voice_support.ts";

test.use({ launchOptions: fakeMediaLaunch });
test.describe.configure({ timeout: 120_000 });
test.afterEach(closeCallers);

/** Everyone hears everyone else. */
async function expectFullMesh(people: Caller[]): Promise<void> {
  await Promise.all(
    people.flatMap((listener) =>
      people.filter((speaker) => speaker !== listener).map((speaker) =>
        expectAudio(listener, speaker)
      )
    ),
  );
}

test("two and then three people join a voice channel and each receives the others' audio", async ({ browser }) => {
  const alice = await caller(browser, "Alice");
  const bob = await caller(browser, "Bob");
  const carol = await caller(browser, "Carol");
  const { guildId, voiceId } = await sharedServer(alice, [bob, carol]);
  for (const c of [alice, bob, carol]) await openVoice(c, guildId, voiceId);

  await join(alice);
  await expect(participant(carol.page, alice)).toBeVisible();
  await join(bob);
  for (const c of [alice, bob, carol]) await expect(participant(c.page, bob)).toBeVisible();
  await expectFullMesh([alice, bob]);

  await join(carol);
  for (const c of [alice, bob, carol]) {
    await expect(participants(c.page).getByRole("listitem")).toHaveCount(3);
  }
  await expectFullMesh([alice, bob, carol]);
  const links = await peerStats(carol.page);
  expect(links.map((s) => s.connectionState)).toEqual(["connected", "connected"]);
});

test("muting stops one's audio reaching the others, and everyone sees it", async ({ browser }) => {
  const alice = await caller(browser, "Alice");
  const bob = await caller(browser, "Bob");
  const carol = await caller(browser, "Carol");
  const { guildId, voiceId } = await sharedServer(alice, [bob, carol]);
  for (const c of [alice, bob, carol]) await openVoice(c, guildId, voiceId);
  for (const c of [alice, bob, carol]) await join(c);
  await expectFullMesh([alice, bob, carol]);

  const mute = bob.page.getByRole("button", { name: "Mute", exact: true });
  await expect(mute).toHaveAttribute("aria-pressed", "false");
  await mute.click();
  await expect(mute).toHaveAttribute("aria-pressed", "true");
  for (const c of [alice, bob, carol]) {
    await expect(participant(c.page, bob)).toHaveAccessibleName(/muted/);
    await expect(participant(c.page, alice)).not.toHaveAccessibleName(/muted/);
  }
  await expectSilence(alice, bob);
  await expectSilence(carol, bob);
  // Bob still hears the others, and the others still hear each other.
  await expectAudio(bob, alice);
  await expectAudio(alice, carol);

  await mute.click();
  await expect(mute).toHaveAttribute("aria-pressed", "false");
  await expect(participant(alice.page, bob)).not.toHaveAccessibleName(/muted/);
  await expectAudio(alice, bob);
});

test("deafening silences the others locally and shows as muted and deafened", async ({ browser }) => {
  const alice = await caller(browser, "Alice");
  const bob = await caller(browser, "Bob");
  const { guildId, voiceId } = await sharedServer(alice, [bob]);
  for (const c of [alice, bob]) await openVoice(c, guildId, voiceId);
  for (const c of [alice, bob]) await join(c);
  await expectFullMesh([alice, bob]);

  const deafen = bob.page.getByRole("button", { name: "Deafen" });
  await deafen.click();
  await expect(deafen).toHaveAttribute("aria-pressed", "true");
  await expect(bob.page.getByRole("button", { name: "Mute", exact: true }))
    .toHaveAttribute("aria-pressed", "true");
  await expect(participant(alice.page, bob)).toHaveAccessibleName(/muted, deafened/);
  await expectSilence(alice, bob);
});

test("leaving removes the participant everywhere, by button or by closing the tab", async ({ browser }) => {
  const alice = await caller(browser, "Alice");
  const bob = await caller(browser, "Bob");
  const carol = await caller(browser, "Carol");
  const { guildId, voiceId } = await sharedServer(alice, [bob, carol]);
  for (const c of [alice, bob, carol]) await openVoice(c, guildId, voiceId);
  for (const c of [alice, bob, carol]) await join(c);
  await expectFullMesh([alice, bob, carol]);

  await leaveButton(bob.page).click();
  for (const c of [alice, bob, carol]) await expect(participant(c.page, bob)).toHaveCount(0);
  await expect(bob.page.getByRole("button", { name: "Mute", exact: true })).toHaveCount(0);
  await expect.poll(async () => (await peerStats(alice.page)).map((s) => s.userId))
    .toEqual([carol.id]);
  expect(await bytesFrom(alice.page, bob)).toBe(0);

  await carol.page.close({ runBeforeUnload: true });
  for (const c of [alice, bob]) await expect(participant(c.page, carol)).toHaveCount(0);
  await expect.poll(async () => (await peerStats(alice.page)).length).toBe(0);
  await expect(participants(alice.page).getByRole("listitem")).toHaveCount(1);
});

test("a call survives a network blip: it reconnects and audio and mute still work", async ({ browser }) => {
  const alice = await caller(browser, "Alice");
  const bob = await caller(browser, "Bob");
  const { guildId, voiceId } = await sharedServer(alice, [bob]);
  for (const c of [alice, bob]) await openVoice(c, guildId, voiceId);
  for (const c of [alice, bob]) await join(c);
  await expectFullMesh([alice, bob]);

  await bob.page.context().setOffline(true);
  await expect(bob.page.getByRole("status").filter({ hasText: "Offline" })).toBeVisible();
  await bob.page.context().setOffline(false);
  await expect(bob.page.getByRole("status").filter({ hasText: "Offline" })).toHaveCount(0);
  await expect(bob.page.getByRole("status").filter({ hasText: "Voice connected" })).toBeVisible();
  await expectFullMesh([alice, bob]);

  await bob.page.getByRole("button", { name: "Mute", exact: true }).click();
  await expect(participant(alice.page, bob)).toHaveAccessibleName(/muted/);
  await expectSilence(alice, bob);
});
