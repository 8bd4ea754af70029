/**
 * The convocation's words (Code du travail L6353-8), in French and English, through the layout:
 * every day with its times, the onsite and remote variants, the trainers, the contact person,
 * the disability contact from the settings in force, and which files are attached.
 */
import { describe, expect, it } from 'vitest';
import { emailIdentity, layout } from '../../../activities/email/layout.ts';
import { EMAIL_SAMPLES } from '../../../activities/email/samples.ts';
import { convocation } from '../../../activities/email/templates/convocation.ts';
import type { AttachedFile } from '../../../activities/email/templates/send-context.ts';
import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { halfDaysOf } from '../../../workflows/rules/attendance.ts';
import type { TrainingOffer } from '../../../workflows/rules/catalogue.ts';
import { trainingOffer, workshopOffer } from '../../support/offers.ts';
import { SAMPLE_SETTINGS } from '../../support/organisation.ts';

type Data = EmailTemplateData['convocation'];
const ALL: AttachedFile[] = ['programme', 'internalRules', 'calendar'];
const settings = {
  ...SAMPLE_SETTINGS,
  disabilityContact: { name: 'Nadia Haddad', email: 'referente@ocean.example', phone: '04 72 00 00 00' },
};

/** Three days, 09:00–17:00 Paris time, as the session's half-days split them. */
function threeDays(overrides: Partial<NonNullable<Data['details']>> = {}): Data {
  const sample = EMAIL_SAMPLES.convocation;
  const times = {
    startsAt: '2027-01-12T08:00:00Z',
    endsAt: '2027-01-14T16:00:00Z',
    timeZone: 'Europe/Paris',
  };
  return {
    ...sample,
    ...times,
    details: {
      ...(sample.details as NonNullable<Data['details']>),
      halfDays: halfDaysOf({ ...times, title: 't' }).map(({ content: _, ...halfDay }) => halfDay),
      ...overrides,
    },
  };
}

const remote = (data: Data): Data => ({
  ...data,
  place: 'https://visio.example.org/room/42',
  details: { ...(data.details as NonNullable<Data['details']>), mode: 'online' },
});

async function render(
  data: Data,
  language: Language,
  attached: AttachedFile[] = ALL,
  offer: TrainingOffer = trainingOffer,
) {
  return layout(
    convocation(data, language, 'https://missions.example.org/links/positioning-tests/t', {
      settings,
      attached: new Set(attached),
      offer,
    }),
    language,
    emailIdentity(settings, language),
  );
}

describe('the convocation', () => {
  it('lists every day with its half-days’ times, in French and in English', async () => {
    const french = await render(threeDays(), 'fr');
    expect(french.subject).toBe('Convocation : Sobriété numérique : les fondamentaux — 12–14 janvier 2027');
    expect(french.text).toContain(
      'Elle se tient sur 3 journées, listées ci-dessous avec leurs horaires (heure de Paris).',
    );
    for (const day of ['Mardi 12 janvier 2027', 'Mercredi 13 janvier 2027', 'Jeudi 14 janvier 2027'])
      expect(french.text).toContain(`${day} : de 09:00 à 12:30 et de 13:30 à 17:00`);

    const english = await render(threeDays(), 'en');
    // English sets the range's dash between thin spaces (CLDR).
    expect(english.subject).toBe(
      'Convocation: Sobriété numérique : les fondamentaux — 12\u2009–\u200914 January 2027',
    );
    for (const day of ['Tuesday, 12 January 2027', 'Wednesday, 13 January 2027', 'Thursday, 14 January 2027'])
      expect(english.text).toContain(`${day}: 09:00 to 12:30 and 13:30 to 17:00`);
    expect(english.html).toContain('<strong>Thursday, 14 January 2027</strong>');
  });

  it('tells people onsite where to come, to arrive early and how they sign', async () => {
    const french = await render(threeDays(), 'fr');
    expect(french.text).toContain('Lieu : 12 rue de la République, 69002 Lyon');
    expect(french.text).toContain('Merci d’arriver dix minutes avant le début de chaque journée.');
    expect(french.text).toContain('vous signez votre présence sur votre téléphone');
    expect(french.text).not.toContain('feuille d’émargement');

    const paper = await render(threeDays({ signing: 'paper' }), 'en');
    expect(paper.text).toContain('Please arrive ten minutes before each day starts.');
    expect(paper.text).toContain('For each half-day, you sign the attendance sheet.');
  });

  it('makes a remote workshop’s one button the video call, and keeps a training’s for its positioning test', async () => {
    const workshop = await render(remote({ ...threeDays(), positioningTest: false }), 'en');
    expect(workshop.text).toContain('Join the video call: https://visio.example.org/room/42');
    expect(workshop.html).toMatch(
      /<a\s+href="https:\/\/visio\.example\.org\/room\/42"[^>]*>\s*Join the video call\s*<\/a>/,
    );
    const training = await render(remote(threeDays()), 'fr');
    expect(training.text).toContain(
      'Répondre au test de positionnement : https://missions.example.org/links/positioning-tests/t',
    );
    expect(training.text).not.toContain('Rejoindre la visioconférence');
  });

  it('gives a remote session its link and what to have, and never asks to arrive early or sign a sheet', async () => {
    const french = await render(remote(threeDays()), 'fr');
    expect(french.text).toContain('Visioconférence : https://visio.example.org/room/42');
    expect(french.text).toContain('un ordinateur avec caméra et micro, un navigateur récent');
    expect(french.text).toContain('une connexion internet stable');
    expect(french.text).toContain('partage dans la visioconférence un lien de signature');
    const english = await render(remote(threeDays()), 'en');
    expect(english.text).toContain('Video call: https://visio.example.org/room/42');
    expect(english.text).toContain('a computer with a camera and a microphone, a recent browser');
    for (const { text } of [french, english, await render(remote(threeDays({ signing: 'paper' })), 'fr')]) {
      expect(text).not.toMatch(/dix minutes|ten minutes|arriv/i);
      expect(text).not.toMatch(/feuille d’émargement|attendance sheet|QR code/i);
      expect(text).not.toMatch(/^Lieu :|^Place:/m);
    }
  });

  it('names the trainers, the contact person and the disability contact from the settings in force', async () => {
    const french = await render(threeDays(), 'fr');
    expect(french.text).toContain('Formateur·ices : Camille Roux, Léa Moreau');
    expect(french.text).toContain('Contact : Alex Durand, alex.durand@example.org');
    expect(french.text).toContain(
      'Référent·e handicap : Nadia Haddad, referente@ocean.example, 04 72 00 00 00',
    );
    const alone = await render(threeDays({ trainers: ['Camille Roux'] }), 'en');
    expect(alone.text).toContain('Trainer: Camille Roux');
    expect(alone.text).toContain('Disability contact: Nadia Haddad, referente@ocean.example, 04 72 00 00 00');
    const none = await render(threeDays({ trainers: [] }), 'fr');
    expect(none.text).toContain('Formateur·ice : à confirmer');
  });

  it('quotes a training action’s objectives from its catalogue version, and none for a workshop', async () => {
    const french = await render(threeDays(), 'fr');
    expect(french.text).toContain(
      `Objectifs : ${trainingOffer.objectives[0]} ; ${trainingOffer.objectives[1]} ; ${trainingOffer.objectives[2]}`,
    );
    expect((await render(threeDays(), 'en')).text).toContain(
      `Objectives: ${trainingOffer.objectives[0]}; ${trainingOffer.objectives[1]}`,
    );
    expect(workshopOffer.trainingAction).toBe(false);
    const workshop = await render(threeDays(), 'fr', ALL, workshopOffer);
    expect(workshop.text).not.toContain('Objectifs');
  });

  it('says which files are attached, and only those', async () => {
    const all = await render(threeDays(), 'fr');
    expect(all.text).toContain(
      'Vous trouverez en pièces jointes le programme de la formation, le règlement intérieur de l’organisme de formation et un fichier agenda (.ics) qui ajoute chaque journée à votre calendrier.',
    );
    const calendarOnly = await render(threeDays(), 'en', ['calendar']);
    expect(calendarOnly.text).toContain(
      'Attached you will find a calendar file (.ics) that adds each day to your calendar.',
    );
    expect(calendarOnly.text).not.toMatch(/programme|internal rules/);
    expect((await render(threeDays(), 'fr', [])).text).not.toContain('pièces jointes');
  });

  it('derives the days of a request scheduled before convocations carried them', async () => {
    const { details: _, ...legacy } = threeDays();
    const french = await render({ ...legacy, endsAt: '2027-01-13T16:00:00Z' }, 'fr');
    expect(french.text).toContain('Mardi 12 janvier 2027 : de 09:00 à 12:30 et de 13:30 à 17:00');
    expect(french.text).toContain('Mercredi 13 janvier 2027 : de 09:00 à 12:30 et de 13:30 à 17:00');
    expect(french.text).toContain('Contact : Alex Durand\n');
    expect(french.text).toContain('Formateur·ice : à confirmer');
  });
});
