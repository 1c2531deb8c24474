import { saidOffline } from './messages.ts';

/**
 * Whether the browser has come back online since `error` showed with the offline words, where its
 * retry is the person's to press (it sends something): ErrorPanel's words then, ProductEditor's
 * kept edit. Offline again, or another error, and it is false again. Made while a component starts
 * (its listeners go with it).
 */
export class BackOnline {
  #back = $state(false);

  /** `watched` false: not followed (a retry that runs by itself once online says so itself). */
  constructor(error: () => unknown, watched: () => boolean = () => true) {
    $effect(() => {
      this.#back = false;
      if (!watched() || !saidOffline(error())) return;
      const online = () => (this.#back = true);
      const offline = () => (this.#back = false);
      addEventListener('online', online);
      addEventListener('offline', offline);
      return () => {
        removeEventListener('online', online);
        removeEventListener('offline', offline);
      };
    });
  }

  get current(): boolean {
    return this.#back;
  }
}
