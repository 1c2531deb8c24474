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
    expect(screen.getByText('Field at fault:')).toHaveTextContent('Field at fault: stores[0].apiBase');
    expect(screen.getByText('How to fix it:').parentElement).toHaveTextContent(
      'How to fix it: Use https:// for apiBase; plain http:// is only allowed for localhost and 127.0.0.1.',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
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
