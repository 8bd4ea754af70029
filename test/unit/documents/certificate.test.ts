import mammoth from 'mammoth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCertificate } from '../../../activities/documents/certificate.ts';
import type { CertificateData } from '../../../workflows/messages/documents.ts';
import { CERTIFICATE_PROOF_RETENTION_YEARS } from '../../../workflows/rules/certificates.ts';
import { SAMPLE_ORGANISATION } from '../../support/organisation.ts';

const certificate: CertificateData = {
  missionId: '5b0e1f7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  sessionId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  participantId: 'p-1',
  participant: { firstName: 'Éloïse', lastName: 'Lefèvre' },
  clientName: 'Acme Industries SAS',
  actionTitle: 'Comprendre et agir : les enjeux climatiques',
  actionNature: 'action de formation',
  sessionKind: 'training',
  funding: { kind: 'opco', clientType: 'company', employer: 'Acme Industries SAS', agreementNumber: null },
  from: '2027-01-12',
  to: '2027-01-13',
  hoursAttended: 10.5,
  hoursPlanned: 14,
  issuedOn: '2027-01-14',
};

/** The certificate as a reader sees it, one paragraph a line. */
async function read(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replaceAll('\u00a0', ' ').replace(/\n\n/g, '\n');
}

describe('certificat de réalisation', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("follows the ministry's model: title and the provider's attestation", async () => {
    const text = await read(await buildCertificate(certificate, SAMPLE_ORGANISATION));

    expect(text).toContain('CERTIFICAT DE RÉALISATION');
    expect(text).toContain(
      "Je soussigné·e Claire Martin, présidente, représentant·e légal·e du dispensateur de l'action concernée, " +
        "Association des Animateur·ices, déclaration d'activité n° 84691234569, atteste que :",
    );
  });

  it('names the participant, their employer, the action, its dates and the hours attended', async () => {
    const text = await read(await buildCertificate(certificate, SAMPLE_ORGANISATION));

    expect(text).toContain(
      [
        "Éloïse Lefèvre, salarié·e de l'entreprise Acme Industries SAS,",
        "a suivi l'action Comprendre et agir : les enjeux climatiques,",
        "nature de l'action concourant au développement des compétences : action de formation,",
        "qui s'est déroulée du 12/01/2027 au 13/01/2027,",
        'pour une durée de 10,5 heures (sur 14 heures prévues).',
      ].join('\n'),
    );
  });

  it('is dated and placed, with a block for the signature', async () => {
    const text = await read(await buildCertificate(certificate, SAMPLE_ORGANISATION));

    expect(text).toContain('Fait à Lyon, le 14/01/2027');
    expect(text).toContain(
      [
        'Claire Martin, présidente',
        'Représentant·e légal·e',
        SAMPLE_ORGANISATION.settings.legalName,
        'Signature et cachet :',
      ].join('\n'),
    );
  });

  it('reads instants as dates in Paris', async () => {
    const text = await read(
      await buildCertificate(
        {
          ...certificate,
          from: '2027-01-11T23:30:00Z',
          to: '2027-01-13T16:00:00Z',
          issuedOn: '2027-01-13T23:15:00Z',
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain("qui s'est déroulée du 12/01/2027 au 13/01/2027,");
    expect(text).toContain('Fait à Lyon, le 14/01/2027');
  });

  it('keeps the singular below two hours', async () => {
    const text = await read(
      await buildCertificate({ ...certificate, hoursAttended: 1.5, hoursPlanned: 1.5 }, SAMPLE_ORGANISATION),
    );

    expect(text).toContain('pour une durée de 1,5 heure (sur 1,5 heure prévue).');
  });

  it('refuses more hours attended than planned', async () => {
    await expect(
      buildCertificate({ ...certificate, hoursAttended: 15 }, SAMPLE_ORGANISATION),
    ).rejects.toThrow(RangeError);
  });

  it('refuses an action that ends before it starts', async () => {
    await expect(
      buildCertificate({ ...certificate, from: '2027-01-14' }, SAMPLE_ORGANISATION),
    ).rejects.toThrow(RangeError);
  });

  it('gives the same bytes for the same data, whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-14T09:00:00Z'));
    const first = await buildCertificate(certificate, SAMPLE_ORGANISATION);
    vi.setSystemTime(new Date('2027-03-01T18:12:45Z'));
    const again = await buildCertificate(certificate, SAMPLE_ORGANISATION);

    expect(again.equals(first)).toBe(true);
  });

  it('names the OPCO and its agreement number, and keeps the proof as many years as the store', async () => {
    const text = await read(
      await buildCertificate(
        {
          ...certificate,
          funding: {
            kind: 'opco',
            clientType: 'company',
            employer: 'Acme Industries SAS',
            agreementNumber: 'PEC-2027/0042',
          },
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain("Éloïse Lefèvre, salarié·e de l'entreprise Acme Industries SAS,");
    expect(text).toContain('Financement : OPCO, accord de prise en charge n° PEC-2027/0042.');
    expect(text).toContain(
      `pendant une durée de ${CERTIFICATE_PROOF_RETENTION_YEARS} ans à compter de la fin de l'année du dernier paiement`,
    );
  });

  it('names no employer for a CPF learner, who trains for themselves', async () => {
    const text = await read(
      await buildCertificate(
        {
          ...certificate,
          funding: { kind: 'cpf', clientType: 'individual', employer: null, agreementNumber: null },
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain('CERTIFICAT DE RÉALISATION');
    expect(text).toContain('Éloïse Lefèvre,\na suivi l');
    expect(text).not.toContain('salarié');
    expect(text).not.toContain('Acme');
    expect(text).toContain('Financement : CPF (Mon Compte Formation).');
  });

  it('says a France Travail learner is a job seeker, a FIFPL one an independent worker', async () => {
    const jobSeeker = await read(
      await buildCertificate(
        {
          ...certificate,
          funding: {
            kind: 'france_travail',
            clientType: 'individual',
            employer: null,
            agreementNumber: 'FT 12.345',
          },
        },
        SAMPLE_ORGANISATION,
      ),
    );
    const independent = await read(
      await buildCertificate(
        {
          ...certificate,
          funding: { kind: 'fifpl', clientType: 'independent', employer: null, agreementNumber: null },
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(jobSeeker).toContain("Éloïse Lefèvre, demandeur·euse d'emploi,");
    expect(jobSeeker).toContain('Financement : France Travail, accord de prise en charge n° FT 12.345.');
    expect(independent).toContain('Éloïse Lefèvre, travailleur·euse indépendant·e,');
  });

  it("gives a workshop an attestation de participation, with nothing of a training action's wording", async () => {
    const text = await read(
      await buildCertificate(
        {
          ...certificate,
          sessionKind: 'workshop',
          actionTitle: 'Fresque du climat',
          from: '2027-01-12',
          to: '2027-01-12',
          hoursAttended: 3,
          hoursPlanned: 3,
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(text).toContain('ATTESTATION DE PARTICIPATION');
    expect(text).toContain(
      [
        'Je soussigné·e Claire Martin, présidente, représentant·e légal·e de Association des Animateur·ices, atteste que :',
        'Éloïse Lefèvre,',
        "a participé à l'atelier Fresque du climat,",
        "qui s'est déroulé le 12/01/2027,",
        'pour une durée de 3 heures (sur 3 heures prévues).',
      ].join('\n'),
    );
    expect(text).not.toMatch(/réalisation|action de formation|concourant|Financement|salarié/i);
  });
});
