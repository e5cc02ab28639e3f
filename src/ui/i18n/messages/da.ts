import type { Messages } from './en';

/** Dansk. */
export const da: Messages = {
  'meta.languageName': 'Dansk',

  'common.greeting': 'Hej {name}',
  'common.greetingNoName': 'Hej',
  'common.userNameIs': 'Dit brugernavn er {userName}.',

  'email.linkFallback': 'Hvis knappen ikke virker, kan du kopiere dette link ind i din browser:',
  'email.automated': 'Denne e-mail er sendt automatisk. Svar på den bliver ikke læst.',

  'welcomeEmail.subject': 'Velkommen til {tenant}',
  'welcomeEmail.preheader':
    'Din konto er klar. Brug linket i denne e-mail til at logge ind for første gang.',
  'welcomeEmail.heading': 'Velkommen til {tenant}',
  'welcomeEmail.intro': 'Der er oprettet en konto til dig hos {tenant}.',
  'welcomeEmail.action':
    'Brug linket nedenfor til at logge ind for første gang og aktivere din konto.',
  'welcomeEmail.button': 'Kom i gang',
  'email.continuesTo': 'Derefter fortsætter du direkte til {application}.',
  'welcomeEmail.expiry': 'Linket kan kun bruges én gang og udløber den {expiresAt}.',
  'welcomeEmail.expired':
    'Hvis linket er udløbet, kan du åbne det alligevel: siden lader dig sende dig selv et nyt. Har du allerede logget ind, skal du i stedet nulstille din adgangskode.',
  'welcomeEmail.expiredSso':
    'Hvis linket er udløbet, kan du åbne det alligevel: siden lader dig sende dig selv et nyt. Har du allerede logget ind, skal du blot logge ind med din firmakonto.',
  'welcomeEmail.footer':
    'Du modtager denne e-mail, fordi en administrator hos {tenant} har oprettet en konto til dig.',

  'resetEmail.subject': 'Nulstil din adgangskode til {tenant}',
  'resetEmail.preheader':
    'Brug linket i denne e-mail til at vælge en ny adgangskode. Det er gyldigt i {duration}.',
  'resetEmail.heading': 'Nulstil din adgangskode',
  'resetEmail.intro':
    'Vi har modtaget en anmodning om at nulstille adgangskoden til din konto hos {tenant}.',
  'resetEmail.continuesTo':
    'Når du har valgt en ny adgangskode, fortsætter du direkte til {application}.',
  'resetEmail.button': 'Vælg ny adgangskode',
  'resetEmail.expiry':
    'Linket kan kun bruges én gang og er gyldigt i {duration}, indtil den {expiresAt}.',
  'resetEmail.ignore':
    'Hvis det ikke var dig, der bad om det, kan du se bort fra denne e-mail. Din adgangskode bliver ikke ændret.',
  'resetEmail.footer':
    'Du modtager denne e-mail, fordi nogen har bedt om at nulstille adgangskoden til din konto hos {tenant}.',

  'page.common.continue': 'Fortsæt',
  'page.common.userName': 'Brugernavn',
  'page.common.email': 'E-mailadresse',
  'page.common.password': 'Adgangskode',
  'page.common.goToSignIn': 'Gå til login',
  'page.common.requestReset': 'Nulstil din adgangskode',
  'page.common.formExpired': 'Formularen er udløbet. Prøv igen.',
  'page.common.formRefused':
    'Formularen blev ikke sendt fra en side på dette websted, så der skete ingenting. Åbn siden her, og prøv igen.',
  'page.common.tooManyAttempts': 'For mange forsøg. Vent et par minutter, og prøv igen.',
  'page.common.errorTitle': 'Noget gik galt',
  'page.common.errorBody':
    'Prøv igen om lidt. Kontakt din administrator, hvis problemet fortsætter.',
  'page.common.notFoundTitle': 'Siden blev ikke fundet',
  'page.common.notFoundBody': 'Tjek, at adressen er skrevet rigtigt.',

  'page.welcome.title': 'Du er inviteret til {tenant}',
  'page.welcome.intro': 'Der er oprettet en konto til dig. Klik på Fortsæt for at aktivere den.',
  'page.welcome.scannerNote':
    'Nogle sikkerhedstjenester til e-mail åbner links automatisk, så der sker ikke noget, før du klikker på Fortsæt.',

  'page.setPassword.title': 'Vælg adgangskode',
  'page.setPassword.intro': 'Vælg en adgangskode til din konto hos {tenant}.',
  'page.setPassword.newPassword': 'Ny adgangskode',
  'page.setPassword.confirmPassword': 'Gentag adgangskoden',
  'page.setPassword.rulesHeading': 'Krav til adgangskoden:',
  'page.setPassword.ruleLength': 'Mindst {min} tegn',
  'page.setPassword.ruleNotUserName': 'Ikke det samme som dit brugernavn',
  'page.setPassword.ruleNotCommon': 'Ikke en almindelig adgangskode',
  'page.setPassword.submit': 'Gem adgangskode',
  'page.setPassword.errorTooShort': 'Adgangskoden skal være på mindst {min} tegn.',
  'page.setPassword.errorTooLong': 'Adgangskoden må højst være på {max} tegn.',
  'page.setPassword.errorUserName': 'Adgangskoden må ikke være den samme som dit brugernavn.',
  'page.setPassword.errorCommon': 'Adgangskoden er for almindelig og let at gætte. Vælg en anden.',
  'page.setPassword.errorMismatch': 'De to adgangskoder er ikke ens.',
  'page.setPassword.doneTitle': 'Din adgangskode er gemt',
  'page.setPassword.doneBody':
    'Nu kan du logge ind på {tenant} med dit brugernavn og din adgangskode.',

  'page.signIn.title': 'Log ind på {tenant}',
  'page.signIn.submit': 'Log ind',
  'page.signIn.forgotPassword': 'Har du glemt din adgangskode?',
  'page.signIn.failed': 'Forkert e-mailadresse eller adgangskode.',
  'page.signIn.sso': 'Log ind med single sign-on',
  'page.signIn.neverSignedIn':
    'Har du ikke logget ind før? Brug linket i din velkomstmail. Hvis du ikke kan finde den, kan du bede din administrator om at sende en ny.',
  'page.signedIn.title': 'Du er logget ind',
  'page.signedIn.body': 'Du er logget ind på {tenant} som {userName}.',
  'page.signedIn.signOut': 'Log ud',
  'page.signedOut.body': 'Du er logget ud.',
  'welcomeEmail.actionSso':
    'Brug knappen nedenfor til at logge ind første gang med din firmakonto.',
  'welcomeEmail.buttonSso': 'Log ind med din firmakonto',
  'page.signIn.company': 'Log ind med din firmakonto',
  'page.upstream.refusedTitle': 'Vi kunne ikke logge dig ind',
  'page.upstream.refusedBody':
    'Din firmakonto er ikke sat op til {tenant}, eller den er slået fra. Bed din administrator om adgang.',
  'page.upstream.failedBody':
    'Login med din firmakonto blev ikke fuldført. Start forfra fra programmet eller linket i din e-mail.',
  'page.oidc.signOutTitle': 'Log ud af {tenant}?',
  'page.oidc.signOutBody': 'Du bliver logget ud af {tenant} på denne enhed.',
  'page.oidc.signOutConfirm': 'Log ud',
  'page.oidc.signOutCancel': 'Forbliv logget ind',
  'page.oidc.requestRefused':
    'Programmet bad om at logge dig ind på en måde, som denne server ikke tillader ({error}). Prøv igen fra programmet, eller kontakt dets administrator.',
  'page.oidc.expired':
    'Dette login tog for lang tid eller er allerede afsluttet. Gå tilbage til programmet, og log ind igen.',

  'page.resetRequest.title': 'Nulstil din adgangskode',
  'page.resetRequest.intro':
    'Indtast e-mailadressen til din konto, så sender vi dig et link, hvor du kan vælge en ny adgangskode.',
  'page.resetRequest.submit': 'Send link',
  'page.resetRequest.neverSignedIn':
    'Har du aldrig logget ind? Så skal du i stedet bede din administrator om at sende dig en ny velkomstmail.',

  'page.resetSent.title': 'Tjek din e-mail',
  'page.resetSent.body':
    'Hvis der findes en konto med den adresse, du har indtastet, har vi sendt en e-mail med et link, hvor du kan vælge en ny adgangskode. Linket er gyldigt i {duration} og kan kun bruges én gang.',
  'page.resetSent.notArrived':
    'Kan du ikke finde e-mailen? Tjek din spammappe. Hvis du aldrig har logget ind, skal du i stedet bede din administrator om at sende dig en ny velkomstmail.',

  'page.resetConfirm.title': 'Vælg en ny adgangskode',
  'page.resetConfirm.intro': 'Vælg en ny adgangskode til {userName} hos {tenant}.',
  'page.resetConfirm.submit': 'Gem ny adgangskode',
  'page.resetDone.title': 'Din adgangskode er ændret',
  'page.resetDone.body': 'Nu kan du logge ind med din nye adgangskode.',

  'page.linkUsed.title': 'Linket er allerede brugt',
  'page.linkUsed.body': 'Hvert link kan kun bruges én gang, og dette link er allerede brugt.',
  'page.linkExpired.title': 'Linket er udløbet',
  'page.linkExpired.body': 'Linket blev ikke brugt i tide og er ikke længere gyldigt.',
  'page.linkRevoked.title': 'Linket er ikke længere gyldigt',
  'page.linkRevoked.body':
    'Linket er blevet annulleret, enten fordi der er sendt en nyere e-mail, eller fordi du allerede har logget ind.',
  'page.linkInvalid.title': 'Linket virker ikke',
  'page.linkInvalid.body':
    'Vi kan ikke genkende linket. Tjek, at du har kopieret hele linket fra e-mailen.',
  'page.link.whatNext':
    'Hvis du aldrig har logget ind, kan du bede din administrator om at sende dig en ny velkomstmail. Hvis du har logget ind før, kan du i stedet nulstille din adgangskode.',
  'page.link.whatNextReset':
    'Bed om et nyt link til at nulstille din adgangskode. Brug den nyeste e-mail, du modtager; linket er gyldigt i {duration}.',

  'page.newLink.offer':
    'Du har ikke logget ind endnu, så vi kan sende dig et nyt link til den adresse, din administrator har registreret.',
  'page.newLink.submit': 'Send mig et nyt link',
  'page.newLink.sentTitle': 'Tjek din e-mail',
  'page.newLink.sentBody':
    'Hvis din konto stadig kan få en velkomstmail, er et nyt link på vej. Det erstatter alle tidligere links, så brug den nyeste e-mail, du modtager.',
  'page.newLink.sentNote':
    'Du kan bede om et nyt link én gang i timen. Kan du ikke finde e-mailen? Tjek spam, eller spørg din administrator.',
  'page.signedInAlready.title': 'Du har allerede logget ind',
  'page.signedInAlready.body':
    'Du har ikke længere brug for dette velkomstlink. Log ind med din adgangskode; har du glemt den, så indtast din e-mailadresse for at nulstille den.',
  'page.contactAdministrator.body':
    'Der kan ikke sendes et nyt link til denne konto. Kontakt din administrator.',
  'reminderEmail.subject': 'Påmindelse: din konto hos {tenant} venter',
  'reminderEmail.subjectOf': 'Påmindelse: {subject}',
  'reminderEmail.preheader': 'Du har ikke logget ind endnu. Linket i velkomstmailen virker stadig.',
  'reminderEmail.heading': 'Din konto hos {tenant} venter',
  'reminderEmail.intro':
    'Vi sendte dig en velkomstmail den {sentAt}, men du har ikke logget ind endnu.',
  'reminderEmail.action':
    'Linket i den e-mail virker stadig, og det gør knappen herunder også. Brug det til at logge ind første gang.',
  'reminderEmail.actionSso':
    'Linket i den e-mail virker stadig, og det gør knappen herunder også. Brug det til at logge ind første gang med din firmakonto.',
  'reminderEmail.only': 'Dette er den eneste påmindelse, du får for dette link.',
  'testEmail.banner':
    'Dette er en test-e-mail fra indstillingerne for e-mailtekster. Linket i den virker ikke.',
  'testEmail.subjectPrefix': '[Test]',
};
