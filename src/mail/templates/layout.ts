import { plainText, type EmailContent, type Paragraph } from './content';
import { markup, trustedHtml, type SafeHtml } from './escape-html';

/*
 * One layout for every email. Email clients ignore <style> blocks and external CSS to varying
 * degrees, so everything is inline, laid out with tables, at most 600px wide and fluid below,
 * with system fonts and no images: it reads the same in Outlook, Gmail and on a phone.
 */

const FONT = '-apple-system, BlinkMacSystemFont, Segoe UI, Roboto, Helvetica, Arial, sans-serif';
const PAGE = '#f3f4f6';
const CARD = '#ffffff';
const BORDER = '#e5e7eb';
const TEXT = '#1f2937';
const MUTED = '#4b5563';
const ACCENT = '#1d4ed8';

/** Keeps the body text out of the inbox preview after the preheader. */
const PREVIEW_FILLER = trustedHtml('&#8204;&nbsp;'.repeat(30));

const BODY_P = 'margin:0 0 16px;';
const SMALL_P = `margin:0 0 16px;font-size:14px;line-height:20px;color:${MUTED};`;
const FOOTER_P = `margin:0 0 8px;font-size:13px;line-height:20px;color:${MUTED};`;

function paragraphHtml(runs: Paragraph, style: string): SafeHtml {
  const inline = runs.map((run) =>
    typeof run === 'string' ? markup`${run}` : markup`<strong>${run.strong}</strong>`,
  );
  return markup`<p style="${style}">${inline}</p>\n`;
}

/**
 * A button that survives Outlook: the coloured cell is the button everywhere, the padded link
 * makes the whole area clickable where padding on links works, and the `mso` spacers give
 * Outlook, which ignores that padding, the same height.
 */
function buttonHtml(label: string, url: string): SafeHtml {
  return markup`<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px;">
<tr><td align="center" bgcolor="${ACCENT}" style="border-radius:6px;background-color:${ACCENT};">
<a href="${url}" target="_blank" rel="noopener" style="display:inline-block;padding:14px 28px;font-family:${FONT};font-size:16px;line-height:20px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;mso-padding-alt:0;"><!--[if mso]><i style="mso-font-width:200%;mso-text-raise:21pt" hidden>&#8202;</i><![endif]--><span style="mso-text-raise:10.5pt;">${label}</span><!--[if mso]><i style="mso-font-width:200%;" hidden>&#8202;&#8203;</i><![endif]--></a>
</td></tr>
</table>
`;
}

/** The plain link under the button, for clients that mangle buttons and for copying. */
function plainLinkHtml(fallback: string, url: string): SafeHtml {
  return markup`<p style="${SMALL_P}">${fallback}<br>
<a href="${url}" target="_blank" rel="noopener" style="color:${ACCENT};text-decoration:underline;word-break:break-all;overflow-wrap:anywhere;">${url}</a></p>
`;
}

export function renderHtmlLayout(content: EmailContent): string {
  const { language, subject, action } = content;
  const body = content.body.map((runs) => paragraphHtml(runs, BODY_P));
  const notes = content.notes.map((runs) => paragraphHtml(runs, BODY_P));
  const footer = content.footer.map((runs) => paragraphHtml(runs, FOOTER_P));
  return markup`<!DOCTYPE html>
<html lang="${language}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no, url=no">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;width:100%;background-color:${PAGE};-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;">
<div role="article" aria-roledescription="email" aria-label="${subject}" lang="${language}" dir="ltr">
<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${content.preheader}${PREVIEW_FILLER}</div>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:${PAGE};">
<tr><td align="center" style="padding:24px 12px;">
<!--[if mso]><table role="presentation" width="600" cellspacing="0" cellpadding="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:600px;margin:0 auto;">
<tr><td style="background-color:${CARD};border:1px solid ${BORDER};border-radius:8px;padding:32px 28px;font-family:${FONT};font-size:16px;line-height:24px;color:${TEXT};text-align:left;">
<h1 style="margin:0 0 24px;font-family:${FONT};font-size:24px;line-height:32px;font-weight:700;color:#111827;">${content.heading}</h1>
${paragraphHtml([content.greeting], BODY_P)}${body}${buttonHtml(action.label, action.url)}${plainLinkHtml(content.linkFallback, action.url)}${notes}</td></tr>
<tr><td style="padding:20px 28px 0;font-family:${FONT};text-align:left;">
${footer}</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</div>
</body>
</html>
`.toString();
}

/** The plain-text part: the same content, paragraphs separated by blank lines. */
export function renderTextLayout(content: EmailContent): string {
  const blocks = [
    content.heading,
    content.greeting,
    ...content.body.map(plainText),
    `${content.action.label}:\n${content.action.url}`,
    ...content.notes.map(plainText),
    // "-- " is the signature delimiter: mail clients show what follows as small print.
    ['-- ', ...content.footer.map(plainText)].join('\n'),
  ];
  return `${blocks.join('\n\n')}\n`;
}
