import { el } from './common.js';

/**
 * Asks in `area` (a table cell, a row of buttons) before a step that cannot be undone; Cancel
 * or Escape puts the buttons back with focus where it was.
 */
export function confirmStep(
  area: HTMLElement,
  origin: HTMLButtonElement,
  question: string,
  confirmLabel: string,
  run: () => Promise<void>,
): void {
  const buttons = [...area.childNodes];
  const questionId = `confirm-${Math.random().toString(36).slice(2)}`;
  const confirm = el(
    'button',
    { type: 'button', class: 'danger', 'aria-describedby': questionId },
    confirmLabel,
  );
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const box = el(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': questionId },
    el('p', { id: questionId }, question),
    confirm,
    ' ',
    cancel,
  );
  const back = () => {
    area.replaceChildren(...buttons);
    origin.focus();
  };
  cancel.addEventListener('click', back);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') back();
  });
  confirm.addEventListener('click', () => void run());
  area.replaceChildren(box);
  confirm.focus();
}
