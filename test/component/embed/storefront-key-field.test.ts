/**
 * The Embed screen's storefront key field on its own (EmbedView uses it for Shopware): the store is
 * asked about a key once typing pauses, not at every key; only a key it took, or could not be asked
 * about, is handed to the snippet and kept; a refused one is not, and the kept copy of it goes.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import KeyFieldHarness from './KeyFieldHarness.svelte';

const KEY = 'SWSCPUBLICKEY0000000000001';

afterEach(() => cleanup());

function keysAnswering(answer: (key: string) => 'ok' | 'refused' | 'unknown', savedKey: string | null = null) {
  return {
    savedKey,
    checkKey: vi.fn(async (key: string) => answer(key)),
    keepKey: vi.fn(async () => undefined),
    forgetKey: vi.fn(async () => undefined),
  };
}

const usable = () => screen.getByTestId('usable').textContent;

describe('StorefrontKeyField', () => {
  it('asks the store once typing pauses, then hands the key it took to the snippet and keeps it', async () => {
    const keys = keysAnswering(() => 'ok');
    render(KeyFieldHarness, { props: { keys } });
    await userEvent.type(screen.getByLabelText('Sales channel access key'), KEY);
    expect(await screen.findByRole('status')).toHaveTextContent('Checking the key with Fruit Shop…');
    expect(usable()).toBe('');
    await vi.waitFor(() => expect(usable()).toBe(KEY), { timeout: 3000 });
    expect(keys.checkKey.mock.calls).toEqual([[KEY]]);
    expect(keys.keepKey).toHaveBeenCalledWith(KEY);
    // the status that said "Checking" now says the key was taken (one status, on the page from the start)
    expect(screen.getByRole('status')).toHaveTextContent('Fruit Shop accepts this key: the snippet is below.');
  });

  it('a key the store could not be asked about is handed on too, and says the preview will tell', async () => {
    const keys = keysAnswering(() => 'unknown');
    render(KeyFieldHarness, { props: { keys } });
    await userEvent.type(screen.getByLabelText('Sales channel access key'), KEY);
    expect(await screen.findByText(/could not be checked just now/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(usable()).toBe(KEY);
    expect(keys.keepKey).toHaveBeenCalledWith(KEY);
  });

  it('a refused key is not handed on; the kept key it was is forgotten, and the field says why', async () => {
    const keys = keysAnswering(() => 'refused', KEY);
    render(KeyFieldHarness, { props: { keys } });
    const field = screen.getByLabelText('Sales channel access key');
    await vi.waitFor(() => expect(field).toHaveValue(KEY));
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Fruit Shop does not accept this key');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(usable()).toBe('');
    expect(keys.forgetKey).toHaveBeenCalled();
    expect(keys.keepKey).not.toHaveBeenCalled();
  });

  it('something too short to be a key is not sent to the store', async () => {
    const keys = keysAnswering(() => 'ok');
    render(KeyFieldHarness, { props: { keys } });
    await userEvent.type(screen.getByLabelText('Sales channel access key'), 'SWSC');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(keys.checkKey).not.toHaveBeenCalled();
    expect(usable()).toBe('');
  });
});
