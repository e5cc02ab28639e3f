/** Shared by every administration page: the JSON API client, DOM helpers and session expiry. */

/** The API answered 401: the banner is shown; the caller only has to stop. */
export class SessionExpiredError extends Error {
  override name = 'SessionExpiredError';
}

/** Any other non-2xx answer, with the API's stable error code and message. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/** Calls the JSON API with the HttpOnly session cookie. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(
      0,
      'network',
      'the server could not be reached; check your connection and try again',
    );
  }
  if (response.status === 401) {
    showSessionExpired();
    throw new SessionExpiredError('Your session has expired');
  }
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (parsed as ErrorBody | undefined)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? 'http_' + response.status,
      error?.message ?? `the server answered ${response.status}`,
    );
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Shows "Your session has expired" with a link back to sign-in (and back to this page). */
export function showSessionExpired(): void {
  const banner = byId('session-banner');
  if (banner.childElementCount > 0) return;
  const next = location.pathname + location.search;
  const link = el('a', { href: `/sign-in?next=${encodeURIComponent(next)}` }, 'Sign in again');
  banner.append('Your session has expired. ', link, ' to continue.');
}

/** A message for the user after a failed call; session expiry is already on screen. */
export function reasonOf(error: unknown): string {
  if (error instanceof SessionExpiredError) return 'Your session has expired: sign in again.';
  if (error instanceof ApiFailure) return error.message;
  return 'something went wrong; try again';
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

type Child = Node | string | null | undefined | false;

/** Builds an element; text is always set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Writes a status line (a `role="status"` element) as success or error. */
export function say(
  target: HTMLElement,
  text: string,
  kind: 'ok' | 'error' | 'info' = 'info',
): void {
  target.textContent = text;
  target.classList.toggle('ok', kind === 'ok');
  target.classList.toggle('error', kind === 'error');
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function timeElement(iso: string | null | undefined): HTMLElement {
  return iso ? el('time', { datetime: iso }, formatTime(iso)) : el('span', {}, '—');
}

/**
 * Copies the value of the input named by each `[data-copy]` button; "Copied" is said in the
 * button's `data-copy-status` element when it names one (a section's own live region), else in
 * `status`.
 */
export function initCopyButtons(status: HTMLElement): void {
  document.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach((button) => {
    button.addEventListener('click', async () => {
      const input = byId<HTMLInputElement>(button.dataset.copy ?? '');
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        input.select();
        document.execCommand('copy');
      }
      const target = button.dataset.copyStatus ? byId(button.dataset.copyStatus) : status;
      say(target, 'Copied to the clipboard.', 'ok');
    });
  });
}

/** Calls `run` after the user stops typing for a moment. */
export function debounce(run: () => void, ms = 250): () => void {
  let timer: number | undefined;
  return () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, ms);
  };
}
