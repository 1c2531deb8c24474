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
