// Keyboard activation for elements that are not buttons (a table row, an SVG group): Enter and Space do what a
// click does, as on a native button (WAI-ARIA button pattern).
import type { KeyboardEvent } from 'react';

export function activateOnKey(e: KeyboardEvent, activate: () => void): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault(); // Space would scroll the list
  activate();
}
