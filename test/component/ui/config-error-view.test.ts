import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ConfigErrorView from '../../../src/lib/components/views/ConfigErrorView.svelte';
import { ConfigError, loadConfig } from '../../../src/lib/config/load-config.ts';
import { validateConfigStrictly } from '../../../src/lib/config/config-lint.ts';
import { RAW_CONFIG } from '../../helpers/component-harness.ts';

afterEach(cleanup);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('ConfigErrorView', () => {
  it('names the field at fault and how to fix it', () => {
    const broken = structuredClone(RAW_CONFIG);
    const first = broken.stores[0];
    if (!first) throw new Error('fixture has no store');
    first.apiBase = 'http://shop.example';
    const error = thrown(() => validateConfigStrictly(broken)); // in words, as loadConfig gives it
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');

    document.title = 'Storefront Connect';
    render(ConfigErrorView, { props: { error } });
    expect(screen.getByRole('heading', { name: 'This deployment’s configuration has a problem', level: 1 })).toBeInTheDocument();
    // Outside Shell, which titles the app's screens: its own title (WCAG 2.4.2).
    expect(document.title).toBe('Configuration problem – Storefront Connect');
    expect(screen.getByText(/^Field at fault:/)).toHaveTextContent('Field at fault: stores[0].apiBase, in the 1st store of the stores list');
    expect(screen.getByText('How to fix it:').parentElement).toHaveTextContent(
      'How to fix it: Use https:// for apiBase; plain http:// is only allowed for a loopback host (localhost, *.localhost, 127.x.x.x, [::1]).',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it.each([
    ['stores[0].apiBase', '1st'],
    ['stores[1].id', '2nd'],
    ['stores[2].name', '3rd'],
    ['stores[3].kind', '4th'],
    ['stores[10].flow', '11th'],
    ['stores[11].auth[0]', '12th'],
    ['stores[20].clientId', '21st'],
  ])('says which store %s is in, counted from 1 as people count (%s), not only by the path’s index from 0', (field, nth) => {
    render(ConfigErrorView, { props: { error: new ConfigError('CONFIG_INVALID', field, 'Fix it.') } });
    expect(screen.getByText(/^Field at fault:/)).toHaveTextContent(`Field at fault: ${field}, in the ${nth} store of the stores list`);
  });

  it('a field outside the list of stores gets no store count', () => {
    render(ConfigErrorView, { props: { error: new ConfigError('CONFIG_INVALID', 'stores', 'List at least one store in "stores".') } });
    expect(screen.getByText(/^Field at fault:/)).toHaveTextContent(/^Field at fault: stores$/);
  });

  it('a config.json that is not there says so, with where to put it and no field', async () => {
    const error = await loadConfig(async () => new Response('Not found', { status: 404 })).catch((e: unknown) => e);
    expect((error as ConfigError).code).toBe('CONFIG_MISSING');

    render(ConfigErrorView, { props: { error } });
    expect(screen.getByRole('heading', { name: 'This deployment has no configuration', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('How to fix it:').parentElement).toHaveTextContent(
      'How to fix it: Put a config.json file next to index.html on the web server.',
    );
    expect(screen.queryByText('Field at fault:')).not.toBeInTheDocument();
  });
});
