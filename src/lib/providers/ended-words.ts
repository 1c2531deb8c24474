/**
 * Why a store is not connected where the store itself ended its connection before this visit (it
 * refused the saved key or token on use, a renewal got invalid_grant, and the app deleted it;
 * storage/ended-markers.ts keeps only why and when): the stores list's line and the store screen's
 * sentence, in the words of the mode it was connected with ("key", "Get Token bundle", "sign-in") and,
 * for a store that connects on its own page (Goodsie, FlickRocket), its platform's note. Loaded only
 * to read such markers (state/ended-before.ts). (Where it ends during the visit, the reconnect
 * banner says so in the same modes' words: components/credential-words.ts endedHereWords.)
 */
import type { StoreConfig } from '../connect/store-config.ts';
import { isolateDirection } from '../shared/direction.ts';
import { getProvider } from './registry.ts';

/** What a marker says (storage/ended-markers.ts EndedMarker). */
export interface Ended {
  reason: 'refused' | 'expired';
  at: number;
  mode?: string;
}

export interface EndedWords {
  /** The stores list's status line, under the store's name. */
  status: string;
  /** The store screen's sentence, which names the store. */
  detail: string;
  /** The credentials mode it was connected with, for its form to open on; undefined for a redirect. */
  mode?: string;
}

/** "Dec 6, 2026 at 4:50 AM", in the person's locale. */
export function endedWhen(at: number): string {
  const date = new Date(at);
  return `${date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} at ${date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}`;
}

export function endedWords(store: StoreConfig, ended: Ended): EndedWords {
  const provider = getProvider(store.kind);
  const when = endedWhen(ended.at);
  // The store's name in the app's sentence keeps its own direction (shared/direction.ts).
  const name = isolateDirection(store.name);
  const modes = provider.modesOf(store).filter((m) => m.style === 'credentials');
  const mode = modes.find((m) => m.id === ended.mode) ?? (modes.length === 1 ? modes[0] : undefined);
  if (!mode) {
    // Connected on the store's own page (Goodsie, FlickRocket). A token that ran out with no way to
    // renew it (Goodsie's implicit flow) just expired; one the store refused (a renewal answered
    // invalid_grant, a 401 with none), what to do at the store first is the platform's to say.
    if (ended.reason === 'expired') {
      return {
        status: `Access expired on ${when} · Connect to allow it again`,
        detail: `This app’s access to ${name} expired on ${when}. Connect to allow it again.`,
      };
    }
    const note = provider.notes?.sessionEnded;
    return {
      status: `Access ended by the store on ${when} · Connect to allow it again`,
      detail: `${name} stopped accepting this app’s access on ${when}. ${note ?? 'Connect to allow it again.'}`,
    };
  }
  const short = mode.shortName ?? 'credential';
  const credential = mode.credentialName ?? short;
  if (short === 'sign-in') {
    return {
      status: `Sign-in ended by the store on ${when} · enter the ${credential} again to connect`,
      detail: `${name} ended this app’s sign-in on ${when}, so this browser no longer holds it. Enter the ${credential} again to connect.`,
      mode: mode.id,
    };
  }
  const expired = ended.reason === 'expired';
  return {
    status: `${short.charAt(0).toUpperCase()}${short.slice(1)} ${expired ? 'expired' : 'refused'} on ${when} · paste a new ${short} to connect again`,
    detail: `${expired ? `The ${credential} for ${name} expired` : `${name} refused its ${credential}`} on ${when}, so this browser removed it. Paste a new ${credential} to connect again.`,
    mode: mode.id,
  };
}
