import { describe, expect, it } from 'vitest';
import {
  type CertificateFunding,
  certificateNature,
  certificateRetainUntil,
  certificatesBackedBySheet,
  learnerStatus,
} from '../../../workflows/rules/certificates.ts';

const funding = (overrides: Partial<CertificateFunding>): CertificateFunding => ({
  kind: 'opco',
  clientType: 'company',
  employer: 'Acme SA',
  agreementNumber: null,
  ...overrides,
});

describe('certificate rules', () => {
  it('certifies a training as realised and attests participation in a workshop', () => {
    expect(certificateNature('training')).toBe('certificate_of_completion');
    expect(certificateNature('workshop')).toBe('attendance_attestation');
  });

  it('names the employer of a company funded by its OPCO or paying itself', () => {
    expect(learnerStatus(funding({ kind: 'opco' }))).toEqual({ kind: 'employee', employer: 'Acme SA' });
    expect(learnerStatus(funding({ kind: 'client' }))).toEqual({ kind: 'employee', employer: 'Acme SA' });
  });

  it('names no employer for CPF, nor for a person paying themselves', () => {
    expect(learnerStatus(funding({ kind: 'cpf', clientType: 'individual', employer: null }))).toEqual({
      kind: 'none',
    });
    expect(learnerStatus(funding({ kind: 'client', clientType: 'individual', employer: null }))).toEqual({
      kind: 'none',
    });
  });

  it('says job seeker for France Travail, independent worker for FIFPL, AGEFICE or an independent paying', () => {
    expect(
      learnerStatus(funding({ kind: 'france_travail', clientType: 'individual', employer: null })),
    ).toEqual({
      kind: 'job_seeker',
    });
    for (const kind of ['fifpl', 'agefice', 'client'] as const)
      expect(learnerStatus(funding({ kind, clientType: 'independent', employer: null }))).toEqual({
        kind: 'independent',
      });
  });

  it('says nothing of an employer without funding details (workshops, education)', () => {
    expect(learnerStatus(null)).toEqual({ kind: 'none' });
    expect(learnerStatus(undefined)).toEqual({ kind: 'none' });
  });

  it('keeps a certificate until the end of the year of issue plus the three years it states', () => {
    expect(certificateRetainUntil('2027-01-14')).toBe('2030-12-31');
    expect(certificateRetainUntil('2027-12-31')).toBe('2030-12-31');
  });

  it('finds the sent certificates a sheet backed, unless signatures backed them', () => {
    const sent = { participantId: 'p1', hoursAttended: 3, documentId: 'd1', sentAt: '2027-01-12T12:00:00Z' };
    const failed = { participantId: 'p2', hoursAttended: 3, documentId: null, sentAt: null };
    const flagged = { ...sent, participantId: 'p3', flag: 'non_compliant_sheet' as const };
    expect(certificatesBackedBySheet('compliant', [sent, failed, flagged])).toEqual([sent]);
    expect(certificatesBackedBySheet('recorded', [sent])).toEqual([sent]);
    expect(certificatesBackedBySheet('signed', [sent])).toEqual([]);
  });
});
