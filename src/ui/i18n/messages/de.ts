import type { Messages } from './en';

/**
 * Deutsch, formal address ("Sie"). After the greeting's comma the first sentence of the
 * email starts in lower case, as German letters do.
 */
export const de: Messages = {
  'meta.languageName': 'Deutsch',

  'common.greeting': 'Hallo {name},',
  'common.greetingNoName': 'Hallo,',
  'common.userNameIs': 'Ihr Benutzername lautet {userName}.',

  'email.linkFallback':
    'Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:',
  'email.automated':
    'Diese E-Mail wurde automatisch versendet. Antworten darauf werden nicht gelesen.',

  'welcomeEmail.subject': 'Willkommen bei {tenant}',
  'welcomeEmail.preheader':
    'Ihr Konto ist eingerichtet. Mit dem Link in dieser E-Mail melden Sie sich zum ersten Mal an.',
  'welcomeEmail.heading': 'Willkommen bei {tenant}',
  'welcomeEmail.intro': 'für Sie wurde ein Konto bei {tenant} angelegt.',
  'welcomeEmail.action':
    'Mit dem Link unten melden Sie sich zum ersten Mal an und aktivieren Ihr Konto.',
  'welcomeEmail.button': 'Jetzt loslegen',
  'email.continuesTo': 'Danach geht es direkt weiter zu {application}.',
  'welcomeEmail.expiry':
    'Der Link kann nur einmal verwendet werden und ist bis zum {expiresAt} gültig.',
  'welcomeEmail.expired':
    'Falls der Link abgelaufen ist, öffnen Sie ihn trotzdem: Auf der Seite können Sie sich einen neuen Link senden lassen. Wenn Sie sich bereits angemeldet haben, setzen Sie stattdessen Ihr Passwort zurück.',
  'welcomeEmail.expiredSso':
    'Falls der Link abgelaufen ist, öffnen Sie ihn trotzdem: Auf der Seite können Sie sich einen neuen Link senden lassen. Wenn Sie sich bereits angemeldet haben, melden Sie sich einfach mit Ihrem Firmenkonto an.',
  'welcomeEmail.footer':
    'Sie erhalten diese E-Mail, weil ein Administrator von {tenant} ein Konto für Sie angelegt hat.',

  'resetEmail.subject': 'Passwort für {tenant} zurücksetzen',
  'resetEmail.preheader':
    'Mit dem Link in dieser E-Mail legen Sie ein neues Passwort fest. Er ist {duration} gültig.',
  'resetEmail.heading': 'Passwort zurücksetzen',
  'resetEmail.intro':
    'wir haben eine Anfrage erhalten, das Passwort für Ihr Konto bei {tenant} zurückzusetzen.',
  'resetEmail.continuesTo':
    'Nachdem Sie ein neues Passwort festgelegt haben, geht es direkt weiter zu {application}.',
  'resetEmail.button': 'Neues Passwort festlegen',
  'resetEmail.expiry':
    'Der Link kann nur einmal verwendet werden und ist {duration} gültig, also bis zum {expiresAt}.',
  'resetEmail.ignore':
    'Falls Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren. Ihr Passwort bleibt unverändert.',
  'resetEmail.footer':
    'Sie erhalten diese E-Mail, weil für Ihr Konto bei {tenant} das Zurücksetzen des Passworts angefordert wurde.',

  'page.common.continue': 'Weiter',
  'page.common.userName': 'Benutzername',
  'page.common.email': 'E-Mail-Adresse',
  'page.common.password': 'Passwort',
  'page.common.goToSignIn': 'Zur Anmeldung',
  'page.common.requestReset': 'Passwort zurücksetzen',
  'page.common.formExpired': 'Das Formular ist abgelaufen. Bitte versuchen Sie es erneut.',
  'page.common.formRefused':
    'Dieses Formular wurde nicht von einer Seite dieser Website gesendet, daher wurde nichts ausgeführt. Öffnen Sie die Seite hier und versuchen Sie es erneut.',
  'page.common.tooManyAttempts':
    'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
  'page.common.errorTitle': 'Etwas ist schiefgelaufen',
  'page.common.errorBody':
    'Bitte versuchen Sie es gleich noch einmal. Wenn das Problem bestehen bleibt, wenden Sie sich an Ihren Administrator.',
  'page.common.notFoundTitle': 'Seite nicht gefunden',
  'page.common.notFoundBody': 'Bitte prüfen Sie, ob die Adresse richtig geschrieben ist.',

  'page.welcome.title': 'Sie wurden zu {tenant} eingeladen',
  'page.welcome.intro':
    'Für Sie wurde ein Konto angelegt. Klicken Sie auf „Weiter“, um es zu aktivieren.',
  'page.welcome.scannerNote':
    'Manche Sicherheitsdienste für E-Mails öffnen Links automatisch. Deshalb passiert erst etwas, wenn Sie auf „Weiter“ klicken.',

  'page.setPassword.title': 'Passwort festlegen',
  'page.setPassword.intro': 'Legen Sie ein Passwort für Ihr Konto bei {tenant} fest.',
  'page.setPassword.newPassword': 'Neues Passwort',
  'page.setPassword.confirmPassword': 'Passwort wiederholen',
  'page.setPassword.rulesHeading': 'Anforderungen an das Passwort:',
  'page.setPassword.ruleLength': 'Mindestens {min} Zeichen',
  'page.setPassword.ruleNotUserName': 'Nicht identisch mit Ihrem Benutzernamen',
  'page.setPassword.ruleNotCommon': 'Kein häufig verwendetes Passwort',
  'page.setPassword.submit': 'Passwort speichern',
  'page.setPassword.errorTooShort': 'Das Passwort muss mindestens {min} Zeichen lang sein.',
  'page.setPassword.errorTooLong': 'Das Passwort darf höchstens {max} Zeichen lang sein.',
  'page.setPassword.errorUserName':
    'Das Passwort darf nicht mit Ihrem Benutzernamen übereinstimmen.',
  'page.setPassword.errorCommon':
    'Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.',
  'page.setPassword.errorMismatch': 'Die Passwörter stimmen nicht überein.',
  'page.setPassword.doneTitle': 'Ihr Passwort ist gespeichert',
  'page.setPassword.doneBody':
    'Sie können sich jetzt mit Ihrem Benutzernamen und Passwort bei {tenant} anmelden.',

  'page.signIn.title': 'Bei {tenant} anmelden',
  'page.signIn.submit': 'Anmelden',
  'page.signIn.forgotPassword': 'Passwort vergessen?',
  'page.signIn.failed': 'E-Mail-Adresse oder Passwort ist falsch.',
  'page.signIn.sso': 'Mit Single Sign-On anmelden',
  'page.signIn.neverSignedIn':
    'Noch nie angemeldet? Verwenden Sie den Link in Ihrer Willkommens-E-Mail. Wenn Sie sie nicht finden, bitten Sie Ihren Administrator, Ihnen eine neue zu senden.',
  'page.signedIn.title': 'Sie sind angemeldet',
  'page.signedIn.body': 'Sie sind bei {tenant} als {userName} angemeldet.',
  'page.signedIn.signOut': 'Abmelden',
  'page.signedOut.body': 'Sie wurden abgemeldet.',
  'welcomeEmail.actionSso':
    'Melden Sie sich über die Schaltfläche unten zum ersten Mal mit Ihrem Firmenkonto an.',
  'welcomeEmail.buttonSso': 'Mit Ihrem Firmenkonto anmelden',
  'page.signIn.company': 'Mit Ihrem Firmenkonto anmelden',
  'page.upstream.refusedTitle': 'Wir konnten Sie nicht anmelden',
  'page.upstream.refusedBody':
    'Ihr Firmenkonto ist für {tenant} nicht eingerichtet oder wurde deaktiviert. Bitten Sie Ihren Administrator um Zugang.',
  'page.upstream.failedBody':
    'Die Anmeldung mit Ihrem Firmenkonto wurde nicht abgeschlossen. Beginnen Sie erneut in der Anwendung oder über den Link in Ihrer E-Mail.',
  'page.oidc.signOutTitle': 'Von {tenant} abmelden?',
  'page.oidc.signOutBody': 'Sie werden auf diesem Gerät von {tenant} abgemeldet.',
  'page.oidc.signOutConfirm': 'Abmelden',
  'page.oidc.signOutCancel': 'Angemeldet bleiben',
  'page.oidc.requestRefused':
    'Die Anwendung wollte Sie auf eine Weise anmelden, die dieser Server nicht zulässt ({error}). Versuchen Sie es in der Anwendung erneut oder wenden Sie sich an ihren Administrator.',
  'page.oidc.expired':
    'Diese Anmeldung hat zu lange gedauert oder ist bereits abgeschlossen. Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.',

  'page.resetRequest.title': 'Passwort zurücksetzen',
  'page.resetRequest.intro':
    'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen dann einen Link, mit dem Sie ein neues Passwort festlegen können.',
  'page.resetRequest.submit': 'Link senden',
  'page.resetRequest.neverSignedIn':
    'Noch nie angemeldet? Bitten Sie stattdessen Ihren Administrator, Ihnen eine neue Willkommens-E-Mail zu senden.',

  'page.resetSent.title': 'Prüfen Sie Ihr Postfach',
  'page.resetSent.body':
    'Falls zu der eingegebenen Adresse ein Konto gehört, haben wir eine E-Mail mit einem Link gesendet, mit dem Sie ein neues Passwort festlegen können. Der Link ist {duration} gültig und kann nur einmal verwendet werden.',
  'page.resetSent.notArrived':
    'Keine E-Mail erhalten? Sehen Sie in Ihrem Spam-Ordner nach. Wenn Sie sich noch nie angemeldet haben, bitten Sie stattdessen Ihren Administrator, Ihnen eine neue Willkommens-E-Mail zu senden.',

  'page.resetConfirm.title': 'Neues Passwort festlegen',
  'page.resetConfirm.intro': 'Legen Sie ein neues Passwort für {userName} bei {tenant} fest.',
  'page.resetConfirm.submit': 'Neues Passwort speichern',
  'page.resetDone.title': 'Ihr Passwort wurde geändert',
  'page.resetDone.body': 'Sie können sich jetzt mit Ihrem neuen Passwort anmelden.',

  'page.linkUsed.title': 'Dieser Link wurde bereits verwendet',
  'page.linkUsed.body':
    'Jeder Link kann nur einmal verwendet werden, und dieser wurde bereits benutzt.',
  'page.linkExpired.title': 'Dieser Link ist abgelaufen',
  'page.linkExpired.body': 'Der Link wurde nicht rechtzeitig verwendet und ist nicht mehr gültig.',
  'page.linkRevoked.title': 'Dieser Link ist nicht mehr gültig',
  'page.linkRevoked.body':
    'Der Link wurde deaktiviert, entweder weil Ihnen eine neuere E-Mail gesendet wurde oder weil Sie sich bereits angemeldet haben.',
  'page.linkInvalid.title': 'Dieser Link funktioniert nicht',
  'page.linkInvalid.body':
    'Wir können diesen Link nicht zuordnen. Prüfen Sie, ob Sie den vollständigen Link aus der E-Mail kopiert haben.',
  'page.link.whatNext':
    'Wenn Sie sich noch nie angemeldet haben, bitten Sie Ihren Administrator, Ihnen eine neue Willkommens-E-Mail zu senden. Wenn Sie sich schon einmal angemeldet haben, setzen Sie stattdessen Ihr Passwort zurück.',
  'page.link.whatNextReset':
    'Fordern Sie einen neuen Link zum Zurücksetzen Ihres Passworts an. Verwenden Sie die neueste E-Mail, die Sie erhalten; der Link ist {duration} gültig.',

  'page.newLink.offer':
    'Sie haben sich noch nicht angemeldet. Wir können Ihnen einen neuen Link an die Adresse senden, die Ihr Administrator hinterlegt hat.',
  'page.newLink.submit': 'Neuen Link per E-Mail senden',
  'page.newLink.sentTitle': 'Prüfen Sie Ihr Postfach',
  'page.newLink.sentBody':
    'Wenn Ihr Konto noch eine Willkommens-E-Mail erhalten kann, ist ein neuer Link unterwegs. Er ersetzt alle früheren Links; verwenden Sie die neueste E-Mail, die Sie erhalten.',
  'page.newLink.sentNote':
    'Ein neuer Link kann einmal pro Stunde angefordert werden. Keine E-Mail gefunden? Prüfen Sie den Spam-Ordner oder fragen Sie Ihren Administrator.',
  'page.signedInAlready.title': 'Sie haben sich bereits angemeldet',
  'page.signedInAlready.body':
    'Dieser Willkommenslink wird nicht mehr gebraucht. Melden Sie sich mit Ihrem Passwort an; falls Sie es vergessen haben, geben Sie Ihre E-Mail-Adresse ein, um es zurückzusetzen.',
  'page.contactAdministrator.body':
    'Für dieses Konto kann kein neuer Link gesendet werden. Wenden Sie sich an Ihren Administrator.',
  'reminderEmail.subject': 'Erinnerung: Ihr Konto bei {tenant} wartet',
  'reminderEmail.subjectOf': 'Erinnerung: {subject}',
  'reminderEmail.preheader':
    'Sie haben sich noch nicht angemeldet. Der Link in Ihrer Willkommens-E-Mail funktioniert weiterhin.',
  'reminderEmail.heading': 'Ihr Konto bei {tenant} wartet',
  'reminderEmail.intro':
    'wir haben Ihnen am {sentAt} eine Willkommens-E-Mail gesendet, aber Sie haben sich noch nicht angemeldet.',
  'reminderEmail.action':
    'Der Link in dieser E-Mail funktioniert weiterhin, ebenso die Schaltfläche unten. Melden Sie sich damit zum ersten Mal an.',
  'reminderEmail.actionSso':
    'Der Link in dieser E-Mail funktioniert weiterhin, ebenso die Schaltfläche unten. Melden Sie sich damit zum ersten Mal mit Ihrem Firmenkonto an.',
  'reminderEmail.only': 'Dies ist die einzige Erinnerung zu diesem Link.',
  'testEmail.banner':
    'Dies ist eine Test-E-Mail aus den Einstellungen der E-Mail-Texte. Der Link darin funktioniert nicht.',
  'testEmail.subjectPrefix': '[Test]',
};
