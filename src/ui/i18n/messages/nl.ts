import type { Messages } from './en';

/** Nederlands, informal address ("je"), as most Dutch services write today. */
export const nl: Messages = {
  'meta.languageName': 'Nederlands',

  'common.greeting': 'Hallo {name},',
  'common.greetingNoName': 'Hallo,',
  'common.userNameIs': 'Je gebruikersnaam is {userName}.',

  'email.linkFallback': 'Werkt de knop niet? Kopieer dan deze link naar je browser:',
  'email.automated': 'Deze e-mail is automatisch verstuurd. Antwoorden worden niet gelezen.',

  'welcomeEmail.subject': 'Welkom bij {tenant}',
  'welcomeEmail.preheader':
    'Je account staat klaar. Gebruik de link in deze e-mail om voor het eerst in te loggen.',
  'welcomeEmail.heading': 'Welkom bij {tenant}',
  'welcomeEmail.intro': 'Er is bij {tenant} een account voor je aangemaakt.',
  'welcomeEmail.action':
    'Gebruik de link hieronder om voor het eerst in te loggen en je account te activeren.',
  'welcomeEmail.button': 'Aan de slag',
  'email.continuesTo': 'Daarna ga je direct door naar {application}.',
  'welcomeEmail.expiry': 'De link kan maar één keer worden gebruikt en verloopt op {expiresAt}.',
  'welcomeEmail.expired':
    'Is de link verlopen? Open hem toch: op die pagina kun je jezelf een nieuwe mailen. Ben je al eens ingelogd, stel dan je wachtwoord opnieuw in.',
  'welcomeEmail.expiredSso':
    'Is de link verlopen? Open hem toch: op die pagina kun je jezelf een nieuwe mailen. Ben je al eens aangemeld, meld je dan gewoon aan met je bedrijfsaccount.',
  'welcomeEmail.footer':
    'Je ontvangt deze e-mail omdat een beheerder van {tenant} een account voor je heeft aangemaakt.',

  'resetEmail.subject': 'Stel je wachtwoord voor {tenant} opnieuw in',
  'resetEmail.preheader':
    'Gebruik de link in deze e-mail om een nieuw wachtwoord te kiezen. De link is {duration} geldig.',
  'resetEmail.heading': 'Stel je wachtwoord opnieuw in',
  'resetEmail.intro':
    'We hebben een verzoek ontvangen om het wachtwoord van je account bij {tenant} opnieuw in te stellen.',
  'resetEmail.continuesTo':
    'Nadat je een nieuw wachtwoord hebt gekozen, ga je direct door naar {application}.',
  'resetEmail.button': 'Nieuw wachtwoord kiezen',
  'resetEmail.expiry':
    'De link kan maar één keer worden gebruikt en is {duration} geldig, tot {expiresAt}.',
  'resetEmail.ignore':
    'Heb je hier niet om gevraagd? Dan kun je deze e-mail negeren. Je wachtwoord blijft ongewijzigd.',
  'resetEmail.footer':
    'Je ontvangt deze e-mail omdat er is gevraagd om het wachtwoord van je account bij {tenant} opnieuw in te stellen.',

  'page.common.continue': 'Doorgaan',
  'page.common.userName': 'Gebruikersnaam',
  'page.common.email': 'E-mailadres',
  'page.common.password': 'Wachtwoord',
  'page.common.goToSignIn': 'Naar inloggen',
  'page.common.requestReset': 'Wachtwoord opnieuw instellen',
  'page.common.formExpired': 'Het formulier is verlopen. Probeer het opnieuw.',
  'page.common.formRefused':
    'Dit formulier is niet vanaf een pagina van deze site verstuurd, dus er is niets gedaan. Open de pagina hier en probeer het opnieuw.',
  'page.common.tooManyAttempts': 'Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.',
  'page.common.errorTitle': 'Er is iets misgegaan',
  'page.common.errorBody':
    'Probeer het zo opnieuw. Blijft het probleem bestaan, neem dan contact op met je beheerder.',
  'page.common.notFoundTitle': 'Pagina niet gevonden',
  'page.common.notFoundBody': 'Controleer of je het adres goed hebt getypt.',

  'page.welcome.title': 'Je bent uitgenodigd voor {tenant}',
  'page.welcome.intro':
    'Er is een account voor je aangemaakt. Klik op Doorgaan om het te activeren.',
  'page.welcome.scannerNote':
    'Sommige beveiligingsdiensten voor e-mail openen links automatisch. Daarom gebeurt er pas iets als je op Doorgaan klikt.',

  'page.setPassword.title': 'Kies een wachtwoord',
  'page.setPassword.intro': 'Kies een wachtwoord voor je account bij {tenant}.',
  'page.setPassword.newPassword': 'Nieuw wachtwoord',
  'page.setPassword.confirmPassword': 'Herhaal het wachtwoord',
  'page.setPassword.rulesHeading': 'Eisen voor je wachtwoord:',
  'page.setPassword.ruleLength': 'Minstens {min} tekens',
  'page.setPassword.ruleNotUserName': 'Niet hetzelfde als je gebruikersnaam',
  'page.setPassword.ruleNotCommon': 'Geen veelgebruikt wachtwoord',
  'page.setPassword.submit': 'Wachtwoord opslaan',
  'page.setPassword.errorTooShort': 'Het wachtwoord moet minstens {min} tekens lang zijn.',
  'page.setPassword.errorTooLong': 'Het wachtwoord mag hoogstens {max} tekens lang zijn.',
  'page.setPassword.errorUserName': 'Het wachtwoord mag niet hetzelfde zijn als je gebruikersnaam.',
  'page.setPassword.errorCommon':
    'Dit wachtwoord komt te vaak voor en is makkelijk te raden. Kies een ander wachtwoord.',
  'page.setPassword.errorMismatch': 'De wachtwoorden komen niet overeen.',
  'page.setPassword.doneTitle': 'Je wachtwoord is opgeslagen',
  'page.setPassword.doneBody':
    'Je kunt nu bij {tenant} inloggen met je gebruikersnaam en wachtwoord.',

  'page.signIn.title': 'Inloggen bij {tenant}',
  'page.signIn.submit': 'Inloggen',
  'page.signIn.forgotPassword': 'Wachtwoord vergeten?',
  'page.signIn.failed': 'Het e-mailadres of wachtwoord is onjuist.',
  'page.signIn.sso': 'Inloggen met single sign-on',
  'page.signIn.neverSignedIn':
    'Nog nooit ingelogd? Gebruik de link in je welkomstmail. Kun je die niet vinden, vraag dan je beheerder om een nieuwe te sturen.',
  'page.signedIn.title': 'Je bent ingelogd',
  'page.signedIn.body': 'Je bent bij {tenant} ingelogd als {userName}.',
  'page.signedIn.signOut': 'Uitloggen',
  'page.signedOut.body': 'Je bent uitgelogd.',
  'welcomeEmail.actionSso':
    'Gebruik de knop hieronder om je de eerste keer aan te melden met je bedrijfsaccount.',
  'welcomeEmail.buttonSso': 'Aanmelden met je bedrijfsaccount',
  'page.signIn.company': 'Aanmelden met je bedrijfsaccount',
  'page.upstream.refusedTitle': 'We konden je niet aanmelden',
  'page.upstream.refusedBody':
    'Je bedrijfsaccount is niet ingesteld voor {tenant}, of is uitgeschakeld. Vraag je beheerder om toegang.',
  'page.upstream.failedBody':
    'De aanmelding met je bedrijfsaccount is niet voltooid. Begin opnieuw vanuit de toepassing of de link in je e-mail.',
  'page.oidc.signOutTitle': 'Afmelden bij {tenant}?',
  'page.oidc.signOutBody': 'Je wordt op dit apparaat afgemeld bij {tenant}.',
  'page.oidc.signOutConfirm': 'Afmelden',
  'page.oidc.signOutCancel': 'Aangemeld blijven',
  'page.oidc.requestRefused':
    'De toepassing wilde je aanmelden op een manier die deze server niet toestaat ({error}). Probeer het opnieuw vanuit de toepassing of neem contact op met de beheerder.',
  'page.oidc.expired':
    'Deze aanmelding duurde te lang of is al voltooid. Ga terug naar de toepassing en meld je opnieuw aan.',

  'page.resetRequest.title': 'Wachtwoord opnieuw instellen',
  'page.resetRequest.intro':
    'Vul het e-mailadres van je account in. We sturen je dan een link waarmee je een nieuw wachtwoord kunt kiezen.',
  'page.resetRequest.submit': 'Link versturen',
  'page.resetRequest.neverSignedIn':
    'Nog nooit ingelogd? Vraag dan in plaats daarvan je beheerder om je een nieuwe welkomstmail te sturen.',

  'page.resetSent.title': 'Controleer je e-mail',
  'page.resetSent.body':
    'Als er een account bestaat met het adres dat je hebt ingevuld, hebben we een e-mail gestuurd met een link waarmee je een nieuw wachtwoord kunt kiezen. De link is {duration} geldig en kan maar één keer worden gebruikt.',
  'page.resetSent.notArrived':
    'Geen e-mail ontvangen? Kijk ook in je map met spam of ongewenste e-mail. Heb je nog nooit ingelogd, vraag dan in plaats daarvan je beheerder om je een nieuwe welkomstmail te sturen.',

  'page.resetConfirm.title': 'Kies een nieuw wachtwoord',
  'page.resetConfirm.intro': 'Kies een nieuw wachtwoord voor {userName} bij {tenant}.',
  'page.resetConfirm.submit': 'Nieuw wachtwoord opslaan',
  'page.resetDone.title': 'Je wachtwoord is gewijzigd',
  'page.resetDone.body': 'Je kunt nu inloggen met je nieuwe wachtwoord.',

  'page.linkUsed.title': 'Deze link is al gebruikt',
  'page.linkUsed.body': 'Elke link kan maar één keer worden gebruikt, en deze is al gebruikt.',
  'page.linkExpired.title': 'Deze link is verlopen',
  'page.linkExpired.body': 'De link is niet op tijd gebruikt en is niet meer geldig.',
  'page.linkRevoked.title': 'Deze link is niet meer geldig',
  'page.linkRevoked.body':
    'De link is ingetrokken, omdat er een nieuwere e-mail is verstuurd of omdat je al bent ingelogd.',
  'page.linkInvalid.title': 'Deze link werkt niet',
  'page.linkInvalid.body':
    'We herkennen deze link niet. Controleer of je de volledige link uit de e-mail hebt gekopieerd.',
  'page.link.whatNext':
    'Heb je nog nooit ingelogd? Vraag dan je beheerder om je een nieuwe welkomstmail te sturen. Heb je al eens ingelogd? Stel dan je wachtwoord opnieuw in.',
  'page.link.whatNextReset':
    'Vraag een nieuwe link aan om je wachtwoord opnieuw in te stellen. Gebruik de nieuwste e-mail die je ontvangt; de link is {duration} geldig.',

  'page.newLink.offer':
    'Je bent nog niet ingelogd, dus we kunnen je een nieuwe link mailen naar het adres dat je beheerder heeft geregistreerd.',
  'page.newLink.submit': 'Mail me een nieuwe link',
  'page.newLink.sentTitle': 'Controleer je e-mail',
  'page.newLink.sentBody':
    'Als je account nog een welkomstmail kan ontvangen, is er een nieuwe link onderweg. Die vervangt alle eerdere links, dus gebruik de nieuwste e-mail die je ontvangt.',
  'page.newLink.sentNote':
    'Je kunt één keer per uur een nieuwe link aanvragen. Geen e-mail gevonden? Kijk in je spammap of vraag je beheerder.',
  'page.signedInAlready.title': 'Je bent al eens ingelogd',
  'page.signedInAlready.body':
    'Deze welkomstlink heb je niet meer nodig. Log in met je wachtwoord; ben je het vergeten, vul dan je e-mailadres in om het opnieuw in te stellen.',
  'page.contactAdministrator.body':
    'Voor dit account kan geen nieuwe link worden verstuurd. Neem contact op met je beheerder.',
  'reminderEmail.subject': 'Herinnering: je account bij {tenant} wacht op je',
  'reminderEmail.subjectOf': 'Herinnering: {subject}',
  'reminderEmail.preheader':
    'Je bent nog niet ingelogd. De link in je welkomstmail werkt nog steeds.',
  'reminderEmail.heading': 'Je account bij {tenant} wacht op je',
  'reminderEmail.intro':
    'We hebben je op {sentAt} een welkomstmail gestuurd, maar je bent nog niet ingelogd.',
  'reminderEmail.action':
    'De link in die e-mail werkt nog steeds, net als de knop hieronder. Gebruik die om voor het eerst in te loggen.',
  'reminderEmail.actionSso':
    'De link in die e-mail werkt nog steeds, net als de knop hieronder. Gebruik die om je de eerste keer aan te melden met je bedrijfsaccount.',
  'reminderEmail.only': 'Dit is de enige herinnering die je voor deze link krijgt.',
  'testEmail.banner':
    'Dit is een testmail vanuit de instellingen voor e-mailteksten. De link erin werkt niet.',
  'testEmail.subjectPrefix': '[Test]',
};
