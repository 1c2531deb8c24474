/** Text typed in a field still on the page (a key in the reconnect banner's form), which a reload would lose. */
export function typedOnPage(): boolean {
  return [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some(
    (field) => !['checkbox', 'radio', 'hidden', 'button', 'submit'].includes(field.type) && field.value !== '',
  );
}
