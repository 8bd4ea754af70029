import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import {
  buildProposalDocument,
  proposalDocumentKinds,
} from '../../../activities/documents/build-proposal.ts';
import { buildTrainingContract } from '../../../activities/documents/training-contract.ts';
import type { ProposalData } from '../../../workflows/messages/funding.ts';
import { trainingOffer, workshopOffer } from '../../support/offers.ts';
import { SAMPLE_ORGANISATION } from '../../support/organisation.ts';

const halfDay = (date: string, period: 'morning' | 'afternoon') => {
  const [start, end] = period === 'morning' ? ['08:00', '11:30'] : ['12:30', '16:00'];
  return { date, period, startsAt: `${date}T${start}:00Z`, endsAt: `${date}T${end}:00Z`, content: '' };
};

/** Éloïse pays for her own training: 1 800 € over two days. */
const selfPaying: ProposalData = {
  missionId: '5b0e1f7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  sessionId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  proposalNumber: 'D-2026-0044',
  issuedOn: '2026-11-02',
  funding: {
    kind: 'client',
    client: {
      type: 'individual',
      firstName: 'Éloïse',
      lastName: 'Lefèvre',
      email: 'eloise.lefevre@example.org',
      phone: '06 12 34 56 78',
      franceTravailId: null,
      agencyLocality: null,
    },
    expenses: [],
  },
  training: {
    title: trainingOffer.title,
    startsAt: '2027-01-12T08:00:00Z',
    endsAt: '2027-01-13T16:00:00Z',
    timeZone: 'Europe/Paris',
    place: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
    hours: 14,
    capacity: 12,
    halfDays: [
      halfDay('2027-01-12', 'morning'),
      halfDay('2027-01-12', 'afternoon'),
      halfDay('2027-01-13', 'morning'),
      halfDay('2027-01-13', 'afternoon'),
    ],
  },
  pricing: { unitPriceCents: 180_000, expensesCents: 0, totalCents: 180_000 },
  coordinatorName: 'Camille Martin',
};

async function read(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replace(/[\u00a0\u202f]/g, ' ').replace(/\n+/g, '\n');
}

describe('contrat de formation professionnelle', () => {
  it('carries each mention L6353-4 requires on pain of nullity', async () => {
    const text = await read(await buildTrainingContract(selfPaying, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      ['CONTRAT DE FORMATION PROFESSIONNELLE', '(articles L6353-3 à L6353-7 du Code du travail)'].join('\n'),
    );
    expect(text).toContain('qui entreprend cette formation à titre individuel et à ses frais');
    // 1° nature, duration, programme, object, group size.
    expect(text).toContain("Nature de l'action : action de formation (article L6313-1 du Code du travail)");
    for (const objective of trainingOffer.objectives) expect(text).toContain(`– ${objective}`);
    expect(text).toContain(`12/01/2027, matin : ${trainingOffer.programme[0]?.title}`);
    expect(text).toContain('Durée : 14 heures');
    expect(text).toContain('Effectif : 12 participant·es au maximum');
    // 2° prerequisites; 3° conditions, means, assessment, sanction; 4° trainers' titles.
    expect(text).toContain(`Prérequis : ${trainingOffer.prerequisites}`);
    expect(text).toContain(`Moyens pédagogiques et techniques : ${trainingOffer.teachingMethods}`);
    expect(text).toContain(`Contrôle des connaissances : ${trainingOffer.assessmentMethod}`);
    expect(text).toContain(
      'Sanction de la formation : certificat de réalisation et attestation de fin de formation',
    );
    expect(text).toContain(`Titres et qualités : ${trainingOffer.trainerQualifications}`);
  });

  it('gives 14 days to withdraw, the 10 of L6353-5 extended for a distance contract (L221-18), asks nothing before, then 30 % at most (L6353-6)', async () => {
    const text = await read(await buildTrainingContract(selfPaying, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      "dispose d'un délai de 14 jours pour se rétracter : le délai de 10 jours de l'article L6353-5 du Code du travail, porté à 14 jours parce que le contrat est conclu à distance (article L221-18 du Code de la consommation)",
    );
    expect(text).toContain(
      "Aucune somme n'est exigible avant l'expiration du délai de rétractation de 14 jours",
    );
    expect(text).toContain('un acompte de 540,00 € est payable, soit 30 % du prix au plus');
    expect(text).toContain(
      "Le solde, 1 260,00 €, est payable en 2 versements, à l'issue de chaque journée de formation",
    );
  });

  it('asks no cancellation fee: on force majeure only what was delivered, pro rata (L6353-7)', async () => {
    const text = await read(await buildTrainingContract(selfPaying, SAMPLE_ORGANISATION, trainingOffer));

    expect(text).toContain(
      'seules les prestations effectivement dispensées sont alors dues, au prorata temporis',
    );
    expect(text).not.toMatch(/30 % du coût total à titre de dédit/);
    expect(text).toContain("Aucune indemnité ni aucun dédit n'est demandé");
    expect(text).toContain(['Le ou la stagiaire', 'Éloïse Lefèvre'].join('\n'));
  });

  it('is refused for anyone but a person paying themselves, and for a workshop', async () => {
    await expect(
      buildTrainingContract(
        { ...selfPaying, funding: { ...selfPaying.funding, kind: 'cpf' } },
        SAMPLE_ORGANISATION,
        trainingOffer,
      ),
    ).rejects.toThrow(/person paying themselves/);
    await expect(buildTrainingContract(selfPaying, SAMPLE_ORGANISATION, workshopOffer)).rejects.toThrow(
      /not a training action/,
    );
  });
});

describe('the documents each buyer receives', () => {
  it('a person paying themselves: quote, contract and programme, never the agreement', async () => {
    expect(proposalDocumentKinds(selfPaying, trainingOffer)).toEqual([
      'quote',
      'trainingContract',
      'programme',
    ]);
    await expect(
      buildProposalDocument('agreement', selfPaying, SAMPLE_ORGANISATION, trainingOffer),
    ).rejects.toThrow(/not part of the proposal for a individual funded by client/);
    const quote = await read(
      (await buildProposalDocument('quote', selfPaying, SAMPLE_ORGANISATION, trainingOffer)).bytes,
    );
    expect(quote).toContain("Devis remis à titre d'information, à ne pas signer");
    expect(quote).not.toContain('Bon pour accord');
  });

  it('a CPF learner: programme and quote, nothing to sign, the platform named', async () => {
    const cpf = { ...selfPaying, funding: { ...selfPaying.funding, kind: 'cpf' as const } };
    expect(proposalDocumentKinds(cpf, trainingOffer)).toEqual(['programme', 'quote']);
    const quote = await read(
      (await buildProposalDocument('quote', cpf, SAMPLE_ORGANISATION, trainingOffer)).bytes,
    );
    expect(quote).toContain('moncompteformation.gouv.fr');
    expect(quote).toContain('D6353-1 III');
    expect(quote).not.toContain('Bon pour accord');
  });

  it('a workshop: a quote that is the order, and no training paperwork', async () => {
    const workshop = {
      ...selfPaying,
      training: {
        ...selfPaying.training,
        title: workshopOffer.title,
        endsAt: '2027-01-12T11:30:00Z',
        hours: 3,
        halfDays: [halfDay('2027-01-12', 'morning')],
      },
    };
    expect(proposalDocumentKinds(workshop, workshopOffer)).toEqual(['quote']);
    await expect(
      buildProposalDocument('programme', workshop, SAMPLE_ORGANISATION, workshopOffer),
    ).rejects.toThrow(/not a training action/);
    const quote = await read(
      (await buildProposalDocument('quote', workshop, SAMPLE_ORGANISATION, workshopOffer)).bytes,
    );
    expect(quote).toContain(
      `${workshopOffer.title}\nLe 12/01/2027 — 3 heures\nDescriptif version 1 du 02/11/2026`,
    );
    expect(quote).toContain("Cet atelier n'est pas une action de formation au sens de l'article L6313-1");
    expect(quote).toContain('Bon pour accord');
    expect(quote).not.toContain('Financement');
  });
});
