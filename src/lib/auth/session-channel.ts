/**
 * Tells the app's other tabs at once (BroadcastChannel) about a sign-out, so they drop the session
 * within a second and send nothing more with its token (security case 27), and about a new
 * connection or a renewal that changed the grant, so they show it without a reload (each reads it
 * from IndexedDB itself). A message carries a store id only, never a token.
 */

export interface SessionMessage {
  /** signed-out: the store's session or credential is gone; connected: a new one (or a new grant) was saved. */
  type: 'signed-out' | 'connected';
  storeId: string;
}

export interface SessionChannel {
  post(message: SessionMessage): void;
  /** Calls `listener` for each message from another tab; returns the unsubscribe. */
  subscribe(listener: (message: SessionMessage) => void): () => void;
}

export const SESSION_CHANNEL_NAME = 'storefront-connect:sessions';

function parseMessage(data: unknown): SessionMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, storeId } = data as Record<string, unknown>;
  return (type === 'signed-out' || type === 'connected') && typeof storeId === 'string' ? { type, storeId } : null;
}

/** The BroadcastChannel of the app's origin, or null where the browser has none. */
export function openSessionChannel(name = SESSION_CHANNEL_NAME): SessionChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(name);
  // Node (the tests) keeps a process alive for an open channel; browsers have no unref.
  (channel as { unref?: () => void }).unref?.();
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      const onMessage = (event: MessageEvent): void => {
        const message = parseMessage(event.data);
        if (message) listener(message);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}
