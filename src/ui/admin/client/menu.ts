import { el } from './common.js';

export interface MenuItem {
  label: string;
  /** When set the item is shown disabled (still focusable, per the APG) with this reason. */
  disabledReason?: string;
  onSelect(): void;
}

let closeOpenMenu: (() => void) | null = null;

/**
 * A menu button (WAI-ARIA APG "Menu Button"): the button has `aria-haspopup="menu"`; the menu
 * opens with focus on its first item; arrow keys, Home and End move; Escape and Tab close it
 * and Escape returns focus to the button.
 */
export function attachMenu(button: HTMLButtonElement, items: () => MenuItem[]): void {
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  const open = (focusLast = false) => {
    closeOpenMenu?.();
    const menuId = `menu-${Math.random().toString(36).slice(2)}`;
    const menu = el('ul', {
      role: 'menu',
      id: menuId,
      'aria-label': button.getAttribute('aria-label') ?? 'Actions',
    });
    const entries = items().map((item, index) => {
      const reasonId = `${menuId}-reason-${index}`;
      const entry = el(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          tabindex: '-1',
          'aria-disabled': item.disabledReason ? 'true' : false,
          'aria-describedby': item.disabledReason ? reasonId : false,
        },
        item.label,
        item.disabledReason && el('span', { class: 'reason', id: reasonId }, item.disabledReason),
      );
      entry.addEventListener('click', () => {
        if (item.disabledReason) return;
        close(true);
        item.onSelect();
      });
      menu.append(el('li', { role: 'none' }, entry));
      return entry;
    });
    const focusAt = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    menu.addEventListener('keydown', (event) => {
      const current = entries.indexOf(document.activeElement as HTMLButtonElement);
      if (event.key === 'ArrowDown') focusAt(current + 1);
      else if (event.key === 'ArrowUp') focusAt(current - 1);
      else if (event.key === 'Home') focusAt(0);
      else if (event.key === 'End') focusAt(entries.length - 1);
      else if (event.key === 'Escape') close(true);
      else if (event.key === 'Tab') close(false);
      else return;
      if (event.key !== 'Tab') event.preventDefault();
    });
    const onOutside = (event: MouseEvent) => {
      if (!menu.contains(event.target as Node) && event.target !== button) close(false);
    };
    function close(returnFocus: boolean): void {
      menu.remove();
      button.setAttribute('aria-expanded', 'false');
      button.removeAttribute('aria-controls');
      document.removeEventListener('mousedown', onOutside);
      closeOpenMenu = null;
      if (returnFocus) button.focus();
    }
    button.after(menu);
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-controls', menuId);
    document.addEventListener('mousedown', onOutside);
    closeOpenMenu = () => close(false);
    focusAt(focusLast ? entries.length - 1 : 0);
  };
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-expanded') === 'true') closeOpenMenu?.();
    else open();
  });
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    open(event.key === 'ArrowUp');
  });
}
