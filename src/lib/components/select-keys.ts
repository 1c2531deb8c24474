/**
 * Whether a key pressed on a closed <select> steps its value: the arrows, Home, End, Page Up/Down
 * and a letter (Chromium on Windows and Linux fires change for each). Not Enter, Space or a key
 * with a modifier: Enter in an opened list (Firefox fires change then) is a pick, not a step.
 * The catalogue's Category and Sort and the header's store switcher tell steps from picks with it.
 */
const MOVES = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];

export function stepsSelectValue(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return !event.altKey && !event.ctrlKey && !event.metaKey && (MOVES.includes(event.key) || (event.key.length === 1 && event.key !== ' '));
}

/**
 * Tells a select's change made by a key step from a pick: `keydown` notes a value-stepping key, and
 * the change handler `take`s the note, once (a pick that follows before the timer, on a busy page,
 * is a pick); a zero-delay timer clears a key that changed nothing (an arrow at the end of the list).
 */
export function keySteps(): { keydown: (event: KeyboardEvent) => void; take: () => boolean } {
  let stepping = false;
  return {
    keydown(event) {
      if (!stepsSelectValue(event)) return; // Enter in an opened list (Firefox) is a pick
      stepping = true;
      setTimeout(() => (stepping = false));
    },
    take() {
      const step = stepping;
      stepping = false;
      return step;
    },
  };
}
