import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildEndOfTrainingAttestation } from '../../../activities/documents/end-of-training-attestation.ts';
import type { EndOfTrainingAttestationData } from '../../../workflows/messages/documents.ts';
import { trainingOffer, workshopOffer } from '../../support/offers.ts';
import { SAMPLE_ORGANISATION } from '../../support/organisation.ts';

const data: EndOfTrainingAttestationData = {
  missionId: '5b0e1f7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  sessionId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  participantId: 'p-1',
  participant: { firstName: 'Éloïse', lastName: 'Lefèvre' },
  actionTitle: 'Animer un atelier participatif',
  sessionKind: 'training',
  offer: { offerId: trainingOffer.offerId, version: 1 },
  from: '2027-01-12',
  to: '2027-01-13',
  hoursAttended: 10.5,
  hoursPlanned: 14,
  answerBy: '2027-01-27',
  issuedOn: '2027-01-15',
};

const answered = { levels: ['acquired', 'partly', 'acquired', 'notYet'], answeredAt: '2027-01-14T17:20:00Z' };

async function read(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replaceAll('\u00a0', ' ').replace(/\n\n/g, '\n');
}

describe('attestation de fin de formation', () => {
  it('states the objectives, nature and duration of the action and each objective’s result (L6353-1)', async () => {
    const text = await read(
      await buildEndOfTrainingAttestation(data, SAMPLE_ORGANISATION, trainingOffer, answered),
    );
    expect(text).toContain('ATTESTATION DE FIN DE FORMATION');
    expect(text).toContain("Éloïse Lefèvre\na suivi l'action Animer un atelier participatif.");
    expect(text).toContain(
      'Nature de l’action : action de formation (article L6313-1, 1° du Code du travail)',
    );
    expect(text).toContain('Dates : du 12/01/2027 au 13/01/2027');
    expect(text).toContain('Durée suivie : 10,5 heures sur 14 heures prévues');
    const [first, second, third, fourth] = trainingOffer.objectives;
    expect(text).toContain(
      `${first}\nAcquis\n${second}\nEn cours d’acquisition\n${third}\nAcquis\n${fourth}\nNon acquis`,
    );
    expect(text).toContain('auto-évaluation du ou de la stagiaire');
    expect(text).toContain('répondu le 14/01/2027');
    expect(text).toContain(`Modalités d’évaluation prévues au programme : ${trainingOffer.assessmentMethod}`);
  });

  it('names the provider, its registration, the place and date, and the signatory', async () => {
    const text = await read(
      await buildEndOfTrainingAttestation(data, SAMPLE_ORGANISATION, trainingOffer, answered),
    );
    const { settings } = SAMPLE_ORGANISATION;
    expect(text).toContain(`SIRET ${settings.siret}`);
    expect(text).toContain(
      `Déclaration d'activité enregistrée sous le n° ${settings.trainingProviderNumber} auprès du préfet de la région ${settings.trainingProviderRegion}`,
    );
    expect(text).toContain('Fait à Lyon, le 15/01/2027');
    expect(text).toContain(
      `Claire Martin, présidente\nReprésentant·e légal·e\n${settings.legalName}\nSignature et cachet :`,
    );
  });

  it('prints “non évalué” for every objective of a trainee who did not answer, and says why', async () => {
    const text = await read(
      await buildEndOfTrainingAttestation(data, SAMPLE_ORGANISATION, trainingOffer, null),
    );
    expect(text.match(/Non évalué/g)).toHaveLength(trainingOffer.objectives.length);
    expect(text).not.toMatch(/\bAcquis\b/);
    expect(text).toContain(
      "n'a pas répondu au questionnaire d'évaluation des acquis de fin de formation avant le 27/01/2027",
    );
  });

  it('refuses a workshop that is not a training action, and hours nobody attended', async () => {
    await expect(
      buildEndOfTrainingAttestation(data, SAMPLE_ORGANISATION, workshopOffer, null),
    ).rejects.toThrow(/not a training action/);
    await expect(
      buildEndOfTrainingAttestation({ ...data, hoursAttended: 0 }, SAMPLE_ORGANISATION, trainingOffer, null),
    ).rejects.toThrow(RangeError);
  });

  it('gives the same bytes for the same content, so a retried activity stores once', async () => {
    const first = await buildEndOfTrainingAttestation(data, SAMPLE_ORGANISATION, trainingOffer, answered);
    const again = await buildEndOfTrainingAttestation(data, SAMPLE_ORGANISATION, trainingOffer, answered);
    expect(again.equals(first)).toBe(true);
  });
});
