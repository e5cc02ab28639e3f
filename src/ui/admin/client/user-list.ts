import { api, byId, debounce, reasonOf, say } from './common.js';
import type { UserPage, UserSummary } from './api-types.js';

export interface UserListOptions {
  /** Prefix of the element ids: `<prefix>-search`, `-q`, `-body`, `-status`, `-prev`, `-next`, `-page`. */
  prefix: string;
  source?: 'scim' | 'admin';
  limit: number;
  /** Noun for the summary line ("users", "associates"). */
  noun: string;
  renderRow(user: UserSummary): HTMLTableRowElement;
}

export interface UserList {
  reload(): Promise<void>;
  current(): UserSummary[];
}

/** A searchable, server-side paged list of users (`GET /api/admin/users`). */
export function createUserList(options: UserListOptions): UserList {
  const { prefix } = options;
  const form = byId<HTMLFormElement>(`${prefix}-search`);
  const input = byId<HTMLInputElement>(`${prefix}-q`);
  const body = byId(`${prefix}-body`);
  const status = byId(`${prefix}-status`);
  const prev = byId<HTMLButtonElement>(`${prefix}-prev`);
  const next = byId<HTMLButtonElement>(`${prefix}-next`);
  const pageInfo = byId(`${prefix}-page`);
  let page = 1;
  let pages = 1;
  let users: UserSummary[] = [];
  let sequence = 0;

  async function reload(): Promise<void> {
    const mine = ++sequence;
    const params = new URLSearchParams({
      q: input.value.trim(),
      page: String(page),
      limit: String(options.limit),
    });
    if (options.source) params.set('source', options.source);
    try {
      const result = await api<UserPage>('GET', `/api/admin/users?${params.toString()}`);
      if (mine !== sequence) return; // a newer search answered first
      users = result.users;
      pages = Math.max(1, Math.ceil(result.total / result.limit));
      body.replaceChildren(...result.users.map(options.renderRow));
      const query = input.value.trim();
      say(
        status,
        result.total === 0
          ? query
            ? `No ${options.noun} match “${query}”.`
            : `No ${options.noun} yet.`
          : `${result.total} ${options.noun}${query ? ` matching “${query}”` : ''}.`,
      );
      pageInfo.textContent = `Page ${result.page} of ${pages}`;
      prev.disabled = page <= 1;
      next.disabled = page >= pages;
    } catch (error) {
      if (mine === sequence)
        say(status, `Could not load the ${options.noun}: ${reasonOf(error)}`, 'error');
    }
  }

  const search = () => {
    page = 1;
    void reload();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  input.addEventListener('input', debounce(search));
  prev.addEventListener('click', () => {
    if (page > 1) page -= 1;
    void reload();
  });
  next.addEventListener('click', () => {
    if (page < pages) page += 1;
    void reload();
  });
  return { reload, current: () => users };
}
