/**
 * A browser without a browser: follows the provider's redirects with a cookie jar and answers
 * the login form, as a person would. Shared by the OpenID Connect tests and bench S12, so both
 * drive the sign-in exactly the same way (bench/ never imports from test/).
 */
export class HttpBrowser {
  private readonly jar = new Map<string, string>();
  /** Origins it follows redirects on (one deployment's servers); `origin` is where forms come from. */
  readonly origins = new Set<string>();
  constructor(
    private readonly origin: string,
    /** Sent with every request, e.g. an X-Forwarded-For that gives each bench browser its own address. */
    private readonly extraHeaders: Record<string, string> = {},
  ) {
    this.origins.add(origin);
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...this.extraHeaders,
        ...(init.headers as Record<string, string>),
        cookie: this.cookie(),
      },
    });
    this.remember(res);
    return res;
  }

  /** Follows redirects on our origin; stops at the first page (200) or at another origin. */
  async follow(url: string): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let i = 0; i < 10; i++) {
      if (!this.origins.has(new URL(current).origin)) return { url: current, res: new Response() };
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      // A redirect's body is never read; dropping it frees the connection at once.
      await res.body?.cancel();
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }

  /** Posts the interaction's login form; follows on to wherever the provider sends the browser. */
  async signIn(pageUrl: string, html: string, email: string, password: string) {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no sign-in form on ${pageUrl}`);
    const res = await this.request(new URL(action.replace(/&amp;/g, '&'), pageUrl).href, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.origin,
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams({ email, password }).toString(),
    });
    const location = res.headers.get('location');
    if (res.status !== 303 || !location) return { url: pageUrl, res };
    await res.body?.cancel();
    return this.follow(new URL(location, pageUrl).href);
  }
}
