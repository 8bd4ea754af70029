import mammoth from 'mammoth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAgreement } from '../../../activities/documents/agreement.ts';
import { buildProposalDocument } from '../../../activities/documents/build-proposal.ts';
import { buildProgramme } from '../../../activities/documents/programme.ts';
import { buildQuote } from '../../../activities/documents/quote.ts';
import type { IndividualClient, ProposalData } from '../../../workflows/messages/funding.ts';
import { trainingOffer } from '../../support/offers.ts';
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

const fifplIndependent: ProposalData = {
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
};

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
    const text = await read(await buildQuote(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

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
    const text = await read(await buildQuote(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      ['Client', 'Acme Industries SAS', 'SIRET : 12345678900012', '8 avenue Jean Jaurès, 69007 Lyon'].join(
        '\n',
      ),
    );
  });

  it('lists the training and each expense, then totals without VAT', async () => {
    const text = await read(await buildQuote(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      [
        'Formation « Comprendre et agir : les enjeux climatiques »',
        'Du 12/01/2027 au 13/01/2027 — 14 heures',
        'Programme version 1 du 02/11/2026',
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
    const text = await read(await buildQuote(franceTravailPerson, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(['Client', 'Éloïse Lefèvre'].join('\n'));
    // The association's own SIRET heads the quote; a person has none.
    expect(text.match(/SIRET/g)).toHaveLength(1);
    expect(text).toContain(
      'Financement : Aide individuelle à la formation de France Travail (identifiant 1234567A, agence de Villeurbanne)',
    );
    expect(text).toContain(['Total HT', '2 500,00 €', 'Total TTC', '2 500,00 €'].join('\n'));
    // Approved on Kairos, the quote is the agreement (D6353-1 II): France Travail pays, the person signs nothing.
    expect(text).toContain('tient lieu de convention de formation');
    expect(text).toContain('D6353-1 II');
    expect(text).toContain("France Travail règle directement l'organisme de formation");
    expect(text).not.toContain('Bon pour accord');
  });

  it.each([
    ['cpf', 'Compte personnel de formation (CPF), via Mon Compte Formation'],
    ['client', 'Financement par le client'],
  ] as const)('words %s funding as funders expect', async (kind, mention) => {
    const text = await read(
      await buildQuote(
        { ...franceTravailPerson, funding: { ...franceTravailPerson.funding, kind } },
        SAMPLE_ORGANISATION,
        trainingOffer,
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
        trainingOffer,
      ),
    );

    expect(text).toContain(
      [
        'Hélène Bérard',
        'Travailleur·se indépendant·e, SIRET : 98765432100017',
        '3 rue Mercière, 69002 Lyon',
      ].join('\n'),
    );
    expect(text).toContain('Financement : Remboursement demandé par le client au FIFPL');
    expect(text).toContain('Bon pour accord');
  });
});

describe('training agreement', () => {
  it('names the organisation as its settings say: SIRET, region, Qualiopi, signatory, disability contact', async () => {
    const text = await read(
      await buildAgreement(
        opcoCompany,
        {
          ...SAMPLE_ORGANISATION,
          settings: {
            ...SAMPLE_ORGANISATION.settings,
            qualiopiCertificate: 'QUALIOPI-2026-0420',
            disabilityContact: {
              name: 'Inès Benali',
              email: 'handicap@example.org',
              phone: '04 72 00 00 00',
            },
          },
        },
        trainingOffer,
      ),
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
    expect(text).toContain('Référent·e handicap : Inès Benali, handicap@example.org, 04 72 00 00 00.');
    expect(text).toContain(
      ["Pour l'organisme de formation", 'Association des Animateur·ices', 'Claire Martin, présidente'].join(
        '\n',
      ),
    );
  });

  it('is a professional training agreement between the association and the company', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain('CONVENTION DE FORMATION PROFESSIONNELLE');
    expect(text).toContain('(articles L6353-1 et D6353-1 du Code du travail)');
    expect(text).toContain(
      `enregistrée sous le numéro ${SAMPLE_ORGANISATION.settings.trainingProviderNumber}`,
    );
    expect(text).toContain(
      ['Acme Industries SAS', 'SIRET : 12345678900012', '8 avenue Jean Jaurès, 69007 Lyon'].join('\n'),
    );
  });

  it("describes the action as D6353-1 I lists it, from the offer's version: title, objectives, content, means, duration, period", async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      [
        "Article 1 — Objet, objectifs et contenu de l'action",
        "Le client commande à l'organisme de formation l'action de formation suivante :",
        'Intitulé : Comprendre et agir : les enjeux climatiques',
        "Nature de l'action : action de formation (article L6313-1 du Code du travail)",
        'Objectifs : à son issue, chaque participant·e sera capable de :',
        ...trainingOffer.objectives.map((objective) => `– ${objective}`),
        `Contenu : ${trainingOffer.programme.map((step) => step.title).join(' ; ')}`,
        `Public visé : ${trainingOffer.audience}`,
        `Prérequis : ${trainingOffer.prerequisites}`,
        'Durée : 14 heures',
        'Période de réalisation : du 12/01/2027 au 13/01/2027',
        'Lieu : Salle Rhône, 45 quai Perrache, 69002 Lyon',
        'Effectif : 12 participant·es au maximum',
        'Le programme annexé (programme version 1 du 02/11/2026) détaille le contenu de chaque demi-journée et ses horaires.',
      ].join('\n'),
    );
    expect(text).toContain(`Moyens pédagogiques : ${trainingOffer.teachingMethods}`);
    expect(text).toContain(`Évaluation des acquis : ${trainingOffer.assessmentMethod}`);
    expect(text).toContain(`Intervenant·es : ${trainingOffer.trainerQualifications}`);
  });

  it('states the cost, the funding asked for, and that the company pays what the OPCO does not', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      "Le coût total de la formation s'élève à 2 715,50 € HT, soit 2 500,00 € de formation et 215,50 € de frais " +
        '(TVA non applicable, art. 261-4-4° a du CGI).',
    );
    expect(text).toContain("Financement : Prise en charge demandée auprès de l'OPCO de l'entreprise");
    expect(text).toContain('le client règle la part non prise en charge par le financeur');
    expect(text).toContain('si la formation commence avant la décision du financeur');
  });

  it('has the teaching means, the cancellation clause and both signatures', async () => {
    const text = await read(await buildAgreement(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain('Article 2 — Moyens pédagogiques, suivi et sanction de la formation');
    expect(text).toContain('attestation de fin de formation');
    expect(text).toContain("feuille d'émargement signée par chaque participant·e à chaque demi-journée");
    expect(text).toContain('certificat de réalisation');
    expect(text).toContain('Article 4 — Dédit ou annulation');
    expect(text).toContain('Fait à Lyon, le 02/11/2026, en deux exemplaires.');
    expect(text).toContain(
      ["Pour l'organisme de formation", SAMPLE_ORGANISATION.settings.legalName].join('\n'),
    );
    expect(text).toContain(['Pour le client', 'Acme Industries SAS', 'Bertrand Durand'].join('\n'));
  });

  it('binds an independent funded by FIFPL, who pays and asks the fund for the reimbursement', async () => {
    const text = await read(await buildAgreement(fifplIndependent, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      ['Et :', 'Hélène Bérard', 'Travailleur·se indépendant·e, SIRET : 98765432100017'].join('\n'),
    );
    expect(text).toContain('Financement : Remboursement demandé par le client au FIFPL');
    expect(text).toContain('en demande lui-même le remboursement au FIFPL');
    expect(text).not.toContain('part non prise en charge par le financeur');
    expect(text).toContain(['Pour le client', 'Hélène Bérard', 'Signature'].join('\n'));
  });

  it('makes a self-funding client pay in full, with no funder clause', async () => {
    const text = await read(
      await buildAgreement(
        { ...opcoCompany, funding: { ...opcoCompany.funding, kind: 'client' } },
        SAMPLE_ORGANISATION,
        trainingOffer,
      ),
    );

    expect(text).toContain("Le client règle l'intégralité du coût de la formation.");
    expect(text).not.toContain('financeur');
  });
});

describe('training programme', () => {
  it("gives the offer's objectives, public, prerequisites, access time and version, and the session's duration, dates, place and price", async () => {
    const text = await read(await buildProgramme(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      [
        'PROGRAMME DE FORMATION',
        'Comprendre et agir : les enjeux climatiques',
        'Programme version 1 du 02/11/2026',
        'Objectifs opérationnels',
      ].join('\n'),
    );
    for (const objective of trainingOffer.objectives) expect(text).toContain(`– ${objective}`);
    expect(text).toContain(`Public visé : ${trainingOffer.audience}`);
    expect(text).toContain(`Prérequis : ${trainingOffer.prerequisites}`);
    expect(text).toContain(`Délai d’accès : ${trainingOffer.accessTime}`);
    expect(text).toContain('Tarif : 2 500,00 € HT pour la session');
    expect(text).toContain(`Intervenant·es : ${trainingOffer.trainerQualifications}`);
    expect(text).toContain('Durée : 14 heures');
    expect(text).toContain('Dates : du 12/01/2027 au 13/01/2027');
    expect(text).toContain('Lieu : Salle Rhône, 45 quai Perrache, 69002 Lyon');
  });

  it("shows each half-day in order, with its date, period, times in Paris and the offer's step", async () => {
    const text = await read(await buildProgramme(opcoCompany, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      [
        'Date',
        'Demi-journée',
        'Horaires',
        'Contenu',
        '12/01/2027',
        'Matin',
        '09:00–12:30',
        trainingOffer.programme[0]?.title,
        trainingOffer.programme[0]?.content,
        '12/01/2027',
        'Après-midi',
        '13:30–17:00',
        trainingOffer.programme[1]?.title,
        trainingOffer.programme[1]?.content,
        '13/01/2027',
        'Matin',
        '09:00–12:30',
        trainingOffer.programme[2]?.title,
        trainingOffer.programme[2]?.content,
        '13/01/2027',
        'Après-midi',
        '13:30–17:00',
        trainingOffer.programme[3]?.title,
        trainingOffer.programme[3]?.content,
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
        { ...trainingOffer, programme: [] },
      ),
    );

    // 12:30–16:00 UTC is 08:30–12:00 in Martinique (UTC−4).
    expect(text).toContain(['12/01/2027', 'Après-midi', '08:30–12:00', 'Bilan'].join('\n'));
  });

  it('states how learning is evaluated and how the training is accessible', async () => {
    const text = await read(await buildProgramme(franceTravailPerson, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(['Suivi et évaluation des acquis', trainingOffer.assessmentMethod].join('\n'));
    expect(text).toContain(['Méthodes pédagogiques', trainingOffer.teachingMethods].join('\n'));
    expect(text).toContain('questionnaires de satisfaction à chaud puis à froid');
    expect(text).toContain(['Accessibilité', trainingOffer.accessibility].join('\n'));
    expect(text).toContain(
      "Contact : Camille Martin, coordinateur·ice de la formation, ou le ou la référent·e handicap de l'organisme, Claire Martin, handicap@example.org.",
    );
  });

  it('refuses a programme without half-days', async () => {
    await expect(
      buildProgramme(
        { ...opcoCompany, training: { ...training, halfDays: [] } },
        SAMPLE_ORGANISATION,
        trainingOffer,
      ),
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
        async (kind) =>
          (await buildProposalDocument(kind, opcoCompany, SAMPLE_ORGANISATION, trainingOffer)).filename,
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
        trainingOffer,
      ),
    ).rejects.toThrow(/total/);
    await expect(
      build(
        { ...opcoCompany, pricing: { unitPriceCents: 250_000, expensesCents: 0, totalCents: 250_000 } },
        SAMPLE_ORGANISATION,
        trainingOffer,
      ),
    ).rejects.toThrow(/expenses/);
    await expect(
      build(
        { ...franceTravailPerson, funding: { ...franceTravailPerson.funding, kind: 'opco' } },
        SAMPLE_ORGANISATION,
        trainingOffer,
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
        trainingOffer,
      ),
    ).rejects.toThrow(/France Travail/);
  });

  it('gives the same bytes for the same data, whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (const kind of ['quote', 'agreement', 'programme'] as const) {
      vi.setSystemTime(new Date('2026-11-02T09:00:00Z'));
      const first = await buildProposalDocument(kind, opcoCompany, SAMPLE_ORGANISATION, trainingOffer);
      vi.setSystemTime(new Date('2027-03-01T18:12:45Z'));
      const again = await buildProposalDocument(kind, opcoCompany, SAMPLE_ORGANISATION, trainingOffer);

      expect(again.bytes.equals(first.bytes), kind).toBe(true);
    }
  });
});
