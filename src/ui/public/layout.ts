import {
  markup,
  trustedHtml,
  type HtmlValue,
  type SafeHtml,
} from '../../mail/templates/escape-html';
import type { Language } from '../i18n';

/*
 * One layout for every public page: no script, no external assets, system fonts, a single
 * narrow column that reads on a phone, text contrast above WCAG AA (7:1 for body text) and a
 * thick focus ring, because these pages are the first thing a new user ever sees.
 */
const STYLE = trustedHtml(`
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f4f6;color:#111827;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:30rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.card{background:#fff;border:1px solid #d1d5db;border-radius:.5rem;padding:1.5rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
p{margin:0 0 1rem}
.muted{color:#374151;font-size:.9375rem}
label{display:block;font-weight:600;margin:0 0 .25rem}
input[type=email],input[type=password],input[type=text]{display:block;width:100%;font:inherit;padding:.625rem .75rem;margin:0 0 1rem;border:2px solid #6b7280;border-radius:.375rem;background:#fff;color:#111827}
input[readonly]{background:#f3f4f6}
input[aria-invalid=true]{border-color:#b91c1c}
button{font:inherit;font-weight:600;cursor:pointer;border-radius:.375rem;padding:.75rem 1.25rem;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;width:100%}
a.button{display:block;text-align:center;font-weight:600;border-radius:.375rem;padding:.75rem 1.25rem;border:2px solid #1d4ed8;color:#1d4ed8;text-decoration:none}
button.secondary{background:#fff;color:#1d4ed8;width:auto}
a{color:#1d4ed8;text-decoration:underline}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #111827;outline-offset:2px}
.error{border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.75rem 1rem;margin:0 0 1rem}
.rules{margin:0 0 1rem;padding-left:1.25rem;color:#374151;font-size:.9375rem}
.links{margin:1.5rem 0 0;padding:0;list-style:none}
.links li{margin:0 0 .5rem}
form.inline{margin:1rem 0 0}
`);

export interface PageContent {
  language: Language;
  title: string;
  /** The card's content under the heading (the title is the heading). */
  body: HtmlValue;
}

/** A complete HTML document; the title doubles as the only `h1`. */
export function renderPage(page: PageContent): string {
  return markup`<!DOCTYPE html>
<html lang="${page.language}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<meta name="robots" content="noindex, nofollow">
<title>${page.title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
<h1>${page.title}</h1>
${page.body}
</div>
</main>
</body>
</html>
`.toString();
}

/** A paragraph of plain text. */
export const paragraph = (text: string, className?: string): SafeHtml =>
  className ? markup`<p class="${className}">${text}</p>\n` : markup`<p>${text}</p>\n`;

/** The message of a refused form, announced by screen readers as soon as the page loads. */
export const errorBox = (text: string | undefined): HtmlValue =>
  text ? markup`<div class="error" role="alert" id="form-error">${text}</div>\n` : '';

export const hiddenField = (name: string, value: string | undefined): HtmlValue =>
  value === undefined ? '' : markup`<input type="hidden" name="${name}" value="${value}">\n`;

/** A list of navigation links under the card's content. */
export const linkList = (links: ReadonlyArray<{ href: string; label: string }>): SafeHtml =>
  markup`<ul class="links">${links.map((l) => markup`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>\n`;
