/** A stored invite code. */
export interface InviteRecord {
  code: string;
  guildId: string;
  inviterId: string;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  createdAt: string;
}

/** What {@link InviteRepo.use} found. */
export type InviteUse =
  | { kind: "used"; invite: InviteRecord }
  | { kind: "missing" }
  | { kind: "expired" }
  | { kind: "exhausted" };

/** Invite codes. */
export interface InviteRepo {
  create(invite: InviteRecord): Promise<void>;
  /** The invite, or null. */
  get(code: string): Promise<InviteRecord | null>;
  /** Atomically counts one use if the invite is still valid at `now`. */
  use(code: string, now: string): Promise<InviteUse>;
  /** A guild's invites. */
  listByGuild(guildId: string): Promise<InviteRecord[]>;
  delete(code: string): Promise<void>;
}
