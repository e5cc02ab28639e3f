import { byId } from './common.js';

/**
 * The filter form of a log page is an ordinary GET form; on load it shows the URL's values and
 * turns them into the API's query (a `datetime-local` value is local time: sent as ISO 8601).
 */
export function readFilters(formId: string, names: readonly string[]): URLSearchParams {
  const url = new URLSearchParams(window.location.search);
  const form = byId<HTMLFormElement>(formId);
  const query = new URLSearchParams();
  for (const name of names) {
    const value = url.get(name) ?? '';
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLInputElement && input.type === 'checkbox')
      input.checked = value === 'true';
    else if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement)
      input.value = value;
    if (!value) continue;
    if (name === 'from' || name === 'to') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) query.set(name, date.toISOString());
    } else query.set(name, value);
  }
  return query;
}

/** Newest / older paging over an API that answers `{ entries, next }`. */
export function pager<T>(o: {
  load: (cursor: string | null) => Promise<{ entries: T[]; next: string | null }>;
  show: (entries: T[]) => void;
  newest: HTMLButtonElement;
  older: HTMLButtonElement;
}): () => Promise<void> {
  let next: string | null = null;
  const go = async (cursor: string | null) => {
    const page = await o.load(cursor);
    next = page.next;
    o.show(page.entries);
    o.older.disabled = next === null;
    o.newest.disabled = cursor === null;
  };
  o.newest.addEventListener('click', () => void go(null));
  o.older.addEventListener('click', () => void go(next));
  return () => go(null);
}
