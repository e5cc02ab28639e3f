import { markup, type HtmlValue } from '../../mail/templates/escape-html';
import type { PasswordProblem } from '../../welcome/password/password-policy';
import { PASSWORD_RULES } from '../../welcome/password/password-policy';
import { t, type Language } from '../i18n';
import { errorBox, hiddenField, paragraph, renderPage } from './layout';

/** The sentence for a refused password, in the page's language. */
export function passwordProblemText(language: Language, problem: PasswordProblem): string {
  switch (problem.code) {
    case 'tooShort':
      return t(language, 'page.setPassword.errorTooShort', { min: problem.min });
    case 'tooLong':
      return t(language, 'page.setPassword.errorTooLong', { max: problem.max });
    case 'userName':
      return t(language, 'page.setPassword.errorUserName');
    case 'common':
      return t(language, 'page.setPassword.errorCommon');
    case 'mismatch':
      return t(language, 'page.setPassword.errorMismatch');
  }
}

export interface PasswordFormInput {
  language: Language;
  /** The welcome flow sets a first password; the reset flow replaces one. */
  kind: 'welcome' | 'reset';
  tenantName: string;
  userName: string;
  action: string;
  /** Hidden fields the form must carry (the grant, an explicit language). */
  hidden: Readonly<Record<string, string | undefined>>;
  problem?: PasswordProblem;
}

/**
 * The new-password form. A readonly user-name field lets password managers file the new
 * password under the right account; the rules are listed before the fields and tied to them
 * with `aria-describedby`, and the browser checks the length before anything is sent.
 */
export function passwordFormPage(input: PasswordFormInput): string {
  const { language, kind, problem } = input;
  const welcome = kind === 'welcome';
  const title = t(language, welcome ? 'page.setPassword.title' : 'page.resetConfirm.title');
  const intro = welcome
    ? t(language, 'page.setPassword.intro', { tenant: input.tenantName })
    : t(language, 'page.resetConfirm.intro', {
        userName: input.userName,
        tenant: input.tenantName,
      });
  const submit = t(language, welcome ? 'page.setPassword.submit' : 'page.resetConfirm.submit');
  const invalid = problem ? 'true' : 'false';
  const described = problem ? 'form-error password-rules' : 'password-rules';
  const hidden: HtmlValue[] = Object.entries(input.hidden).map(([name, value]) =>
    hiddenField(name, value),
  );
  const min = PASSWORD_RULES.minLength;
  const max = PASSWORD_RULES.maxLength;
  return renderPage({
    language,
    title,
    body: [
      paragraph(intro),
      errorBox(problem ? passwordProblemText(language, problem) : undefined),
      markup`<form method="post" action="${input.action}">
${hidden}<label for="username">${t(language, 'page.common.userName')}</label>
<input type="text" id="username" name="username" value="${input.userName}" autocomplete="username" readonly>
<p class="muted" id="password-rules-heading">${t(language, 'page.setPassword.rulesHeading')}</p>
<ul class="rules" id="password-rules">
<li>${t(language, 'page.setPassword.ruleLength', { min })}</li>
<li>${t(language, 'page.setPassword.ruleNotUserName')}</li>
<li>${t(language, 'page.setPassword.ruleNotCommon')}</li>
</ul>
<label for="password">${t(language, 'page.setPassword.newPassword')}</label>
<input type="password" id="password" name="password" autocomplete="new-password" required minlength="${min}" maxlength="${max}" aria-describedby="${described}" aria-invalid="${invalid}">
<label for="confirmPassword">${t(language, 'page.setPassword.confirmPassword')}</label>
<input type="password" id="confirmPassword" name="confirmPassword" autocomplete="new-password" required minlength="${min}" maxlength="${max}" aria-invalid="${problem?.code === 'mismatch' ? 'true' : 'false'}">
<button type="submit">${submit}</button>
</form>
`,
    ],
  });
}
