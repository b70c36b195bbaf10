/** Web-push subscriptions: one per browser (endpoint), owned by the user who last subscribed it. */
export interface PushSubscriptionRecord {
  /** SHA-256 of the endpoint, base64url: the subscription's key. */
  id: string;
  userId: string;
  /** The push service URL (https). */
  endpoint: string;
  /** The browser's P-256 public key (65 bytes uncompressed, base64url). */
  p256dh: string;
  /** The browser's 16-byte auth secret (base64url). */
  auth: string;
  /** A label the client chose for the device, if any. */
  device: string | null;
  createdAt: string;
  /** Tags of notifications sent to this device that may still be shown (closed once read). */
  tags: string[];
}

/** Push subscriptions by endpoint, listed per user. */
export interface PushSubscriptionRepo {
  /**
   * Stores the subscription, replacing any with the same id (an endpoint
   * subscribed again, possibly by another user of the same browser: it
   * moves to the new owner).
   */
  put(subscription: PushSubscriptionRecord): Promise<void>;
  /** The subscription, or null. */
  get(id: string): Promise<PushSubscriptionRecord | null>;
  /** The user's subscriptions, oldest first. */
  listByUser(userId: string): Promise<PushSubscriptionRecord[]>;
  /** Removes the subscription; true when it existed. */
  delete(id: string): Promise<boolean>;
  /** Replaces the tags of an existing subscription (no-op when it is gone). */
  setTags(id: string, tags: string[]): Promise<void>;
}
