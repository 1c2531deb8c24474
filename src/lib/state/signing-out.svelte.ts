/**
 * The sign-outs under way from a button in this tab, by store, and the step each is at: 'started',
 * then a SignOutStep (auth/sign-out.ts). SignOutProgress says why one takes more than a moment.
 * Loaded with the first press of a Sign out (ask-before-sign-out.ts), none of it on the first screen.
 */
export const signingOut: Record<string, string> = $state({});

// Imported, not statically: sign-out.ts then stays in the chunk the AuthService and the seam share.
void import('../auth/sign-out.ts').then(({ onSignOutStep }) =>
  onSignOutStep((storeId, step) => {
    if (signingOut[storeId]) signingOut[storeId] = step;
  }),
);

/** Runs `signOut` for `storeId` with its step kept here while it runs. */
export async function whileSigningOut(storeId: string, signOut: () => unknown): Promise<void> {
  signingOut[storeId] = 'started';
  try {
    await signOut();
  } finally {
    delete signingOut[storeId];
  }
}
