import { markup, trustedHtml, type SafeHtml } from '../../mail/templates/escape-html';
import type { Session } from '../../tenants/sessions';
import { ADMIN_CSS } from './admin-styles';

/** What every administration page knows when it renders its shell. */
export interface AdminPageView {
  session: Session;
  /** The path of this page, for `aria-current` and the sign-in `next` after expiry. */
  path: string;
}

export interface AdminPageContent {
  title: string;
  /** The page's own markup, inside `<main>`. */
  main: SafeHtml;
  /** File name under `/ui/static/`, the page's one client script. */
  script: string;
}

const NAV: ReadonlyArray<{ group?: string; href: string; label: string }> = [
  { href: '/identity-manager', label: 'Identity Manager' },
  { href: '/identity-manager/provisioning-log', label: 'Provisioning log' },
  { href: '/identity-manager/events', label: 'Events and webhooks' },
  { href: '/identity-manager/applications', label: 'Applications' },
  { href: '/identity-manager/welcome-emails', label: 'Welcome emails' },
  { group: 'Admin client', href: '/admin/users', label: 'Users' },
  { href: '/admin/preferences', label: 'Preferences' },
  { href: '/admin/audit-log', label: 'Audit log' },
  { href: '/mailbox', label: 'Mailbox' },
];

function navItems(current: string): SafeHtml[] {
  return NAV.map(({ group, href, label }) => {
    const groupLabel = group ? markup`<span class="nav-group">${group}:</span> ` : '';
    const currentAttr = href === current ? trustedHtml(' aria-current="page"') : '';
    return markup`<li>${groupLabel}<a href="${href}"${currentAttr}>${label}</a></li>`;
  });
}

/**
 * The shared shell: skip link, top navigation (Identity Manager, Admin client, Mailbox, sign
 * out), the session-expired banner the client scripts fill, and the page's module script.
 * No inline script or handler anywhere (Helmet's CSP: script-src 'self').
 */
export function renderAdminPage(view: AdminPageView, content: AdminPageContent): string {
  const signInAgain = `/sign-in?next=${encodeURIComponent(view.path)}`;
  return `<!doctype html>${markup`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${content.title} · SCIM Welcome</title>
<style>${trustedHtml(ADMIN_CSS)}</style>
<script type="module" src="/ui/static/${content.script}"></script>
</head>
<body data-sign-in-url="${signInAgain}">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="topbar">
  <a class="brand" href="/identity-manager">SCIM Welcome</a>
  <nav aria-label="Main"><ul>${navItems(view.path)}</ul></nav>
  <div class="account">
    <span>Signed in as ${view.session.email || 'administrator'} (${view.session.tenantId})</span>
    <form id="sign-out" method="post" action="/sign-out"><button type="submit" class="secondary">Sign out</button></form>
  </div>
</header>
<div id="session-banner" class="banner" role="alert"></div>
<main id="main" tabindex="-1">
${content.main}
</main>
</body>
</html>`}`;
}
