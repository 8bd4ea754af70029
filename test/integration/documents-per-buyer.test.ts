/**
 * Issue #15's "done means" for the buyer's contract: every document of a proposal and the
 * certificate, for a company funded by its OPCO, a person paying themselves, a CPF learner, a job
 * seeker funded by France Travail, an independent funded by FIFPL and a workshop; each converted
 * by the real LibreOffice and sealed as the e-mail path does (sealedPdfOf), the seal checked with
 * poppler's pdfsig and the mentions the law requires read back with pdftotext, article by article
 * (the table below).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProposalDocument, proposalDocumentKinds } from '../../activities/documents/build-proposal.ts';
import { buildCertificate } from '../../activities/documents/certificate.ts';
import { DOCX_CONTENT_TYPE } from '../../activities/documents/pack.ts';
import { DEVELOPMENT_SIGNER } from '../../activities/documents/pdf/seal-certificate.ts';
import { type PdfRendering, sealedPdfOf } from '../../activities/documents/pdf/sealed-pdf.ts';
import { findDocument, storeDocument } from '../../activities/documents/store.ts';
import type { DatabasePool } from '../../db/pool.ts';
import type { CertificateData, DocumentKind } from '../../workflows/messages/documents.ts';
import type { FundingRequest, ProposalData } from '../../workflows/messages/funding.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { testPool } from '../support/database.ts';
import { trainingOffer, workshopOffer } from '../support/offers.ts';
import { SAMPLE_ORGANISATION } from '../support/organisation.ts';
import { pdfsig, pdfText, testPdfRendering } from '../support/pdf.ts';
import { signaturePng } from '../support/png.ts';

const organisation = {
  ...SAMPLE_ORGANISATION,
  signature: { contentType: 'image/png', bytes: signaturePng(300, 100, 3) },
  stamp: { contentType: 'image/png', bytes: signaturePng(200, 200, 50) },
};

type Buyer = 'opco' | 'person' | 'cpf' | 'franceTravail' | 'fifpl' | 'workshop';
type Kind = 'quote' | 'agreement' | 'trainingContract' | 'programme' | 'certificate';

const halfDay = (date: string, period: 'morning' | 'afternoon') => {
  // 09:00–12:30 and 13:30–17:00 in Paris, winter time.
  const [start, end] = period === 'morning' ? ['08:00', '11:30'] : ['12:30', '16:00'];
  return { date, period, startsAt: `${date}T${start}:00Z`, endsAt: `${date}T${end}:00Z`, content: '' };
};

const twoDays: ProposalData['training'] = {
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
};

const company = {
  type: 'company' as const,
  companyName: 'Acme Industries SAS',
  siret: '12345678900012',
  managerName: 'Bertrand Durand',
  trainingContactName: 'Sophie Garnier',
  phone: '04 72 00 00 00',
  address: { street: '8 avenue Jean Jaurès', postalCode: '69007', city: 'Lyon' },
  trainingPlace: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
  contactEmail: 'sophie.garnier@acme.example',
};
const person = {
  type: 'individual' as const,
  firstName: 'Éloïse',
  lastName: 'Lefèvre',
  email: 'eloise.lefevre@example.org',
  phone: '06 12 34 56 78',
  franceTravailId: null,
  agencyLocality: null,
};
const independent = {
  type: 'independent' as const,
  firstName: 'Hélène',
  lastName: 'Bérard',
  email: 'helene@example.org',
  phone: '06 00 00 00 00',
  siret: '98765432100017',
  address: { street: '3 rue Mercière', postalCode: '69002', city: 'Lyon' },
};

function proposal(
  number: string,
  funding: Omit<FundingRequest, 'expenses'>,
  training = twoDays,
): ProposalData {
  return {
    missionId: randomUUID(),
    sessionId: randomUUID(),
    proposalNumber: number,
    issuedOn: '2026-11-02',
    funding: { ...funding, expenses: [] },
    training,
    pricing: { unitPriceCents: 180_000, expensesCents: 0, totalCents: 180_000 },
    coordinatorName: 'Camille Martin',
  };
}

const BUYERS: Record<Buyer, { data: ProposalData; offer: TrainingOffer; learner: string }> = {
  opco: {
    data: proposal('P-OPCO-1', { kind: 'opco', client: company }),
    offer: trainingOffer,
    learner: 'Sophie Garnier',
  },
  person: {
    data: proposal('P-PERS-1', { kind: 'client', client: person }),
    offer: trainingOffer,
    learner: 'Éloïse Lefèvre',
  },
  cpf: {
    data: proposal('P-CPF-1', { kind: 'cpf', client: person }),
    offer: trainingOffer,
    learner: 'Éloïse Lefèvre',
  },
  franceTravail: {
    data: proposal('P-FT-1', {
      kind: 'france_travail',
      client: { ...person, franceTravailId: '1234567A', agencyLocality: 'Villeurbanne' },
    }),
    offer: trainingOffer,
    learner: 'Éloïse Lefèvre',
  },
  fifpl: {
    data: proposal('P-FIFPL-1', { kind: 'fifpl', client: independent }),
    offer: trainingOffer,
    learner: 'Hélène Bérard',
  },
  workshop: {
    data: {
      ...proposal(
        'P-ATEL-1',
        { kind: 'client', client: company },
        {
          ...twoDays,
          title: workshopOffer.title,
          endsAt: '2027-01-12T11:30:00Z',
          hours: 3,
          halfDays: [halfDay('2027-01-12', 'morning')],
        },
      ),
      pricing: { unitPriceCents: 90_000, expensesCents: 0, totalCents: 90_000 },
    },
    offer: workshopOffer,
    learner: 'Sophie Garnier',
  },
};

/** What each buyer's proposal holds, as workflows/rules/contract.ts decides. */
const EXPECTED_DOCUMENTS: Record<Buyer, Kind[]> = {
  opco: ['quote', 'agreement', 'programme'],
  person: ['quote', 'trainingContract', 'programme'],
  cpf: ['programme', 'quote'],
  franceTravail: ['quote', 'programme'],
  fifpl: ['quote', 'agreement', 'programme'],
  workshop: ['quote'],
};

type Where = `${Buyer}.${Kind}`;

/**
 * Article → mention → the documents that must carry it (or, with `absent`, must not). Text is
 * compared with runs of white space made one space, as pdftotext breaks lines where the PDF does.
 */
const MENTIONS: { article: string; mention: string | RegExp; in: Where[]; absent?: true }[] = [
  // Code du travail L6353-1 and D6353-1 I: the agreement of an organisation or an independent.
  {
    article: 'L6353-1',
    mention: 'CONVENTION DE FORMATION PROFESSIONNELLE',
    in: ['opco.agreement', 'fifpl.agreement'],
  },
  {
    article: 'D6353-1 I 1° intitulé',
    mention: `Intitulé : ${trainingOffer.title}`,
    in: ['opco.agreement', 'fifpl.agreement', 'person.trainingContract'],
  },
  {
    article: 'D6353-1 I 1° objectif',
    mention: trainingOffer.objectives[0] ?? '',
    in: ['opco.agreement', 'fifpl.agreement', 'person.trainingContract', 'opco.programme', 'cpf.programme'],
  },
  {
    article: 'D6353-1 I 1° contenu',
    mention: `Contenu : ${trainingOffer.programme[0]?.title}`,
    in: ['opco.agreement', 'fifpl.agreement'],
  },
  {
    article: 'D6353-1 I 1° moyens',
    mention: 'Moyens pédagogiques : Pédagogie active',
    in: ['opco.agreement', 'fifpl.agreement'],
  },
  {
    article: 'D6353-1 I 1° durée et période',
    mention: 'Période de réalisation : du 12/01/2027 au 13/01/2027',
    in: ['opco.agreement', 'fifpl.agreement'],
  },
  {
    article: 'D6353-1 I 1° durée',
    mention: 'Durée : 14 heures',
    in: [
      'opco.agreement',
      'fifpl.agreement',
      'person.trainingContract',
      'opco.programme',
      'cpf.programme',
      'person.programme',
      'fifpl.programme',
    ],
  },
  {
    article: 'D6353-1 I 1° suivi et sanction',
    mention: "feuille d'émargement signée par chaque participant·e à chaque demi-journée",
    in: ['opco.agreement', 'fifpl.agreement'],
  },
  {
    article: 'D6353-1 I 1° sanction (L6353-1 attestation)',
    mention: 'attestation de fin de formation',
    in: ['opco.agreement', 'fifpl.agreement', 'person.trainingContract', 'opco.programme'],
  },
  {
    article: 'D6353-1 I 2° prix',
    mention: "Le coût total de la formation s'élève à 1 800,00 € HT",
    in: ['opco.agreement', 'fifpl.agreement'],
  },
  {
    article: 'D6353-1 I 2° modalités de règlement',
    mention: 'payable à 30 jours par virement',
    in: ['opco.agreement', 'fifpl.agreement', 'opco.quote', 'workshop.quote'],
  },
  {
    article: 'L6331-48 (FIFPL reimburses the independent)',
    mention: 'en demande lui-même le remboursement au FIFPL',
    in: ['fifpl.agreement', 'fifpl.quote'],
  },
  // L6352-12: the registration number with its disclaimer.
  {
    article: 'L6352-12',
    mention: "Cet enregistrement ne vaut pas agrément de l'État.",
    in: ['opco.agreement', 'fifpl.agreement', 'person.trainingContract'],
  },
  // L6353-3 to L6353-7: the person paying themselves.
  { article: 'L6353-3', mention: 'CONTRAT DE FORMATION PROFESSIONNELLE', in: ['person.trainingContract'] },
  { article: 'L6353-3', mention: 'à titre individuel et à ses frais', in: ['person.trainingContract'] },
  {
    article: 'L6353-3',
    mention: "avant l'inscription définitive du ou de la stagiaire et avant tout règlement",
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-4 1° effectif',
    mention: 'Effectif : 12 participant·es au maximum',
    in: ['person.trainingContract', 'opco.agreement'],
  },
  {
    article: 'L6353-4 1° programme',
    mention: `12/01/2027, matin : ${trainingOffer.programme[0]?.title}`,
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-4 2°',
    mention: `Prérequis : ${trainingOffer.prerequisites}`,
    in: ['person.trainingContract', 'opco.agreement', 'opco.programme', 'cpf.programme'],
  },
  {
    article: 'L6353-4 3°',
    mention: 'Contrôle des connaissances : Questionnaire de positionnement',
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-4 3° sanction',
    mention: 'la formation ne délivre ni diplôme ni titre',
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-4 4°',
    mention: `Titres et qualités : ${trainingOffer.trainerQualifications}`,
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-4 5°, L6353-6',
    mention: "Aucune somme n'est exigible avant l'expiration du délai de rétractation de 14 jours",
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-6',
    mention: 'un acompte de 540,00 € est payable, soit 30 % du prix au plus',
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-6',
    mention: 'Le solde, 1 260,00 €, est payable en 2 versements',
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-5',
    mention:
      "le délai de 10 jours de l'article L6353-5 du Code du travail, porté à 14 jours parce que le contrat est conclu à distance",
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-5, L221-21 C. conso (registered letter or any unambiguous statement)',
    mention:
      "par lettre recommandée avec avis de réception adressée à Association des Animateur·ices, 12 rue de la République, 69002 Lyon, ou par toute autre déclaration dénuée d'ambiguïté",
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-7',
    mention: 'par suite de force majeure dûment reconnue',
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-7',
    mention: 'seules les prestations effectivement dispensées sont alors dues, au prorata temporis',
    in: ['person.trainingContract'],
  },
  {
    article: 'L6353-7 (no fee against the person)',
    mention: /à titre de dédit|30 % du coût total/,
    in: ['person.trainingContract', 'person.quote', 'person.programme'],
    absent: true,
  },
  {
    article: 'L6353-5 (the quote is not what the person signs)',
    mention: 'Bon pour accord',
    in: ['person.quote', 'cpf.quote'],
    absent: true,
  },
  // D6353-1 III: CPF, the platform's terms stand in for the agreement.
  {
    article: 'D6353-1 III',
    mention:
      'moncompteformation.gouv.fr, dont les conditions générales tiennent lieu de convention de formation',
    in: ['cpf.quote'],
  },
  {
    article: 'D6353-1 III',
    mention: /envoyer à votre CPF|CONVENTION DE FORMATION/,
    in: ['cpf.quote', 'cpf.programme'],
    absent: true,
  },
  // D6353-1 II: France Travail approves the quote, whose annex (the programme) meets D6353-1 I.
  {
    article: 'D6353-1 II',
    mention:
      'Approuvé par France Travail, il tient lieu de convention de formation, avec le programme annexé',
    in: ['franceTravail.quote'],
  },
  {
    article: 'D6353-1 II (price and payment)',
    mention: "France Travail règle directement l'organisme de formation",
    in: ['franceTravail.quote'],
  },
  {
    article: 'D6353-1 II (the annex meets D6353-1 I)',
    mention: `Suivi et évaluation des acquis ${trainingOffer.assessmentMethod}`,
    in: ['franceTravail.programme'],
  },
  {
    article: 'certificat (employer line by funding)',
    mention: "demandeur·euse d'emploi",
    in: ['franceTravail.certificate'],
  },
  // Programme (L6353-1 al. 1, L6353-8; Qualiopi indicator 1).
  {
    article: 'L6353-1 programme',
    mention: 'PROGRAMME DE FORMATION',
    in: ['opco.programme', 'person.programme', 'cpf.programme', 'fifpl.programme'],
  },
  {
    article: 'L6353-8 objectifs',
    mention: 'Objectifs opérationnels',
    in: ['opco.programme', 'person.programme', 'cpf.programme'],
  },
  {
    article: 'L6353-8 modalités d’évaluation',
    mention: `Suivi et évaluation des acquis ${trainingOffer.assessmentMethod}`,
    in: ['opco.programme', 'person.programme', 'cpf.programme'],
  },
  {
    article: 'L6353-8 horaires',
    mention: /12\/01\/2027 Matin 09:00–12:30/,
    in: ['opco.programme', 'person.programme', 'cpf.programme'],
  },
  {
    article: 'L6353-8 titres des formateurs',
    mention: `Intervenant·es : ${trainingOffer.trainerQualifications}`,
    in: ['opco.programme', 'person.programme', 'cpf.programme', 'opco.agreement'],
  },
  {
    article: 'Qualiopi ind. 1 délai d’accès',
    mention: `Délai d’accès : ${trainingOffer.accessTime}`,
    in: ['opco.programme', 'cpf.programme'],
  },
  {
    article: 'Qualiopi ind. 1 tarif',
    mention: 'Tarif : 1 800,00 € HT pour la session',
    in: ['opco.programme', 'cpf.programme'],
  },
  {
    article: 'Qualiopi ind. 1 version',
    mention: 'Programme version 1 du 02/11/2026',
    in: ['opco.programme', 'opco.quote', 'cpf.quote', 'person.quote'],
  },
  {
    article: 'Qualiopi ind. 1 accessibilité',
    mention: trainingOffer.accessibility,
    in: ['opco.programme', 'person.programme', 'cpf.programme'],
  },
  // L6313-1: a workshop is not a training action.
  {
    article: 'L6313-1',
    mention: "Cet atelier n'est pas une action de formation au sens de l'article L6313-1",
    in: ['workshop.quote'],
  },
  { article: 'L6313-1', mention: 'ATTESTATION DE PARTICIPATION', in: ['workshop.certificate'] },
  {
    article: 'L6313-1',
    mention: /CERTIFICAT DE RÉALISATION|CONVENTION|PROGRAMME DE FORMATION/,
    in: ['workshop.quote', 'workshop.certificate'],
    absent: true,
  },
  // The ministry's certificat de réalisation, with the learner's line by funding.
  {
    article: 'certificat de réalisation (modèle ministériel)',
    mention: 'CERTIFICAT DE RÉALISATION',
    in: ['opco.certificate', 'person.certificate', 'cpf.certificate', 'fifpl.certificate'],
  },
  {
    article: 'certificat (employer line by funding)',
    mention: "salarié·e de l'entreprise Acme Industries SAS",
    in: ['opco.certificate'],
  },
  {
    article: 'certificat (employer line by funding)',
    mention: "salarié·e de l'entreprise",
    in: ['person.certificate', 'cpf.certificate', 'fifpl.certificate'],
    absent: true,
  },
  {
    article: 'certificat (employer line by funding)',
    mention: 'travailleur·euse indépendant·e',
    in: ['fifpl.certificate'],
  },
];

function certificateOf(buyer: Buyer): CertificateData {
  const { data, offer, learner } = BUYERS[buyer];
  const [firstName = '', lastName = ''] = learner.split(' ');
  const client = data.funding.client;
  return {
    missionId: data.missionId,
    sessionId: data.sessionId,
    participantId: 'p-1',
    participant: { firstName, lastName },
    clientName: client.type === 'company' ? client.companyName : `${client.firstName} ${client.lastName}`,
    actionTitle: offer.title,
    actionNature: 'action de formation',
    sessionKind: offer.kind,
    funding: {
      kind: data.funding.kind,
      clientType: client.type,
      employer: client.type === 'company' ? client.companyName : null,
      agreementNumber: buyer === 'opco' ? 'PEC-2027/0042' : null,
    },
    from: '2027-01-12',
    to: buyer === 'workshop' ? '2027-01-12' : '2027-01-13',
    hoursAttended: data.training.hours,
    hoursPlanned: data.training.hours,
    issuedOn: '2027-01-14',
  };
}

describe('the documents each buyer receives, as PDFs sealed and read back', () => {
  let pool: DatabasePool;
  let rendering: PdfRendering;
  let scratch: string;
  const texts = new Map<Where, string>();
  const signatures = new Map<Where, string>();

  beforeAll(async () => {
    pool = await testPool();
    rendering = testPdfRendering();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'documents-per-buyer-'));
    const built: {
      where: Where;
      kind: DocumentKind;
      data: { missionId: string; sessionId: string };
      participantId: string | null;
      filename: string;
      bytes: Buffer;
    }[] = [];
    for (const buyer of Object.keys(BUYERS) as Buyer[]) {
      const { data, offer } = BUYERS[buyer];
      for (const kind of proposalDocumentKinds(data, offer)) {
        const { filename, bytes } = await buildProposalDocument(kind, data, organisation, offer);
        built.push({ where: `${buyer}.${kind}`, kind, data, participantId: null, filename, bytes });
      }
      built.push({
        where: `${buyer}.certificate`,
        kind: 'certificate',
        data,
        participantId: 'p-1',
        filename: `certificat-${buyer}.docx`,
        bytes: await buildCertificate(certificateOf(buyer), organisation),
      });
    }
    // Converted together, as an e-mail's attachments are: LibreOffice runs once for the batch.
    await Promise.all(
      built.map(async ({ where, kind, data, participantId, filename, bytes }) => {
        const stored = await storeDocument(
          pool,
          { missionId: data.missionId, sessionId: data.sessionId, participantId, kind },
          { kind, filename, contentType: DOCX_CONTENT_TYPE, bytes },
        );
        const document = await findDocument(pool, stored.documentId);
        if (!document) throw new Error(`${where} not stored`);
        const pdf = await sealedPdfOf(pool, rendering, document);
        const file = path.join(scratch, `${where}.pdf`);
        await writeFile(file, pdf.bytes);
        texts.set(where, (await pdfText(file)).replace(/\s+/g, ' '));
        signatures.set(where, await pdfsig(file));
      }),
    );
  }, 300_000);

  afterAll(async () => {
    await rendering?.converter.close();
    await pool?.end();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('gives each buyer the documents of their contract', () => {
    for (const buyer of Object.keys(BUYERS) as Buyer[]) {
      const { data, offer } = BUYERS[buyer];
      expect(proposalDocumentKinds(data, offer), buyer).toEqual(EXPECTED_DOCUMENTS[buyer]);
    }
    expect([...texts.keys()].sort()).toEqual(
      (Object.keys(BUYERS) as Buyer[])
        .flatMap((buyer) => [...EXPECTED_DOCUMENTS[buyer], 'certificate'].map((kind) => `${buyer}.${kind}`))
        .sort(),
    );
  });

  it('seals the whole of every PDF with a PAdES signature pdfsig finds valid', () => {
    for (const [where, report] of signatures) {
      expect(report, where).toContain('Signature Validation: Signature is Valid.');
      expect(report, where).toContain('Total document signed');
      expect(report, where).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report, where).toContain(`Signer Certificate Common Name: ${DEVELOPMENT_SIGNER}`);
    }
  });

  it.each(MENTIONS.map((row) => [row.article, row] as const))(
    '%s: the mention is where the law wants it',
    (_article, row) => {
      for (const where of row.in) {
        const text = texts.get(where);
        expect(text, `${where} was not built`).toBeDefined();
        const found =
          typeof row.mention === 'string' ? text?.includes(row.mention) : row.mention.test(text ?? '');
        expect(found, `${row.article} in ${where}: ${String(row.mention)}`).toBe(!row.absent);
      }
    },
  );
});
