/**
 * English, the reference catalogue: its keys are the key set every other language must have,
 * and its `{placeholders}` are the parameters `t()` requires.
 */
export const en = {
  'meta.languageName': 'English',

  'common.greeting': 'Hello {name},',
  'common.greetingNoName': 'Hello,',
  'common.userNameIs': 'Your user name is {userName}.',

  'email.linkFallback': "If the button doesn't work, copy this link into your browser:",
  'email.automated': 'This email was sent automatically. Replies to it are not read.',

  'welcomeEmail.subject': 'Welcome to {tenant}',
  'welcomeEmail.preheader':
    'Your account is ready. Use the link in this email to sign in for the first time.',
  'welcomeEmail.heading': 'Welcome to {tenant}',
  'welcomeEmail.intro': 'An account has been created for you at {tenant}.',
  'welcomeEmail.action':
    'Use the link below to sign in for the first time and activate your account.',
  'welcomeEmail.button': 'Get started',
  'email.continuesTo': 'Afterwards you go straight on to {application}.',
  'welcomeEmail.expiry': 'The link can be used only once and expires on {expiresAt}.',
  'welcomeEmail.expired':
    'If the link has expired, open it anyway: the page lets you email yourself a new one. If you have already signed in, reset your password instead.',
  'welcomeEmail.expiredSso':
    'If the link has expired, open it anyway: the page lets you email yourself a new one. If you have already signed in, just sign in with your company account.',
  'welcomeEmail.footer':
    'You are receiving this email because an administrator at {tenant} created an account for you.',

  'resetEmail.subject': 'Reset your password for {tenant}',
  'resetEmail.preheader':
    'Use the link in this email to choose a new password. It is valid for {duration}.',
  'resetEmail.heading': 'Reset your password',
  'resetEmail.intro': 'We received a request to reset the password for your account at {tenant}.',
  'resetEmail.continuesTo': 'After you choose a new password, you go straight on to {application}.',
  'resetEmail.button': 'Choose a new password',
  'resetEmail.expiry':
    'The link can be used only once and is valid for {duration}, until {expiresAt}.',
  'resetEmail.ignore':
    "If you didn't ask to reset your password, you can ignore this email. Your password will not be changed.",
  'resetEmail.footer':
    'You are receiving this email because a password reset was requested for your account at {tenant}.',

  'page.common.continue': 'Continue',
  'page.common.userName': 'User name',
  'page.common.email': 'Email address',
  'page.common.password': 'Password',
  'page.common.goToSignIn': 'Go to sign-in',
  'page.common.requestReset': 'Reset your password',
  'page.common.formExpired': 'This form has expired. Please try again.',
  'page.common.formRefused':
    'This form was not sent from a page of this site, so nothing was done. Open the page here and try again.',
  'page.common.tooManyAttempts': 'Too many attempts. Wait a few minutes and try again.',
  'page.common.errorTitle': 'Something went wrong',
  'page.common.errorBody':
    'Please try again in a moment. If the problem continues, contact your administrator.',
  'page.common.notFoundTitle': 'Page not found',
  'page.common.notFoundBody': 'Check that the address is spelled correctly.',

  'page.welcome.title': "You've been invited to {tenant}",
  'page.welcome.intro': 'An account has been created for you. Press Continue to activate it.',
  'page.welcome.scannerNote':
    'Some email security services open links automatically, so nothing happens until you press Continue.',

  'page.setPassword.title': 'Choose a password',
  'page.setPassword.intro': 'Choose a password for your account at {tenant}.',
  'page.setPassword.newPassword': 'New password',
  'page.setPassword.confirmPassword': 'Repeat the password',
  'page.setPassword.rulesHeading': 'Password requirements:',
  'page.setPassword.ruleLength': 'At least {min} characters',
  'page.setPassword.ruleNotUserName': 'Not the same as your user name',
  'page.setPassword.ruleNotCommon': 'Not a commonly used password',
  'page.setPassword.submit': 'Save password',
  'page.setPassword.errorTooShort': 'The password must be at least {min} characters long.',
  'page.setPassword.errorTooLong': 'The password can be at most {max} characters long.',
  'page.setPassword.errorUserName': 'The password must not be the same as your user name.',
  'page.setPassword.errorCommon':
    'This password is too common and easy to guess. Please choose another one.',
  'page.setPassword.errorMismatch': "The two passwords don't match.",
  'page.setPassword.doneTitle': 'Your password is saved',
  'page.setPassword.doneBody': 'You can now sign in to {tenant} with your user name and password.',

  'page.signIn.title': 'Sign in to {tenant}',
  'page.signIn.submit': 'Sign in',
  'page.signIn.forgotPassword': 'Forgot your password?',
  'page.signIn.failed': 'The email address or password is incorrect.',
  'page.signIn.sso': 'Sign in with single sign-on',
  'page.signIn.neverSignedIn':
    "Haven't signed in before? Use the link in your welcome email. If you can't find it, ask your administrator to send you a new one.",
  'page.signedIn.title': "You're signed in",
  'page.signedIn.body': 'You are signed in to {tenant} as {userName}.',
  'page.signedIn.signOut': 'Sign out',
  'page.signedOut.body': 'You have been signed out.',
  'welcomeEmail.actionSso':
    'Use the button below to sign in for the first time with your company account.',
  'welcomeEmail.buttonSso': 'Sign in with your company account',
  'page.signIn.company': 'Sign in with your company account',
  'page.upstream.refusedTitle': 'We could not sign you in',
  'page.upstream.refusedBody':
    'Your company account is not set up for {tenant}, or it has been turned off. Ask your administrator for access.',
  'page.upstream.failedBody':
    'The sign-in with your company account did not complete. Start again from the application or the link in your email.',
  'page.oidc.signOutTitle': 'Sign out of {tenant}?',
  'page.oidc.signOutBody': 'You will be signed out of {tenant} on this device.',
  'page.oidc.signOutConfirm': 'Sign out',
  'page.oidc.signOutCancel': 'Stay signed in',
  'page.oidc.requestRefused':
    'The application asked to sign you in in a way this server does not allow ({error}). Try again from the application, or contact its administrator.',
  'page.oidc.expired':
    'This sign-in took too long or was already finished. Go back to the application and sign in again.',

  'page.resetRequest.title': 'Reset your password',
  'page.resetRequest.intro':
    "Enter the email address of your account, and we'll send you a link to choose a new password.",
  'page.resetRequest.submit': 'Send link',
  'page.resetRequest.neverSignedIn':
    'Never signed in? Ask your administrator to send you a new welcome email instead.',

  'page.resetSent.title': 'Check your email',
  'page.resetSent.body':
    "If there is an account with the address you entered, we've sent an email with a link to choose a new password. The link is valid for {duration} and can be used only once.",
  'page.resetSent.notArrived':
    "Can't find the email? Check your spam or junk folder. If you have never signed in, ask your administrator to send you a new welcome email instead.",

  'page.resetConfirm.title': 'Choose a new password',
  'page.resetConfirm.intro': 'Choose a new password for {userName} at {tenant}.',
  'page.resetConfirm.submit': 'Save new password',
  'page.resetDone.title': 'Your password has been changed',
  'page.resetDone.body': 'You can now sign in with your new password.',

  'page.linkUsed.title': 'This link has already been used',
  'page.linkUsed.body': 'Each link works only once, and this one has already been used.',
  'page.linkExpired.title': 'This link has expired',
  'page.linkExpired.body': 'The link was not used in time and is no longer valid.',
  'page.linkRevoked.title': 'This link is no longer valid',
  'page.linkRevoked.body':
    'The link has been cancelled, either because a newer email has been sent or because you have already signed in.',
  'page.linkInvalid.title': "This link doesn't work",
  'page.linkInvalid.body':
    "We don't recognise this link. Check that you copied the whole link from the email.",
  'page.link.whatNext':
    'If you have never signed in, ask your administrator to send you a new welcome email. If you have signed in before, reset your password instead.',
  'page.link.whatNextReset':
    'Request a new link to reset your password. Use the newest email you receive; the link is valid for {duration}.',

  'page.newLink.offer':
    "You haven't signed in yet, so we can email you a new link to the address your administrator registered.",
  'page.newLink.submit': 'Email me a new link',
  'page.newLink.sentTitle': 'Check your email',
  'page.newLink.sentBody':
    'If your account can still receive a welcome email, a new link is on its way. It replaces every earlier link, so use the newest email you receive.',
  'page.newLink.sentNote':
    "A new link can be requested once an hour. Can't find the email? Check your spam or junk folder, or ask your administrator.",
  'page.signedInAlready.title': 'You have signed in already',
  'page.signedInAlready.body':
    'This welcome link is no longer needed. Sign in with your password; if you have forgotten it, enter your email address to reset it.',
  'page.contactAdministrator.body':
    'No new link can be sent for this account. Contact your administrator.',
  'reminderEmail.subject': 'Reminder: your account at {tenant} is waiting',
  'reminderEmail.subjectOf': 'Reminder: {subject}',
  'reminderEmail.preheader':
    'You have not signed in yet. The link in your welcome email still works.',
  'reminderEmail.heading': 'Your account at {tenant} is waiting',
  'reminderEmail.intro': 'We sent you a welcome email on {sentAt}, but you have not signed in yet.',
  'reminderEmail.action':
    'The link in that email still works, and so does the button below. Use it to sign in for the first time.',
  'reminderEmail.actionSso':
    'The link in that email still works, and so does the button below. Use it to sign in for the first time with your company account.',
  'reminderEmail.only': 'This is the only reminder you will get for this link.',
  'testEmail.banner': 'This is a test email from the email text settings. Its link does not work.',
  'testEmail.subjectPrefix': '[Test]',
} as const;

export type MessageKey = keyof typeof en;

/** The shape every other language must have: the same keys, any wording. */
export type Messages = { readonly [K in MessageKey]: string };
