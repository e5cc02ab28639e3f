import { api, byId, debounce, reasonOf, say } from './common.js';

interface ReminderSettings {
  remindAfterDays: number | null;
  maxDays: number;
  linkTtlHours: number;
}
interface TextsView {
  texts: Record<string, string>;
  customised: boolean;
  defaults: Record<string, string>;
}
interface Preview {
  subject: string;
  html: string;
  text: string;
  fromName: string;
}

const FIELDS = ['subject', 'heading', 'intro', 'closing', 'senderName'] as const;

const reminderOn = byId<HTMLInputElement>('reminder-on');
const reminderDays = byId<HTMLInputElement>('reminder-days');
const reminderSave = byId<HTMLButtonElement>('reminder-save');
const reminderStatus = byId('reminder-status');
const language = byId<HTMLSelectElement>('texts-language');
const textsStatus = byId('texts-status');
const field = (name: string) => byId<HTMLInputElement | HTMLTextAreaElement>(`text-${name}`);

async function loadReminder(): Promise<void> {
  const settings = await api<ReminderSettings>('GET', '/api/identity-manager/reminders');
  reminderOn.checked = settings.remindAfterDays !== null;
  reminderDays.max = String(settings.maxDays);
  reminderDays.value = String(settings.remindAfterDays ?? Math.min(3, settings.maxDays));
  reminderOn.disabled = reminderSave.disabled = settings.maxDays < 1;
  reminderDays.disabled = !reminderOn.checked;
  if (settings.maxDays < 1)
    say(
      reminderStatus,
      'The welcome link lives less than two days, so reminders are not possible.',
    );
}

reminderOn.addEventListener('change', () => {
  reminderDays.disabled = !reminderOn.checked;
});
byId('reminder-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const days = reminderOn.checked ? Number(reminderDays.value) : null;
  api<ReminderSettings>('PATCH', '/api/identity-manager/reminders', { remindAfterDays: days })
    .then((saved) =>
      say(
        reminderStatus,
        saved.remindAfterDays === null
          ? 'Saved: no reminders.'
          : `Saved: a reminder ${saved.remindAfterDays} days after the welcome email.`,
        'ok',
      ),
    )
    .catch((error: unknown) => say(reminderStatus, `Not saved: ${reasonOf(error)}`, 'error'));
});

const currentTexts = (): Record<string, string> =>
  Object.fromEntries(FIELDS.map((name) => [name, field(name).value]));
const textsUrl = () => `/api/identity-manager/email-texts/welcome/${language.value}`;

async function refreshPreview(): Promise<void> {
  try {
    const email = byId<HTMLSelectElement>('preview-email').value;
    const preview = await api<Preview>(
      'POST',
      `${textsUrl()}/preview?email=${encodeURIComponent(email)}`,
      currentTexts(),
    );
    byId('preview-from').textContent = preview.fromName;
    byId('preview-subject').textContent = preview.subject;
    // sandbox="" (set in the page): the email's markup runs nothing and reaches nothing.
    byId<HTMLIFrameElement>('preview-html').srcdoc = preview.html;
    byId('preview-text').textContent = preview.text;
  } catch (error) {
    say(textsStatus, reasonOf(error), 'error');
  }
}
const schedulePreview = debounce(() => void refreshPreview(), 300);

/** Fields stay disabled until the saved texts are in, so nothing typed is overwritten. */
function show(view: TextsView): void {
  for (const name of FIELDS) {
    field(name).value = view.texts[name] ?? '';
    field(name).placeholder = view.defaults[name] ?? '';
    field(name).disabled = false;
  }
  for (const id of ['texts-save', 'texts-test', 'texts-reset'])
    byId<HTMLButtonElement>(id).disabled = false;
  void refreshPreview();
}

async function loadTexts(): Promise<void> {
  show(await api<TextsView>('GET', textsUrl()));
  say(textsStatus, '');
}

for (const name of FIELDS) field(name).addEventListener('input', schedulePreview);
byId('preview-email').addEventListener('change', () => void refreshPreview());
language.addEventListener('change', () => {
  disarmReset();
  void loadTexts().catch(() => undefined);
});
byId('texts-form').addEventListener('submit', (event) => {
  event.preventDefault();
  api<TextsView>('PUT', textsUrl(), currentTexts())
    .then((view) => {
      show(view);
      void markCustomised();
      say(textsStatus, view.customised ? 'Saved.' : 'Saved: the built-in texts apply.', 'ok');
    })
    .catch((error: unknown) => say(textsStatus, `Not saved: ${reasonOf(error)}`, 'error'));
});
const resetButton = byId<HTMLButtonElement>('texts-reset');
const languageName = () => language.selectedOptions[0]?.dataset.name ?? language.value;
function disarmReset(): void {
  delete resetButton.dataset.armed;
  resetButton.textContent = 'Reset to default';
}
// A reset throws the saved words away, so it takes a second, confirming click.
resetButton.addEventListener('click', () => {
  if (!resetButton.dataset.armed) {
    resetButton.dataset.armed = 'true';
    resetButton.textContent = `Confirm: reset ${languageName()} to the built-in texts`;
    return;
  }
  disarmReset();
  api<TextsView>('DELETE', textsUrl())
    .then((view) => {
      show(view);
      void markCustomised();
      say(textsStatus, 'Reset: the built-in texts apply.', 'ok');
    })
    .catch((error: unknown) => say(textsStatus, `Not reset: ${reasonOf(error)}`, 'error'));
});

/** Marks the languages that have the tenant's own words in the language list. */
async function markCustomised(): Promise<void> {
  const list = await api<{ languages: Array<{ language: string; customised: boolean }> }>(
    'GET',
    '/api/identity-manager/email-texts/welcome',
  );
  for (const option of Array.from(language.options)) {
    option.dataset.name ??= option.textContent ?? option.value;
    const entry = list.languages.find((l) => l.language === option.value);
    option.textContent = entry?.customised
      ? `${option.dataset.name} (your own words)`
      : option.dataset.name;
  }
}
byId('texts-test').addEventListener('click', () => {
  api<{ to: string }>('POST', `${textsUrl()}/test`, currentTexts())
    .then((sent) => say(textsStatus, `Test email on its way to ${sent.to}.`, 'ok'))
    .catch((error: unknown) => say(textsStatus, `Not sent: ${reasonOf(error)}`, 'error'));
});

void loadReminder().catch((error: unknown) => say(reminderStatus, reasonOf(error), 'error'));
void loadTexts().catch((error: unknown) => say(textsStatus, reasonOf(error), 'error'));
void markCustomised().catch(() => undefined);
