/**
 * The sign-outs under way from a button in this tab, by store, and the step each is at: 'started',
 * then a SignOutStep (auth/sign-out.ts). SignOutProgress says why one takes more than a moment.
 * Loaded with the first press of a Sign out (ask-before-sign-out.ts), none of it on the first screen.
 */
export const signingOut: Record<string, string> = $state({});

/** The steps' listener, once sign-out.ts has come. */
let listening: Promise<unknown> | undefined;

/**
 * Listens to the sign-out's steps, from the first press on. Imported, not statically: sign-out.ts
 * then stays in the chunk the AuthService and the seam share. Where its code cannot be downloaded
 * (offline, the site replaced since the tab opened), neither can the sign-out's, which needs it: that
 * sign-out fails before anything is signed out, and its button says so (SignOutFailed). Nothing more
 * here: the next sign-out asks for it again.
 */
function listen(): void {
  listening ??= import('../auth/sign-out.ts').then(
    ({ onSignOutStep }) =>
      onSignOutStep((storeId, step) => {
        if (signingOut[storeId]) signingOut[storeId] = step;
      }),
    () => void (listening = undefined),
  );
}
listen();

/** Runs `signOut` for `storeId` with its step kept here while it runs. */
export async function whileSigningOut(storeId: string, signOut: () => unknown): Promise<void> {
  listen();
  signingOut[storeId] = 'started';
  try {
    await signOut();
  } finally {
    delete signingOut[storeId];
  }
}
