import type { Messages } from './en';

/** Norsk bokmål. Also served to `no` and `nn`. */
export const nb: Messages = {
  'meta.languageName': 'Norsk bokmål',

  'common.greeting': 'Hei {name},',
  'common.greetingNoName': 'Hei,',
  'common.userNameIs': 'Brukernavnet ditt er {userName}.',

  'email.linkFallback': 'Hvis knappen ikke virker, kan du kopiere denne lenken inn i nettleseren:',
  'email.automated': 'Denne e-posten er sendt automatisk. Svar på den blir ikke lest.',

  'welcomeEmail.subject': 'Velkommen til {tenant}',
  'welcomeEmail.preheader':
    'Kontoen din er klar. Bruk lenken i denne e-posten for å logge på for første gang.',
  'welcomeEmail.heading': 'Velkommen til {tenant}',
  'welcomeEmail.intro': 'Det er opprettet en konto til deg hos {tenant}.',
  'welcomeEmail.action':
    'Bruk lenken nedenfor for å logge på for første gang og aktivere kontoen din.',
  'welcomeEmail.button': 'Kom i gang',
  'email.continuesTo': 'Deretter kommer du rett videre til {application}.',
  'welcomeEmail.expiry': 'Lenken kan bare brukes én gang og utløper {expiresAt}.',
  'welcomeEmail.expired':
    'Hvis lenken har utløpt, kan du åpne den likevel: siden lar deg sende deg selv en ny. Har du allerede logget på, tilbakestiller du passordet i stedet.',
  'welcomeEmail.expiredSso':
    'Hvis lenken har utløpt, kan du åpne den likevel: siden lar deg sende deg selv en ny. Har du allerede logget på, logger du bare på med firmakontoen din.',
  'welcomeEmail.footer':
    'Du får denne e-posten fordi en administrator hos {tenant} har opprettet en konto til deg.',

  'resetEmail.subject': 'Tilbakestill passordet ditt hos {tenant}',
  'resetEmail.preheader':
    'Bruk lenken i denne e-posten for å velge et nytt passord. Den er gyldig i {duration}.',
  'resetEmail.heading': 'Tilbakestill passordet ditt',
  'resetEmail.intro':
    'Vi har fått en forespørsel om å tilbakestille passordet til kontoen din hos {tenant}.',
  'resetEmail.continuesTo':
    'Når du har valgt et nytt passord, kommer du rett videre til {application}.',
  'resetEmail.button': 'Velg nytt passord',
  'resetEmail.expiry': 'Lenken kan bare brukes én gang og er gyldig i {duration}, til {expiresAt}.',
  'resetEmail.ignore':
    'Hvis det ikke var du som ba om dette, kan du se bort fra denne e-posten. Passordet ditt blir ikke endret.',
  'resetEmail.footer':
    'Du får denne e-posten fordi noen har bedt om å tilbakestille passordet til kontoen din hos {tenant}.',

  'page.common.continue': 'Fortsett',
  'page.common.userName': 'Brukernavn',
  'page.common.email': 'E-postadresse',
  'page.common.password': 'Passord',
  'page.common.goToSignIn': 'Gå til pålogging',
  'page.common.requestReset': 'Tilbakestill passordet',
  'page.common.formExpired': 'Skjemaet er utløpt. Prøv igjen.',
  'page.common.formRefused':
    'Skjemaet ble ikke sendt fra en side på dette nettstedet, så ingenting ble gjort. Åpne siden her og prøv igjen.',
  'page.common.tooManyAttempts': 'For mange forsøk. Vent noen minutter og prøv igjen.',
  'page.common.errorTitle': 'Noe gikk galt',
  'page.common.errorBody':
    'Prøv igjen om litt. Kontakt administratoren din hvis problemet ikke går over.',
  'page.common.notFoundTitle': 'Fant ikke siden',
  'page.common.notFoundBody': 'Sjekk at adressen er skrevet riktig.',

  'page.welcome.title': 'Du er invitert til {tenant}',
  'page.welcome.intro': 'Det er opprettet en konto til deg. Trykk på Fortsett for å aktivere den.',
  'page.welcome.scannerNote':
    'Noen sikkerhetstjenester for e-post åpner lenker automatisk, så ingenting skjer før du trykker på Fortsett.',

  'page.setPassword.title': 'Velg passord',
  'page.setPassword.intro': 'Velg et passord for kontoen din hos {tenant}.',
  'page.setPassword.newPassword': 'Nytt passord',
  'page.setPassword.confirmPassword': 'Gjenta passordet',
  'page.setPassword.rulesHeading': 'Krav til passordet:',
  'page.setPassword.ruleLength': 'Minst {min} tegn',
  'page.setPassword.ruleNotUserName': 'Ikke det samme som brukernavnet ditt',
  'page.setPassword.ruleNotCommon': 'Ikke et vanlig passord',
  'page.setPassword.submit': 'Lagre passord',
  'page.setPassword.errorTooShort': 'Passordet må ha minst {min} tegn.',
  'page.setPassword.errorTooLong': 'Passordet kan ha høyst {max} tegn.',
  'page.setPassword.errorUserName': 'Passordet kan ikke være det samme som brukernavnet ditt.',
  'page.setPassword.errorCommon': 'Dette passordet er for vanlig og lett å gjette. Velg et annet.',
  'page.setPassword.errorMismatch': 'Passordene er ikke like.',
  'page.setPassword.doneTitle': 'Passordet er lagret',
  'page.setPassword.doneBody': 'Nå kan du logge på {tenant} med brukernavnet og passordet ditt.',

  'page.signIn.title': 'Logg på {tenant}',
  'page.signIn.submit': 'Logg på',
  'page.signIn.forgotPassword': 'Glemt passordet?',
  'page.signIn.failed': 'Feil e-postadresse eller passord.',
  'page.signIn.sso': 'Logg på med enkel pålogging',
  'page.signIn.neverSignedIn':
    'Har du ikke logget på før? Bruk lenken i velkomst-e-posten. Finner du den ikke, kan du be administratoren din om å sende en ny.',
  'page.signedIn.title': 'Du er logget på',
  'page.signedIn.body': 'Du er logget på {tenant} som {userName}.',
  'page.signedIn.signOut': 'Logg av',
  'page.signedOut.body': 'Du er logget av.',
  'welcomeEmail.actionSso':
    'Bruk knappen nedenfor for å logge på første gang med firmakontoen din.',
  'welcomeEmail.buttonSso': 'Logg på med firmakontoen',
  'page.signIn.company': 'Logg på med firmakontoen',
  'page.upstream.refusedTitle': 'Vi kunne ikke logge deg på',
  'page.upstream.refusedBody':
    'Firmakontoen din er ikke satt opp for {tenant}, eller den er deaktivert. Be administratoren om tilgang.',
  'page.upstream.failedBody':
    'Påloggingen med firmakontoen ble ikke fullført. Start på nytt fra programmet eller lenken i e-posten.',
  'page.oidc.signOutTitle': 'Logge av {tenant}?',
  'page.oidc.signOutBody': 'Du blir logget av {tenant} på denne enheten.',
  'page.oidc.signOutConfirm': 'Logg av',
  'page.oidc.signOutCancel': 'Forbli pålogget',
  'page.oidc.requestRefused':
    'Programmet ba om å logge deg på på en måte denne serveren ikke tillater ({error}). Prøv igjen fra programmet, eller kontakt administratoren.',
  'page.oidc.expired':
    'Denne påloggingen tok for lang tid eller er allerede fullført. Gå tilbake til programmet og logg på igjen.',

  'page.resetRequest.title': 'Tilbakestill passordet',
  'page.resetRequest.intro':
    'Skriv inn e-postadressen til kontoen din, så sender vi deg en lenke der du kan velge et nytt passord.',
  'page.resetRequest.submit': 'Send lenke',
  'page.resetRequest.neverSignedIn':
    'Har du aldri logget på? Be heller administratoren din om å sende deg en ny velkomst-e-post.',

  'page.resetSent.title': 'Sjekk e-posten din',
  'page.resetSent.body':
    'Hvis det finnes en konto med adressen du skrev inn, har vi sendt en e-post med en lenke der du kan velge et nytt passord. Lenken er gyldig i {duration} og kan bare brukes én gang.',
  'page.resetSent.notArrived':
    'Finner du ikke e-posten? Sjekk søppelpostmappen. Hvis du aldri har logget på, må du heller be administratoren din om å sende deg en ny velkomst-e-post.',

  'page.resetConfirm.title': 'Velg et nytt passord',
  'page.resetConfirm.intro': 'Velg et nytt passord for {userName} hos {tenant}.',
  'page.resetConfirm.submit': 'Lagre nytt passord',
  'page.resetDone.title': 'Passordet er endret',
  'page.resetDone.body': 'Nå kan du logge på med det nye passordet ditt.',

  'page.linkUsed.title': 'Denne lenken er allerede brukt',
  'page.linkUsed.body': 'Hver lenke kan bare brukes én gang, og denne er allerede brukt.',
  'page.linkExpired.title': 'Denne lenken er utløpt',
  'page.linkExpired.body': 'Lenken ble ikke brukt i tide og er ikke lenger gyldig.',
  'page.linkRevoked.title': 'Denne lenken gjelder ikke lenger',
  'page.linkRevoked.body':
    'Lenken er trukket tilbake, enten fordi det er sendt en nyere e-post, eller fordi du allerede har logget på.',
  'page.linkInvalid.title': 'Denne lenken virker ikke',
  'page.linkInvalid.body':
    'Vi kjenner ikke igjen lenken. Sjekk at du har kopiert hele lenken fra e-posten.',
  'page.link.whatNext':
    'Hvis du aldri har logget på, kan du be administratoren din om å sende deg en ny velkomst-e-post. Hvis du har logget på før, kan du heller tilbakestille passordet ditt.',
  'page.link.whatNextReset':
    'Be om en ny lenke for å tilbakestille passordet. Bruk den nyeste e-posten du får; lenken er gyldig i {duration}.',

  'page.newLink.offer':
    'Du har ikke logget på ennå, så vi kan sende deg en ny lenke til adressen administratoren har registrert.',
  'page.newLink.submit': 'Send meg en ny lenke',
  'page.newLink.sentTitle': 'Sjekk e-posten din',
  'page.newLink.sentBody':
    'Hvis kontoen din fortsatt kan få en velkomst-e-post, er en ny lenke på vei. Den erstatter alle tidligere lenker, så bruk den nyeste e-posten du får.',
  'page.newLink.sentNote':
    'Du kan be om en ny lenke én gang i timen. Finner du ikke e-posten? Sjekk søppelpost, eller spør administratoren.',
  'page.signedInAlready.title': 'Du har allerede logget på',
  'page.signedInAlready.body':
    'Du trenger ikke denne velkomstlenken lenger. Logg på med passordet ditt; har du glemt det, skriv inn e-postadressen din for å tilbakestille det.',
  'page.contactAdministrator.body':
    'Det kan ikke sendes en ny lenke for denne kontoen. Kontakt administratoren.',
  'reminderEmail.subject': 'Påminnelse: kontoen din hos {tenant} venter',
  'reminderEmail.subjectOf': 'Påminnelse: {subject}',
  'reminderEmail.preheader':
    'Du har ikke logget på ennå. Lenken i velkomst-e-posten virker fortsatt.',
  'reminderEmail.heading': 'Kontoen din hos {tenant} venter',
  'reminderEmail.intro':
    'Vi sendte deg en velkomst-e-post {sentAt}, men du har ikke logget på ennå.',
  'reminderEmail.action':
    'Lenken i den e-posten virker fortsatt, og det gjør knappen under også. Bruk den for å logge på første gang.',
  'reminderEmail.actionSso':
    'Lenken i den e-posten virker fortsatt, og det gjør knappen under også. Bruk den for å logge på første gang med firmakontoen din.',
  'reminderEmail.only': 'Dette er den eneste påminnelsen du får for denne lenken.',
  'testEmail.banner':
    'Dette er en test-e-post fra innstillingene for e-posttekster. Lenken i den virker ikke.',
  'testEmail.subjectPrefix': '[Test]',
};
