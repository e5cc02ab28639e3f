/**
 * The body rules of SendGrid's v3 `POST /v3/mail/send`, as its documentation states them
 * (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/errors), for the stand-in.
 */
export interface SendgridErrorItem {
  message: string;
  field: string | null;
  help: string | null;
}

const KNOWN_TOP_LEVEL = new Set(
  ['personalizations', 'from', 'reply_to', 'reply_to_list', 'subject', 'content', 'attachments']
    .concat(['template_id', 'headers', 'categories', 'custom_args', 'send_at', 'batch_id', 'asm'])
    .concat(['ip_pool_name', 'mail_settings', 'tracking_settings', 'sections']),
);
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z0-9-]{2,}$/;
const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';

/** Wording from SendGrid's Mail Send errors page, keyed by the help anchor they link to. */
const MESSAGES = {
  personalizations:
    'The personalizations field is required and must have at least one personalization.',
  to: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
  address: 'Does not contain a valid address.',
  from: 'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
  subject:
    'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
  content:
    'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
  contentOrder:
    'If present, text/plain content must be first, followed by text/html, followed by any other content.',
  categories: 'Too many categories. Please limit the number of categories to 10 or fewer.',
  category: 'A category must be a non-empty string of at most 255 characters.',
  customArgs: 'Custom args values must be strings.',
  customArgsSize: 'The total size of custom arguments may not exceed 10,000 bytes.',
} as const;

export function sendgridError(
  message: string,
  field: string | null,
  anchor?: string,
): SendgridErrorItem {
  return { message, field, help: anchor ? `${HELP}#message.${anchor}` : null };
}

/** The v3 `POST /v3/mail/send` body rules; returns SendGrid-shaped errors, empty when valid. */
export function validateMailSend(body: unknown): SendgridErrorItem[] {
  if (!isObject(body)) return [sendgridError('Bad Request', null)];
  const errors: SendgridErrorItem[] = [];
  const add = (message: string, field: string, anchor: string) =>
    errors.push(sendgridError(message, field, anchor));
  for (const key of Object.keys(body)) {
    if (!KNOWN_TOP_LEVEL.has(key)) add(`Unknown field: ${key}`, key, 'body');
  }
  const list: unknown[] = Array.isArray(body.personalizations) ? body.personalizations : [];
  if (list.length === 0) add(MESSAGES.personalizations, 'personalizations', 'personalizations');
  list.forEach((item, index) => {
    const field = `personalizations.${index}`;
    if (!isObject(item) || !Array.isArray(item.to) || item.to.length === 0) {
      add(MESSAGES.to, `${field}.to`, 'personalizations.to');
      return;
    }
    item.to.forEach((to: unknown, at) => checkAddress(to, `${field}.to.${at}`, add));
    if (item.subject !== undefined && !isText(item.subject)) {
      add(MESSAGES.subject, `${field}.subject`, 'subject');
    }
    if (item.custom_args !== undefined)
      checkCustomArgs(item.custom_args, `${field}.custom_args`, add);
  });
  if (isObject(body.from)) checkAddress(body.from, 'from', add);
  else add(MESSAGES.from, 'from', 'from');
  const everySubject = list.length > 0 && list.every((p) => isObject(p) && isText(p.subject));
  if (body.template_id === undefined && !isText(body.subject) && !everySubject) {
    add(MESSAGES.subject, 'subject', 'subject');
  }
  checkContent(body.content, body.template_id, add);
  const { categories } = body;
  if (categories !== undefined) {
    if (!Array.isArray(categories) || categories.length > 10) {
      add(MESSAGES.categories, 'categories', 'categories');
    } else if (!categories.every((c: unknown) => isText(c) && c.length <= 255)) {
      add(MESSAGES.category, 'categories', 'categories');
    }
  }
  if (body.custom_args !== undefined) checkCustomArgs(body.custom_args, 'custom_args', add);
  return errors;
}

type Add = (message: string, field: string, anchor: string) => void;

function checkContent(content: unknown, templateId: unknown, add: Add): void {
  if (templateId !== undefined && !isText(templateId)) {
    add('The template_id must be a valid template ID.', 'template_id', 'template_id');
  }
  if (content === undefined && isText(templateId)) return;
  const blocks: unknown[] = Array.isArray(content) ? content : [];
  const valid = blocks.every((c) => isObject(c) && isText(c.type) && typeof c.value === 'string');
  if (blocks.length === 0 || !valid) return add(MESSAGES.content, 'content', 'content');
  const types = blocks.map((c) => String((c as { type: string }).type).toLowerCase());
  const textAt = types.indexOf('text/plain');
  const htmlAt = types.indexOf('text/html');
  if (textAt > 0 || (htmlAt >= 0 && htmlAt !== (textAt === 0 ? 1 : 0))) {
    add(MESSAGES.contentOrder, 'content', 'content');
  }
}

function checkAddress(value: unknown, field: string, add: Add): void {
  if (!isObject(value) || typeof value.email !== 'string' || !EMAIL.test(value.email)) {
    add(MESSAGES.address, `${field}.email`, 'personalizations.to');
  } else if (value.name !== undefined && typeof value.name !== 'string') {
    add('The name must be a string.', `${field}.name`, 'personalizations.to');
  }
}

function checkCustomArgs(value: unknown, field: string, add: Add): void {
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    add(MESSAGES.customArgs, field, 'custom_args');
  } else if (Buffer.byteLength(JSON.stringify(value)) > 10_000) {
    add(MESSAGES.customArgsSize, field, 'custom_args');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
