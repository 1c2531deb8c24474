// A worker of its own, started as the app boots (warm-format.ts): the first Intl.NumberFormat in a
// browser process loads the locale data all later ones share, the page's own included. Made here,
// on a thread of its own, it is no task of the page's; then it says so (what it says is not read).
postMessage(new Intl.NumberFormat([], { style: 'currency', currency: 'USD' }).format(0));
