import mammoth from 'mammoth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAgreement } from '../../../activities/documents/agreement.ts';
import { buildProposalDocument } from '../../../activities/documents/build-proposal.ts';
import { buildProgramme } from '../../../activities/documents/programme.ts';
import { buildQuote } from '../../../activities/documents/quote.ts';
import type { IndividualClient, ProposalData } from '../../../workflows/messages/funding.ts';
import { SAMPLE_ORGANISATION } from '../../support/organisation.ts';

type HalfDay = ProposalData['training']['halfDays'][number];
const halfDay = (date: string, period: HalfDay['period'], content: string): HalfDay => {
  // 09:00–12:30 and 13:30–17:00 in Paris, winter time (UTC+1).
  const [start, end] = period === 'morning' ? ['08:00', '11:30'] : ['12:30', '16:00'];
  return { date, period, startsAt: `${date}T${start}:00Z`, endsAt: `${date}T${end}:00Z`, content };
};

const training: ProposalData['training'] = {
  title: 'Comprendre et agir : les enjeux climatiques',
  startsAt: '2027-01-12T08:00:00Z',
  endsAt: '2027-01-13T16:00:00Z',
  timeZone: 'Europe/Paris',
  place: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
  hours: 14,
  capacity: 12,
  halfDays: [
    halfDay('2027-01-13', 'afternoon', "Plan d'action et bilan"),
    halfDay('2027-01-12', 'morning', 'Atelier Fresque du climat'),
    halfDay('2027-01-12', 'afternoon', 'Ordres de grandeur'),
    halfDay('2027-01-13', 'morning', "Leviers d'action"),
  ],
};

const opcoCompany: ProposalData = {
  missionId: '5b0e1f7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  sessionId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  proposalNumber: 'D-2026-0042',
  issuedOn: '2026-11-02',
  funding: {
    kind: 'opco',
    client: {
      type: 'company',
      companyName: 'Acme Industries SAS',
      siret: '12345678900012',
      managerName: 'Bertrand Durand',
      trainingContactName: 'Sophie Garnier',
      phone: '04 72 00 00 00',
      address: { street: '8 avenue Jean Jaurès', postalCode: '69007', city: 'Lyon' },
      trainingPlace: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
      contactEmail: 'sophie.garnier@acme.example',
    },
    expenses: [
      { label: 'Train Paris–Lyon aller-retour', category: 'travel', amountCents: 12_000 },
      { label: 'Hôtel, une nuit', category: 'lodging', amountCents: 9_550 },
    ],
  },
  training,
  pricing: { unitPriceCents: 250_000, expensesCents: 21_550, totalCents: 271_550 },
  coordinatorName: 'Camille Martin',
};

const franceTravailPerson: ProposalData = {
  ...opcoCompany,
  proposalNumber: 'D-2026-0043',
  funding: {
    kind: 'france_travail',
    client: {
      type: 'individual',
      firstName: 'Éloïse',
      lastName: 'Lefèvre',
      email: 'eloise.lefevre@example.org',
      phone: '06 12 34 56 78',
      franceTravailId: '1234567A',
      agencyLocality: 'Villeurbanne',
    },
    expenses: [],
  },
  pricing: { unitPriceCents: 250_000, expensesCents: 0, totalCents: 250_000 },
};

const person = franceTravailPerson.funding.client as IndividualClient;

/**
 * The document as a reader sees it, one paragraph or table cell a line. Intl separates
 * thousands with narrow no-break spaces and puts a no-break space before "€": plain spaces here.
 */
async function read(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replace(/[\u00a0\u202f]/g, ' ').replace(/\n+/g, '\n');
}

describe('quote', () => {
  it('numbers and dates the quote, valid 30 days, issued by the association', async () => {
    const text = await read(await buildQuote(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain('DEVIS n° D-2026-0042');
    expect(text).toContain(
      [
        SAMPLE_ORGANISATION.settings.legalName,
        SAMPLE_ORGANISATION.settings.address,
        `SIRET : ${SAMPLE_ORGANISATION.settings.siret}`,
        `Déclaration d'activité n° ${SAMPLE_ORGANISATION.settings.trainingProviderNumber}`,
      ].join('\n'),
    );
    expect(text).toContain('Date : 02/11/2026');
    expect(text).toContain("Validité : 30 jours, jusqu'au 02/12/2026");
    expect(text).toContain('Votre contact : Camille Martin');
  });

  it('names a company by its name, SIRET and address', async () => {
    const text = await read(await buildQuote(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain(
      ['Client', 'Acme Industries SAS', 'SIRET : 12345678900012', '8 avenue Jean Jaurès, 69007 Lyon'].join(
        '\n',
      ),
    );
  });

  it('lists the training and each expense, then totals without VAT', async () => {
    const text = await read(await buildQuote(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain(
      [
        'Formation « Comprendre et agir : les enjeux climatiques »',
        'Du 12/01/2027 au 13/01/2027 — 14 heures',
        'formation',
        '1',
        '2 500,00 €',
        '2 500,00 €',
        'Train Paris–Lyon aller-retour',
        'déplacement',
        '1',
        '120,00 €',
        '120,00 €',
        'Hôtel, une nuit',
        'hébergement',
        '1',
        '95,50 €',
        '95,50 €',
        'Total HT',
        '2 715,50 €',
        'Total TTC',
        '2 715,50 €',
        'TVA non applicable, art. 261-4-4° a du CGI',
      ].join('\n'),
    );
    expect(text).toContain("Financement : Prise en charge demandée auprès de l'OPCO de l'entreprise");
  });

  it('names a person funded by France Travail, with their identifier and agency', async () => {
    const text = await read(await buildQuote(franceTravailPerson, SAMPLE_ORGANISATION));

    expect(text).toContain(['Client', 'Éloïse Lefèvre'].join('\n'));
    // The association's own SIRET heads the quote; a person has none.
    expect(text.match(/SIRET/g)).toHaveLength(1);
    expect(text).toContain(
      'Financement : Financement France Travail (identifiant 1234567A, agence de Villeurbanne)',
    );
    expect(text).toContain(['Total HT', '2 500,00 €', 'Total TTC', '2 500,00 €'].join('\n'));
  });

  it.each([
    ['cpf', 'Financement CPF'],
    ['client', 'Financement par le client'],
  ] as const)('words %s funding as funders expect', async (kind, mention) => {
    const text = await read(
      await buildQuote(
        { ...franceTravailPerson, funding: { ...franceTravailPerson.funding, kind } },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain(`Financement : ${mention}`);
  });

  it('words FIFPL funding for an independent, named with their SIRET', async () => {
    const text = await read(
      await buildQuote(
        {
          ...franceTravailPerson,
          funding: {
            kind: 'fifpl',
            expenses: [],
            client: {
              type: 'independent',
              firstName: 'Hélène',
              lastName: 'Bérard',
              email: 'helene@example.org',
              phone: '06 00 00 00 00',
              siret: '98765432100017',
              address: { street: '3 rue Mercière', postalCode: '69002', city: 'Lyon' },
            },
          },
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain(
      ['Hélène Bérard', 'SIRET : 98765432100017', '3 rue Mercière, 69002 Lyon'].join('\n'),
    );
    expect(text).toContain('Financement : Financement FIFPL');
  });
});

describe('training agreement', () => {
  it('names the organisation as its settings say: SIRET, region, Qualiopi, signatory, disability contact', async () => {
    const text = await read(
      await buildAgreement(opcoCompany, {
        ...SAMPLE_ORGANISATION,
        settings: {
          ...SAMPLE_ORGANISATION.settings,
          qualiopiCertificate: 'QUALIOPI-2026-0420',
          disabilityContact: { name: 'Inès Benali', email: 'handicap@example.org', phone: '04 72 00 00 00' },
        },
      }),
    );

    expect(text).toContain(
      [
        'Association des Animateur·ices',
        '12 rue de la République, 69002 Lyon',
        'SIRET : 80123456800005',
        "Déclaration d'activité enregistrée sous le numéro 84691234569 auprès du préfet de région " +
          "Auvergne-Rhône-Alpes. Cet enregistrement ne vaut pas agrément de l'État.",
        'Certification Qualiopi n° QUALIOPI-2026-0420',
        'Représenté par Claire Martin, présidente',
      ].join('\n'),
    );
    expect(text).toContain('référent·e handicap : Inès Benali, handicap@example.org, 04 72 00 00 00.');
    expect(text).toContain(
      ["Pour l'organisme de formation", 'Association des Animateur·ices', 'Claire Martin, présidente'].join(
        '\n',
      ),
    );
  });

  it('is a professional training agreement between the association and the company', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain('CONVENTION DE FORMATION PROFESSIONNELLE');
    expect(text).toContain('(articles L.6353-1 et suivants du Code du travail)');
    expect(text).toContain(
      `enregistrée sous le numéro ${SAMPLE_ORGANISATION.settings.trainingProviderNumber}`,
    );
    expect(text).toContain(
      ['Acme Industries SAS', 'SIRET : 12345678900012', '8 avenue Jean Jaurès, 69007 Lyon'].join('\n'),
    );
  });

  it('describes the action: title, dates, hours, place and maximum number of participants', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain(
      [
        'Article 1 — Objet',
        "Le client commande à l'organisme de formation l'action de formation suivante :",
        'Intitulé : Comprendre et agir : les enjeux climatiques',
        "Nature de l'action : action de formation (article L.6313-1 du Code du travail)",
        'Dates : du 12/01/2027 au 13/01/2027',
        'Durée : 14 heures',
        'Lieu : Salle Rhône, 45 quai Perrache, 69002 Lyon',
        'Effectif maximum : 12 participant·es',
      ].join('\n'),
    );
  });

  it('states the cost, the funding asked for, and that the company pays what the OPCO does not', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain(
      "Le coût total de la formation s'élève à 2 715,50 € HT, soit 2 500,00 € de formation et 215,50 € de frais " +
        '(TVA non applicable, art. 261-4-4° a du CGI).',
    );
    expect(text).toContain("Financement : Prise en charge demandée auprès de l'OPCO de l'entreprise");
    expect(text).toContain('le client règle la part non prise en charge par le financeur');
    expect(text).toContain('si la formation commence avant la décision du financeur');
  });

  it('has the teaching means, the cancellation clause and both signatures', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain('Article 3 — Moyens pédagogiques et suivi');
    expect(text).toContain("feuille d'émargement signée par chaque participant·e à chaque demi-journée");
    expect(text).toContain('certificat de réalisation');
    expect(text).toContain('Article 4 — Dédit ou annulation');
    expect(text).toContain('Fait à Lyon, le 02/11/2026, en deux exemplaires.');
    expect(text).toContain(
      ["Pour l'organisme de formation", SAMPLE_ORGANISATION.settings.legalName].join('\n'),
    );
    expect(text).toContain(['Pour le client', 'Acme Industries SAS', 'Bertrand Durand'].join('\n'));
  });

  it('names a person funded by France Travail as the client', async () => {
    const text = await read(await buildAgreement(franceTravailPerson, SAMPLE_ORGANISATION));

    expect(text).toContain(['Et :', 'Éloïse Lefèvre', 'ci-après « le client ».'].join('\n'));
    expect(text).toContain(
      'Financement : Financement France Travail (identifiant 1234567A, agence de Villeurbanne)',
    );
    expect(text).toContain(
      "Le coût total de la formation s'élève à 2 500,00 € HT, soit 2 500,00 € de formation (",
    );
    expect(text).toContain(['Pour le client', 'Éloïse Lefèvre', 'Signature'].join('\n'));
  });

  it('makes a self-funding client pay in full, with no funder clause', async () => {
    const text = await read(
      await buildAgreement(
        { ...opcoCompany, funding: { ...opcoCompany.funding, kind: 'client' } },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain(
      "Le client règle l'intégralité du coût de la formation à réception de la facture.",
    );
    expect(text).not.toContain('financeur');
  });
});

describe('training programme', () => {
  it('gives the title, public, prerequisites, duration, dates and place', async () => {
    const text = await read(await buildProgramme(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain(
      ['PROGRAMME DE FORMATION', 'Comprendre et agir : les enjeux climatiques'].join('\n'),
    );
    expect(text).toMatch(/Public visé : .+/);
    expect(text).toMatch(/Prérequis : .+/);
    expect(text).toContain('Durée : 14 heures');
    expect(text).toContain('Dates : du 12/01/2027 au 13/01/2027');
    expect(text).toContain('Lieu : Salle Rhône, 45 quai Perrache, 69002 Lyon');
  });

  it('shows each half-day in order, with its date, period, times in Paris and content', async () => {
    const text = await read(await buildProgramme(opcoCompany, SAMPLE_ORGANISATION));

    expect(text).toContain(
      [
        'Date',
        'Demi-journée',
        'Horaires',
        'Contenu',
        '12/01/2027',
        'Matin',
        '09:00–12:30',
        'Atelier Fresque du climat',
        '12/01/2027',
        'Après-midi',
        '13:30–17:00',
        'Ordres de grandeur',
        '13/01/2027',
        'Matin',
        '09:00–12:30',
        "Leviers d'action",
        '13/01/2027',
        'Après-midi',
        '13:30–17:00',
        "Plan d'action et bilan",
      ].join('\n'),
    );
  });

  it("shows times in the training's own time zone", async () => {
    const text = await read(
      await buildProgramme(
        {
          ...franceTravailPerson,
          training: {
            ...training,
            timeZone: 'America/Martinique',
            halfDays: [halfDay('2027-01-12', 'afternoon', 'Bilan')],
          },
        },
        SAMPLE_ORGANISATION,
      ),
    );

    // 12:30–16:00 UTC is 08:30–12:00 in Martinique (UTC−4).
    expect(text).toContain(['12/01/2027', 'Après-midi', '08:30–12:00', 'Bilan'].join('\n'));
  });

  it('states how learning is evaluated and how the training is accessible', async () => {
    const text = await read(await buildProgramme(franceTravailPerson, SAMPLE_ORGANISATION));

    expect(text).toContain('test de positionnement');
    expect(text).toContain(
      'questionnaire de satisfaction à chaud puis à froid, 90 jours après la fin de la formation',
    );
    expect(text).toContain('Accessibilité');
    expect(text).toContain('situation de handicap');
    expect(text).toContain('Camille Martin');
    expect(text).toContain(
      "ou le ou la référent·e handicap de l'organisme, Claire Martin, handicap@example.org,",
    );
  });

  it('refuses a programme without half-days', async () => {
    await expect(
      buildProgramme({ ...opcoCompany, training: { ...training, halfDays: [] } }, SAMPLE_ORGANISATION),
    ).rejects.toThrow(RangeError);
  });
});

describe('proposal documents', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names each file after the proposal number, or the title for the programme', async () => {
    const names = await Promise.all(
      (['quote', 'agreement', 'programme'] as const).map(
        async (kind) => (await buildProposalDocument(kind, opcoCompany, SAMPLE_ORGANISATION)).filename,
      ),
    );

    expect(names).toEqual([
      'devis-D-2026-0042.docx',
      'convention-D-2026-0042.docx',
      'programme-comprendre-et-agir-les-enjeux-climatiques.docx',
    ]);
  });

  it.each([
    ['quote', buildQuote],
    ['agreement', buildAgreement],
    ['programme', buildProgramme],
  ] as const)('refuses a %s whose figures or parties do not add up', async (_kind, build) => {
    await expect(
      build(
        { ...opcoCompany, pricing: { ...opcoCompany.pricing, totalCents: 271_500 } },
        SAMPLE_ORGANISATION,
      ),
    ).rejects.toThrow(/total/);
    await expect(
      build(
        { ...opcoCompany, pricing: { unitPriceCents: 250_000, expensesCents: 0, totalCents: 250_000 } },
        SAMPLE_ORGANISATION,
      ),
    ).rejects.toThrow(/expenses/);
    await expect(
      build(
        { ...franceTravailPerson, funding: { ...franceTravailPerson.funding, kind: 'opco' } },
        SAMPLE_ORGANISATION,
      ),
    ).rejects.toThrow(/opco funding cannot be requested for a client of type individual/);
    await expect(
      build(
        {
          ...franceTravailPerson,
          funding: {
            ...franceTravailPerson.funding,
            client: { ...person, franceTravailId: null, agencyLocality: null },
          },
        },
        SAMPLE_ORGANISATION,
      ),
    ).rejects.toThrow(/France Travail/);
  });

  it('gives the same bytes for the same data, whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const kind of ['quote', 'agreement', 'programme'] as const) {
      vi.setSystemTime(new Date('2026-11-02T09:00:00Z'));
      const first = await buildProposalDocument(kind, opcoCompany, SAMPLE_ORGANISATION);
      vi.setSystemTime(new Date('2027-03-01T18:12:45Z'));
      const again = await buildProposalDocument(kind, opcoCompany, SAMPLE_ORGANISATION);

      expect(again.bytes.equals(first.bytes), kind).toBe(true);
    }
  });
});
