import type { Messages } from './en';

/** Svenska. */
export const sv: Messages = {
  'meta.languageName': 'Svenska',

  'common.greeting': 'Hej {name}!',
  'common.greetingNoName': 'Hej!',
  'common.userNameIs': 'Ditt användarnamn är {userName}.',

  'email.linkFallback': 'Om knappen inte fungerar kan du kopiera den här länken till webbläsaren:',
  'email.automated': 'Det här mejlet skickades automatiskt. Svar på det läses inte.',

  'welcomeEmail.subject': 'Välkommen till {tenant}',
  'welcomeEmail.preheader':
    'Ditt konto är klart. Använd länken i det här mejlet för att logga in för första gången.',
  'welcomeEmail.heading': 'Välkommen till {tenant}',
  'welcomeEmail.intro': 'Ett konto har skapats åt dig hos {tenant}.',
  'welcomeEmail.action':
    'Använd länken nedan för att logga in för första gången och aktivera ditt konto.',
  'welcomeEmail.button': 'Kom igång',
  'email.continuesTo': 'Därefter kommer du direkt vidare till {application}.',
  'welcomeEmail.expiry': 'Länken kan bara användas en gång och gäller till {expiresAt}.',
  'welcomeEmail.expired':
    'Om länken har gått ut kan du öppna den ändå: sidan låter dig mejla dig själv en ny. Om du redan har loggat in återställer du lösenordet i stället.',
  'welcomeEmail.expiredSso':
    'Om länken har gått ut kan du öppna den ändå: sidan låter dig mejla dig själv en ny. Om du redan har loggat in loggar du bara in med ditt företagskonto.',
  'welcomeEmail.footer':
    'Du får det här mejlet eftersom en administratör hos {tenant} har skapat ett konto åt dig.',

  'resetEmail.subject': 'Återställ ditt lösenord för {tenant}',
  'resetEmail.preheader':
    'Använd länken i det här mejlet för att välja ett nytt lösenord. Den gäller i {duration}.',
  'resetEmail.heading': 'Återställ ditt lösenord',
  'resetEmail.intro':
    'Vi har fått en begäran om att återställa lösenordet för ditt konto hos {tenant}.',
  'resetEmail.continuesTo':
    'När du har valt ett nytt lösenord kommer du direkt vidare till {application}.',
  'resetEmail.button': 'Välj nytt lösenord',
  'resetEmail.expiry':
    'Länken kan bara användas en gång och gäller i {duration}, till {expiresAt}.',
  'resetEmail.ignore':
    'Om det inte var du som bad om detta kan du bortse från det här mejlet. Ditt lösenord ändras inte.',
  'resetEmail.footer':
    'Du får det här mejlet eftersom någon har begärt att lösenordet för ditt konto hos {tenant} ska återställas.',

  'page.common.continue': 'Fortsätt',
  'page.common.userName': 'Användarnamn',
  'page.common.email': 'E-postadress',
  'page.common.password': 'Lösenord',
  'page.common.goToSignIn': 'Gå till inloggningen',
  'page.common.requestReset': 'Återställ lösenordet',
  'page.common.formExpired': 'Formuläret har gått ut. Försök igen.',
  'page.common.formRefused':
    'Formuläret skickades inte från en sida på den här webbplatsen, så ingenting gjordes. Öppna sidan här och försök igen.',
  'page.common.tooManyAttempts': 'För många försök. Vänta några minuter och försök igen.',
  'page.common.errorTitle': 'Något gick fel',
  'page.common.errorBody':
    'Försök igen om en stund. Kontakta din administratör om problemet kvarstår.',
  'page.common.notFoundTitle': 'Sidan hittades inte',
  'page.common.notFoundBody': 'Kontrollera att adressen är rätt skriven.',

  'page.welcome.title': 'Du har bjudits in till {tenant}',
  'page.welcome.intro': 'Ett konto har skapats åt dig. Klicka på Fortsätt för att aktivera det.',
  'page.welcome.scannerNote':
    'Vissa säkerhetstjänster för e-post öppnar länkar automatiskt, så ingenting händer förrän du klickar på Fortsätt.',

  'page.setPassword.title': 'Välj lösenord',
  'page.setPassword.intro': 'Välj ett lösenord för ditt konto hos {tenant}.',
  'page.setPassword.newPassword': 'Nytt lösenord',
  'page.setPassword.confirmPassword': 'Upprepa lösenordet',
  'page.setPassword.rulesHeading': 'Krav på lösenordet:',
  'page.setPassword.ruleLength': 'Minst {min} tecken',
  'page.setPassword.ruleNotUserName': 'Inte samma som ditt användarnamn',
  'page.setPassword.ruleNotCommon': 'Inte ett vanligt lösenord',
  'page.setPassword.submit': 'Spara lösenord',
  'page.setPassword.errorTooShort': 'Lösenordet måste vara minst {min} tecken långt.',
  'page.setPassword.errorTooLong': 'Lösenordet får vara högst {max} tecken långt.',
  'page.setPassword.errorUserName': 'Lösenordet får inte vara samma som ditt användarnamn.',
  'page.setPassword.errorCommon': 'Lösenordet är för vanligt och lätt att gissa. Välj ett annat.',
  'page.setPassword.errorMismatch': 'Lösenorden stämmer inte överens.',
  'page.setPassword.doneTitle': 'Ditt lösenord är sparat',
  'page.setPassword.doneBody': 'Nu kan du logga in på {tenant} med ditt användarnamn och lösenord.',

  'page.signIn.title': 'Logga in på {tenant}',
  'page.signIn.submit': 'Logga in',
  'page.signIn.forgotPassword': 'Glömt lösenordet?',
  'page.signIn.failed': 'Fel e-postadress eller lösenord.',
  'page.signIn.sso': 'Logga in med enkel inloggning',
  'page.signIn.neverSignedIn':
    'Har du inte loggat in förut? Använd länken i ditt välkomstmejl. Om du inte hittar det kan du be din administratör att skicka ett nytt.',
  'page.signedIn.title': 'Du är inloggad',
  'page.signedIn.body': 'Du är inloggad på {tenant} som {userName}.',
  'page.signedIn.signOut': 'Logga ut',
  'page.signedOut.body': 'Du har loggats ut.',
  'welcomeEmail.actionSso':
    'Använd knappen nedan för att logga in första gången med ditt företagskonto.',
  'welcomeEmail.buttonSso': 'Logga in med ditt företagskonto',
  'page.signIn.company': 'Logga in med ditt företagskonto',
  'page.upstream.refusedTitle': 'Vi kunde inte logga in dig',
  'page.upstream.refusedBody':
    'Ditt företagskonto är inte konfigurerat för {tenant}, eller så har det stängts av. Be din administratör om åtkomst.',
  'page.upstream.failedBody':
    'Inloggningen med ditt företagskonto slutfördes inte. Börja om från programmet eller länken i ditt e-postmeddelande.',
  'page.oidc.signOutTitle': 'Logga ut från {tenant}?',
  'page.oidc.signOutBody': 'Du loggas ut från {tenant} på den här enheten.',
  'page.oidc.signOutConfirm': 'Logga ut',
  'page.oidc.signOutCancel': 'Förbli inloggad',
  'page.oidc.requestRefused':
    'Programmet bad om att logga in dig på ett sätt som den här servern inte tillåter ({error}). Försök igen från programmet eller kontakta dess administratör.',
  'page.oidc.expired':
    'Inloggningen tog för lång tid eller är redan slutförd. Gå tillbaka till programmet och logga in igen.',

  'page.resetRequest.title': 'Återställ lösenordet',
  'page.resetRequest.intro':
    'Ange e-postadressen för ditt konto så skickar vi en länk där du kan välja ett nytt lösenord.',
  'page.resetRequest.submit': 'Skicka länk',
  'page.resetRequest.neverSignedIn':
    'Har du aldrig loggat in? Be i stället din administratör att skicka ett nytt välkomstmejl.',

  'page.resetSent.title': 'Kolla din e-post',
  'page.resetSent.body':
    'Om det finns ett konto med adressen du angav har vi skickat ett mejl med en länk där du kan välja ett nytt lösenord. Länken gäller i {duration} och kan bara användas en gång.',
  'page.resetSent.notArrived':
    'Hittar du inte mejlet? Titta i skräpposten. Om du aldrig har loggat in ska du i stället be din administratör att skicka ett nytt välkomstmejl.',

  'page.resetConfirm.title': 'Välj ett nytt lösenord',
  'page.resetConfirm.intro': 'Välj ett nytt lösenord för {userName} hos {tenant}.',
  'page.resetConfirm.submit': 'Spara nytt lösenord',
  'page.resetDone.title': 'Ditt lösenord har ändrats',
  'page.resetDone.body': 'Nu kan du logga in med ditt nya lösenord.',

  'page.linkUsed.title': 'Länken har redan använts',
  'page.linkUsed.body': 'Varje länk kan bara användas en gång, och den här har redan använts.',
  'page.linkExpired.title': 'Länken har gått ut',
  'page.linkExpired.body': 'Länken användes inte i tid och gäller inte längre.',
  'page.linkRevoked.title': 'Länken gäller inte längre',
  'page.linkRevoked.body':
    'Länken har dragits tillbaka, antingen för att ett nyare mejl har skickats eller för att du redan har loggat in.',
  'page.linkInvalid.title': 'Länken fungerar inte',
  'page.linkInvalid.body':
    'Vi känner inte igen länken. Kontrollera att du har kopierat hela länken från mejlet.',
  'page.link.whatNext':
    'Om du aldrig har loggat in kan du be din administratör att skicka ett nytt välkomstmejl. Om du har loggat in tidigare kan du i stället återställa ditt lösenord.',
  'page.link.whatNextReset':
    'Begär en ny länk för att återställa lösenordet. Använd det senaste mejlet du får; länken gäller i {duration}.',

  'page.newLink.offer':
    'Du har inte loggat in än, så vi kan mejla dig en ny länk till adressen som administratören har registrerat.',
  'page.newLink.submit': 'Mejla mig en ny länk',
  'page.newLink.sentTitle': 'Kolla din e-post',
  'page.newLink.sentBody':
    'Om ditt konto fortfarande kan få ett välkomstmejl är en ny länk på väg. Den ersätter alla tidigare länkar, så använd det senaste mejlet du får.',
  'page.newLink.sentNote':
    'Du kan begära en ny länk en gång i timmen. Hittar du inte mejlet? Kolla skräpposten eller fråga administratören.',
  'page.signedInAlready.title': 'Du har redan loggat in',
  'page.signedInAlready.body':
    'Du behöver inte längre den här välkomstlänken. Logga in med ditt lösenord; om du har glömt det, ange din e-postadress för att återställa det.',
  'page.contactAdministrator.body':
    'Ingen ny länk kan skickas för det här kontot. Kontakta administratören.',
  'reminderEmail.subject': 'Påminnelse: ditt konto hos {tenant} väntar',
  'reminderEmail.subjectOf': 'Påminnelse: {subject}',
  'reminderEmail.preheader':
    'Du har inte loggat in än. Länken i välkomstmejlet fungerar fortfarande.',
  'reminderEmail.heading': 'Ditt konto hos {tenant} väntar',
  'reminderEmail.intro':
    'Vi skickade ett välkomstmejl till dig {sentAt}, men du har inte loggat in än.',
  'reminderEmail.action':
    'Länken i det mejlet fungerar fortfarande, och det gör knappen nedan också. Använd den för att logga in första gången.',
  'reminderEmail.actionSso':
    'Länken i det mejlet fungerar fortfarande, och det gör knappen nedan också. Använd den för att logga in första gången med ditt företagskonto.',
  'reminderEmail.only': 'Det här är den enda påminnelsen du får för den här länken.',
  'testEmail.banner':
    'Det här är ett testmejl från inställningarna för e-posttexter. Länken i det fungerar inte.',
  'testEmail.subjectPrefix': '[Test]',
};
