// A worker of its own, started as the app boots (warm-format.ts): the first Intl.NumberFormat in a
// browser process loads the locale data all later ones share, the page's own included. Made here,
// on a thread of its own, it is no task of the page's.
new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(0);
(self as unknown as { postMessage(message: unknown): void }).postMessage(0);
