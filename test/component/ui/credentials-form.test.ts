/**
 * The credentials forms (Shopware's two modes, StoreHippo's access key) as a screen-reader user
 * meets them: a refused credential marks its fields invalid and describes them by the failure until
 * they are typed in again; opening the forms puts the focus in the field to fill; each form says
 * once how its credential is ended, naming the buttons as they read.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Component } from 'svelte';
import ConnectWithCredentials from '../../../src/lib/components/ConnectWithCredentials.svelte';
import CredentialsForm from '../../../src/lib/components/CredentialsForm.svelte';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { shopware6Profile } from '../../../src/lib/providers/shopware6-profile.ts';
import { foxyProfile } from '../../../src/lib/providers/foxy-profile.ts';
import { storeHippoProfile } from '../../../src/lib/providers/storehippo-profile.ts';
import type { ConnectionModeInfo } from '../../../src/lib/providers/types.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import type { Router } from '../../../src/lib/state/router.svelte.ts';
import Harness from './Harness.svelte';

afterEach(() => cleanup());

const [INTEGRATION] = shopware6Profile.modes as [ConnectionModeInfo, ...ConnectionModeInfo[]];

/** The few things of Session the forms read, and a connect that fails (or succeeds) as told. */
function sessionStub(modes: readonly ConnectionModeInfo[], connect: () => Promise<void>): Session {
  return {
    store: () => ({ id: 'shop', name: 'Shopware Shop', apiBase: 'https://shop.example' }),
    platformName: () => 'Shopware',
    credentialModes: () => modes,
    connectWithCredentials: vi.fn(connect),
  } as unknown as Session;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function show(session: Session, component: Component<any>, props: Record<string, unknown>): void {
  render(Harness, { props: { session, apis: {} as StoreApis, router: {} as Router, component, props: () => props } });
}

describe('CredentialsForm', () => {
  // Regression: the StoreHippo form showed "Access key" twice, as its title and as its one field's label.
  it('a one-field mode whose label is the title: the title for screen readers only (the form still named, a heading to move by), the field labelled on screen', () => {
    const [KEY] = storeHippoProfile.modes as [ConnectionModeInfo, ...ConnectionModeInfo[]];
    show(sessionStub([KEY], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Hippo Demo', mode: KEY });
    const title = screen.getByRole('heading', { name: 'Access key for Hippo Demo' });
    expect(title).toHaveClass('visually-hidden');
    expect(screen.getByRole('form', { name: 'Access key for Hippo Demo' })).toBeInTheDocument();
    const label = screen.getByText('Access key', { selector: 'label' });
    expect(label).not.toHaveClass('visually-hidden');
    expect(screen.getByLabelText('Access key')).toBe(document.getElementById(label.getAttribute('for') ?? ''));
  });

  // Regression: Foxy's form showed "Get Token bundle" twice, as its title and at the start of its one field's label.
  it('a one-field mode whose field’s label starts with the title (Foxy’s Get Token bundle): the title for screen readers only', () => {
    const BUNDLE = foxyProfile.modes[0]!;
    show(sessionStub([BUNDLE], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Foxy Store', mode: BUNDLE });
    expect(screen.getByRole('heading', { name: 'Get Token bundle for Foxy Store' })).toHaveClass('visually-hidden');
    expect(screen.getByRole('form', { name: 'Get Token bundle for Foxy Store' })).toBeInTheDocument();
    expect(screen.getByText('Get Token bundle (client_id, client_secret, refresh_token)', { selector: 'label' })).not.toHaveClass('visually-hidden');
  });

  it('a mode whose fields say less than its title (an integration key: ID and secret) keeps its title on screen; a choice of modes (the radio names it) does not', () => {
    show(sessionStub([INTEGRATION], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION });
    expect(screen.getByRole('heading', { name: 'Integration key for Shopware Shop' })).not.toHaveClass('visually-hidden');
    cleanup();
    show(sessionStub(shopware6Profile.modes, () => Promise.resolve()), ConnectWithCredentials, { storeId: 'shop' });
    expect(screen.getByRole('radio', { name: 'Integration key' })).toBeChecked();
    expect(screen.getByRole('heading', { name: 'Integration key for Shopware Shop' })).toHaveClass('visually-hidden');
  });

  it('a refused key marks both fields invalid, described by the failure, each until it is typed in again (no field was tied to the failure)', async () => {
    const session = sessionStub([INTEGRATION], () => Promise.reject(new AppError('CREDENTIALS_REJECTED', 'The values are wrong, or the integration was deleted.')));
    show(session, CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION });
    const id = screen.getByRole('textbox', { name: 'Access key ID' });
    const secret = screen.getByLabelText('Secret access key');
    await userEvent.type(id, 'SWIAWRONG');
    await userEvent.type(secret, 'wrong{Enter}');

    const alert = await screen.findByRole('alert');
    // said once: what was refused in the heading, only why after it
    expect(alert).toHaveTextContent(/^Shopware did not accept this access key ID and secret\. The values are wrong, or the integration was deleted\.$/);
    for (const field of [id, secret]) {
      expect(field).toHaveAttribute('aria-invalid', 'true');
      // the failure first, then the field's hint
      expect(field.getAttribute('aria-describedby')?.split(' ')[0]).toBe(alert.id);
      expect(field).toHaveAccessibleDescription(expect.stringMatching(/^Shopware did not accept this access key ID and secret\. .+ (Starts with SWIA|Shown once)/));
    }
    // the focus is in the emptied secret, which says why
    expect(secret).toHaveFocus();
    expect(secret).toHaveValue('');

    await userEvent.type(secret, 'another');
    expect(secret).not.toHaveAttribute('aria-invalid');
    expect(secret).toHaveAccessibleDescription('Shown once, when the integration is created.');
    // the other field, not changed, still is
    expect(id).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(id, 'X');
    expect(id).not.toHaveAttribute('aria-invalid');
    expect(id).toHaveAccessibleDescription('Starts with SWIA; shown when the integration is created.');
  });

  it('links the store’s admin by a name that reads well whatever the store is called (regression: “Open Shopware Shop, Berlin’s admin”)', () => {
    const session = sessionStub([INTEGRATION], () => Promise.resolve());
    show(session, CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop, Berlin', mode: INTEGRATION });
    expect(screen.getByRole('link', { name: 'Open the admin of Shopware Shop, Berlin' })).toHaveAttribute('href', 'https://shop.example/admin#/sw/integration/index');
  });

  it('the Administration sign-in lets a password manager fill it (username, current-password) and says how a password is ended, in plain words', async () => {
    const PASSWORD = shopware6Profile.modes.find((m) => m.id === 'password')!;
    show(sessionStub([PASSWORD], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: PASSWORD });
    expect(screen.getByRole('textbox', { name: 'Username' })).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByRole('form').getAttribute('autocomplete')).not.toBe('off');
    const form = screen.getByRole('form');
    expect(form).toHaveTextContent('To end every session this password opened, change it in Shopware Administration › Settings › System › Users.');
    expect(form).not.toHaveTextContent(/Create or revoke|\/api\/oauth\/token/);
    expect(form).toHaveTextContent('Your password goes only to the store’s own sign-in, and this app never keeps it');
    // the button named as it reads (the store bar's and the stores list's "Forget sign-in"), not a bare "Forget"
    expect(form).toHaveTextContent('the sign-in stays in this browser until you press Forget sign-in. An integration key');
  });

  it('Foxy’s form says once where to remove the integration: in its red notice, with no second revoke line', () => {
    const BUNDLE = foxyProfile.modes[0]!;
    show(sessionStub([BUNDLE], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Foxy Store', mode: BUNDLE });
    const form = screen.getByRole('form');
    expect(form.textContent?.match(/Foxy admin › Integrations\b(?! ›)/g)).toHaveLength(1);
    expect(form).toHaveTextContent('Remove the integration in Foxy admin › Integrations when done.');
    expect(form).not.toHaveTextContent(/Create or revoke|remove the client/);
  });

  it('a key is not offered to a password manager: its secret stays autocomplete=off', () => {
    show(sessionStub([INTEGRATION], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION });
    expect(screen.getByLabelText('Secret access key')).toHaveAttribute('autocomplete', 'off');
    expect(screen.getByRole('form')).toHaveTextContent('Create or revoke it in Shopware Administration › Settings › System › Integrations');
  });

  it('a throttled attempt says so without marking the fields: the credential may be right', async () => {
    const session = sessionStub([INTEGRATION], () => Promise.reject(new HttpError('API_RATE_LIMITED', 429, { retryAfter: 5 })));
    show(session, CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION });
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key ID' }), 'SWIARIGHT');
    await userEvent.type(screen.getByLabelText('Secret access key'), 'right{Enter}');
    await screen.findByRole('alert');
    expect(screen.getByRole('textbox', { name: 'Access key ID' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Secret access key')).not.toHaveAttribute('aria-invalid');
  });
});

describe('CredentialsForm offline, then back online', () => {
  const setOnline = (online: boolean) => Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  afterEach(() => Reflect.deleteProperty(navigator, 'onLine'));
  // True of this form: it sends by itself once back online (unless a field changed), not "Try again".
  const offlineWords = 'This browser is offline. Nothing reached the store, and what you entered is kept: it is sent by itself once the browser is back online. If you change it meanwhile, press Connect once you are back online.';

  async function sentOffline(connect: () => Promise<void>) {
    const session = sessionStub([INTEGRATION], connect);
    show(session, CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION });
    const secret = screen.getByLabelText('Secret access key');
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key ID' }), 'SWIAKEPT');
    setOnline(false);
    await userEvent.type(secret, 'kept{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(offlineWords);
    expect(alert).not.toHaveTextContent('Try again');
    expect(session.connectWithCredentials).not.toHaveBeenCalled();
    return { connect: session.connectWithCredentials as ReturnType<typeof vi.fn>, secret };
  }
  const goOnline = () => {
    setOnline(true);
    dispatchEvent(new Event('online'));
  };

  it('sends the kept key by itself once the browser is back online (once per online event: a failure online listens no more)', async () => {
    const { connect, secret } = await sentOffline(() => Promise.reject(new AppError('API_NETWORK_ERROR')));
    goOnline();
    await vi.waitFor(() => expect(connect).toHaveBeenCalledTimes(1));
    expect(connect).toHaveBeenCalledWith('shop', INTEGRATION.id, { accessKeyId: 'SWIAKEPT', secretAccessKey: 'kept' });
    // It failed online: said as the store's, not the browser's, and no second send by itself.
    await vi.waitFor(() => expect(screen.getByRole('alert')).not.toHaveTextContent('This browser is offline'));
    expect(secret).toHaveFocus();
    goOnline();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('a field changed since: nothing is sent by itself, the stale offline alert goes', async () => {
    const { connect, secret } = await sentOffline(() => Promise.resolve());
    await userEvent.type(secret, 'X');
    goOnline();
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(connect).not.toHaveBeenCalled();
  });
});

describe('CredentialsForm offline, connecting again', () => {
  afterEach(() => Reflect.deleteProperty(navigator, 'onLine'));

  it('names the button as it reads (Connect again) where a changed field needs a press', async () => {
    show(sessionStub([INTEGRATION], () => Promise.resolve()), CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION, again: true });
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key ID' }), 'SWIAKEPT');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await userEvent.type(screen.getByLabelText('Secret access key'), 'kept{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('If you change it meanwhile, press Connect again once you are back online.');
  });
  it('while the key is checked, Connect is off but keeps the focus, saying it checks (disabled, it dropped the focus to the page); Enter again sends nothing more; refused, the focus goes to the secret', async () => {
    let refuse: (error: unknown) => void = () => undefined;
    const session = sessionStub([INTEGRATION], () => new Promise<void>((_, reject) => (refuse = reject)));
    show(session, CredentialsForm, { storeId: 'shop', storeName: 'Shopware Shop', mode: INTEGRATION });
    await userEvent.type(screen.getByRole('textbox', { name: 'Access key ID' }), 'SWIAWRONG');
    await userEvent.type(screen.getByLabelText('Secret access key'), 'wrong');
    const connect = screen.getByRole('button', { name: /^Connect.* with the integration key$/ });
    connect.focus();
    await userEvent.keyboard('{Enter}');
    const checking = await screen.findByRole('button', { name: /^Checking what it may do…/ });
    expect(checking).toBe(connect);
    expect(connect).not.toBeDisabled();
    expect(connect).toHaveAttribute('aria-disabled', 'true');
    expect(connect).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(session.connectWithCredentials).toHaveBeenCalledTimes(1);

    refuse(new AppError('CREDENTIALS_REJECTED', 'The values are wrong, or the integration was deleted.'));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Secret access key')).toHaveFocus();
    expect(connect).toHaveAttribute('aria-disabled', 'false');
  });
});

describe('ConnectWithCredentials', () => {
  it('opened with Connect, puts the focus in the preselected mode’s key field, not on the mode’s radio of the same name (a pasted key went nowhere)', async () => {
    show(sessionStub(storeHippoProfile.modes, () => Promise.resolve()), ConnectWithCredentials, { storeId: 'shop', takeFocus: true });
    // a password field (no role of its own): the label's field that is not the radio
    const field = await screen.findByLabelText('Access key', { selector: 'input:not([type=radio])' });
    expect(screen.getByRole('radio', { name: 'Access key' })).toBeChecked();
    expect(field).toHaveFocus();
    await userEvent.paste('5eedfeedc0ffee0000000000000000a1');
    expect(field).toHaveValue('5eedfeedc0ffee0000000000000000a1');
  });

  it('not opened by the person (a banner, a screen that asks to connect): takes no focus', async () => {
    show(sessionStub(storeHippoProfile.modes, () => Promise.resolve()), ConnectWithCredentials, { storeId: 'shop' });
    await screen.findByLabelText('Access key', { selector: 'input:not([type=radio])' });
    expect(document.body).toHaveFocus();
  });
});
