import { mount } from 'svelte';
import { captureRedirect } from './lib/oauth/callback.ts';
import './app.css';

// First thing, before any other code of ours runs: take an OAuth callback out of the address bar,
// so that no token, code or state stays in the URL, the history or a Referer.
const captured = captureRedirect(window.location.href);
if (captured) window.history.replaceState(null, '', captured.cleanHref);

const target = document.getElementById('app');
if (target) {
  // The app itself is loaded after the scrub.
  void import('./App.svelte').then(({ default: App }) => mount(App, { target, props: { captured } }));
}
