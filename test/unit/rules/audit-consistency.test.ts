import { describe, expect, it } from 'vitest';
import {
  type AuditDocument,
  auditFindings,
  blockingFindings,
  checkReleaseAuditHold,
  claimsOfRequest,
  type SessionAuditFacts,
} from '../../../workflows/rules/audit-consistency.ts';

const claims = { title: 'Gestes qui sauvent', from: '2027-03-01', to: '2027-03-02', hours: 14 };

function document(kind: string, overrides: Partial<AuditDocument> = {}): AuditDocument {
  return {
    documentId: `${kind}-${overrides.participantId ?? 'session'}-${overrides.version ?? 1}`,
    kind,
    version: 1,
    participantId: null,
    claims,
    ...overrides,
  };
}

/** An OPCO-funded two-day training with every piece and agreeing hours. */
function cleanTraining(): SessionAuditFacts {
  return {
    sessionId: 's-1',
    kind: 'training',
    title: 'Gestes qui sauvent',
    from: '2027-03-01',
    to: '2027-03-02',
    status: 'ended',
    plannedHours: 14,
    funding: 'opco',
    participants: [
      {
        participantId: 'p-1',
        name: 'Léa Roux',
        convocationSent: true,
        positioningAnswered: true,
        backedHours: 14,
      },
      {
        participantId: 'p-2',
        name: 'Hugo Petit',
        convocationSent: true,
        positioningAnswered: true,
        backedHours: 10.5,
      },
    ],
    attendanceProof: 'signatures',
    certificates: [
      { participantId: 'p-1', hoursAttended: 14, documentId: 'certificate-p-1-1' },
      { participantId: 'p-2', hoursAttended: 10.5, documentId: 'certificate-p-2-1' },
    ],
    surveysSent: [
      { participantId: 'p-1', kind: 'hot' },
      { participantId: 'p-2', kind: 'hot' },
    ],
    emailsSent: 9,
    documents: [
      document('quote'),
      document('agreement'),
      document('programme'),
      document('attendanceSheet', { claims: { ...claims, hours: undefined } }),
      document('certificate', { participantId: 'p-1' }),
      document('certificate', { participantId: 'p-2', claims: { ...claims, hours: 10.5 } }),
    ],
  };
}

describe('audit consistency', () => {
  it('finds nothing in a training whose pieces are all there and whose hours agree', () => {
    expect(auditFindings(cleanTraining())).toEqual([]);
  });

  it('reports an agreement whose hours differ from the session, naming it and how to fix it', () => {
    const facts = cleanTraining();
    facts.documents = facts.documents.map((d) =>
      d.kind === 'agreement' ? { ...d, claims: { ...claims, hours: 7 } } : d,
    );
    const findings = auditFindings(facts);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'HOURS_MISMATCH',
      severity: 'mismatch',
      documentIds: ['agreement-session-1'],
    });
    expect(findings[0]?.problem.fr).toContain('7 h');
    expect(findings[0]?.problem.fr).toContain('14 h');
    expect(findings[0]?.fix.fr).toMatch(/Renvoyer la proposition/);
    expect(blockingFindings(findings)).toHaveLength(1);
  });

  it('reads only the latest version of a document: a re-issued agreement clears the finding', () => {
    const facts = cleanTraining();
    facts.documents.push(document('agreement', { version: 0, claims: { ...claims, hours: 7 } }));
    expect(auditFindings(facts)).toEqual([]);
  });

  it('reports a certificate claiming hours the proof does not back, with the fix to re-issue it', () => {
    const facts = cleanTraining();
    facts.certificates[1] = { participantId: 'p-2', hoursAttended: 14, documentId: 'certificate-p-2-1' };
    facts.documents = facts.documents.map((d) => (d.participantId === 'p-2' ? { ...d, claims } : d));
    const [finding] = auditFindings(facts);
    expect(finding).toMatchObject({
      code: 'CERTIFICATE_HOURS_UNBACKED',
      participantIds: ['p-2'],
      documentIds: ['certificate-p-2-1'],
    });
    expect(finding?.problem.fr).toBe(
      'Le certificat de Hugo Petit indique 14 h ; la preuve de présence en justifie 10,5 h.',
    );
    expect(finding?.fix.en).toMatch(/^Re-issue the certificate after/);
  });

  it('reports a certificate document whose text says other hours than the workflow recorded', () => {
    const facts = cleanTraining();
    facts.documents = facts.documents.map((d) =>
      d.participantId === 'p-1' ? { ...d, claims: { ...claims, hours: 12 } } : d,
    );
    expect(auditFindings(facts).map((f) => f.code)).toEqual(['CERTIFICATE_HOURS_UNBACKED']);
  });

  it('reports a flagged certificate (sheet judged non-compliant after it went out)', () => {
    const facts = cleanTraining();
    facts.certificates[0] = {
      ...(facts.certificates[0] as SessionAuditFacts['certificates'][number]),
      flag: 'non_compliant_sheet',
    };
    expect(auditFindings(facts).map((f) => f.code)).toEqual(['CERTIFICATE_HOURS_UNBACKED']);
  });

  it('reports invoice lines with other hours than the certificates, with a credit note as the fix', () => {
    const facts = cleanTraining();
    // 14 h + 10.5 h delivered to the two trainees: what an invoice bills, not the session's 14 h.
    facts.documents.push(document('clientInvoice', { claims: { hours: 24.5 } }));
    expect(auditFindings(facts)).toEqual([]);
    facts.documents.push(document('funderInvoice', { claims: { hours: 28 } }));
    const [finding] = auditFindings(facts);
    expect(finding?.code).toBe('HOURS_MISMATCH');
    expect(finding?.problem.fr).toMatch(/facture 28 h, les certificats en attestent 24,5 h\./);
    expect(finding?.fix.fr).toMatch(/avoir/);
  });

  it('does not count a flagged certificate among the hours an invoice may bill', () => {
    const facts = cleanTraining();
    facts.certificates[1] = {
      ...(facts.certificates[1] as SessionAuditFacts['certificates'][number]),
      flag: 'non_compliant_sheet',
    };
    facts.documents.push(document('clientInvoice', { claims: { hours: 14 } }));
    expect(auditFindings(facts).map((f) => f.code)).toEqual(['CERTIFICATE_HOURS_UNBACKED']);
  });

  it('reports other titles and dates in one finding each, listing the documents', () => {
    const facts = cleanTraining();
    facts.documents = facts.documents.map((d) =>
      d.kind === 'programme'
        ? { ...d, claims: { ...claims, title: 'Premiers secours', to: '2027-03-03' } }
        : d,
    );
    const findings = auditFindings(facts);
    expect(findings.map((f) => f.code)).toEqual(['TITLE_MISMATCH', 'DATES_MISMATCH']);
    expect(findings[0]?.documentIds).toEqual(['programme-session-1']);
    expect(findings[0]?.problem.fr).toContain('« Premiers secours »');
    expect(findings[1]?.problem.fr).toBe(
      'Dates différentes de celles de la session (01/03/2027 – 02/03/2027) : Le programme (v1) 01/03/2027 – 03/03/2027.',
    );
  });

  it('lists the pieces an auditor asks for when they are missing, with the fix', () => {
    const facts = cleanTraining();
    facts.documents = facts.documents.filter((d) => !['agreement', 'programme'].includes(d.kind));
    facts.participants[1] = {
      ...(facts.participants[1] as SessionAuditFacts['participants'][number]),
      convocationSent: false,
      positioningAnswered: false,
    };
    facts.attendanceProof = null;
    facts.certificates = facts.certificates.slice(0, 1);
    facts.surveysSent = [];
    facts.emailsSent = 0;
    const findings = auditFindings(facts);
    expect(findings.map((f) => f.code)).toEqual([
      'AGREEMENT_MISSING',
      'PROGRAMME_MISSING',
      'CONVOCATION_MISSING',
      'POSITIONING_MISSING',
      'ATTENDANCE_PROOF_MISSING',
      'CERTIFICATE_MISSING',
      'SURVEY_MISSING',
      'EMAILS_MISSING',
    ]);
    expect(findings.find((f) => f.code === 'ATTENDANCE_PROOF_MISSING')?.fix.fr).toMatch(
      /Téléverser la feuille d’émargement signée/,
    );
    expect(findings.find((f) => f.code === 'CONVOCATION_MISSING')?.participantIds).toEqual(['p-2']);
    // Missing pieces are listed for staff; they hold nothing back.
    expect(blockingFindings(findings)).toEqual([]);
  });

  it('asks no agreement of a CPF training, and neither agreement nor positioning of a workshop', () => {
    const cpf = { ...cleanTraining(), funding: 'cpf' as const };
    cpf.documents = cpf.documents.filter((d) => d.kind !== 'agreement');
    expect(auditFindings(cpf)).toEqual([]);
    const workshop: SessionAuditFacts = {
      ...cleanTraining(),
      kind: 'workshop',
      funding: null,
      participants: cleanTraining().participants.map((p) => ({ ...p, positioningAnswered: false })),
    };
    workshop.documents = workshop.documents.filter(
      (d) => !['quote', 'agreement', 'programme'].includes(d.kind),
    );
    expect(auditFindings(workshop)).toEqual([]);
  });

  it('before certificates go out, does not count certificates and surveys as missing', () => {
    const facts = { ...cleanTraining(), certificates: [], surveysSent: [] };
    expect(auditFindings(facts, 'beforeCertificates')).toEqual([]);
    expect(auditFindings(facts, 'final').map((f) => f.code)).toEqual([
      'CERTIFICATE_MISSING',
      'SURVEY_MISSING',
    ]);
  });

  it('asks a training for its end-of-training attestation once the service issues one', () => {
    const facts = { ...cleanTraining(), endOfTrainingKind: 'endOfTrainingAttestation' };
    const [finding] = auditFindings(facts);
    expect(finding).toMatchObject({ code: 'END_OF_TRAINING_MISSING', participantIds: ['p-1', 'p-2'] });
    facts.documents.push(
      document('endOfTrainingAttestation', { participantId: 'p-1' }),
      document('endOfTrainingAttestation', { participantId: 'p-2' }),
    );
    expect(auditFindings(facts)).toEqual([]);
  });

  it('has nothing to say of a cancelled session', () => {
    expect(auditFindings({ ...cleanTraining(), status: 'cancelled', documents: [] })).toEqual([]);
  });

  it('takes the claims from the data a document is built from', () => {
    const halfDays = [
      { date: '2027-03-02', period: 'morning' as const, startsAt: '', endsAt: '', content: '' },
      { date: '2027-03-01', period: 'morning' as const, startsAt: '', endsAt: '', content: '' },
    ];
    const proposal = {
      training: { title: 'Gestes qui sauvent', halfDays, hours: 7 },
    } as never;
    expect(claimsOfRequest({ kind: 'agreement', data: proposal })).toEqual({
      title: 'Gestes qui sauvent',
      from: '2027-03-01',
      to: '2027-03-02',
      hours: 7,
    });
  });

  it('lets only staff release held certificates, only when held, and only with a reason', () => {
    const staff = { subject: 'staff-1', role: 'staff' as const };
    expect(checkReleaseAuditHold(true, { subject: 'c-1', role: 'coordinator' }, 'Vu')?.code).toBe(
      'STAFF_ONLY',
    );
    expect(checkReleaseAuditHold(false, staff, 'Vu')?.code).toBe('NO_AUDIT_HOLD');
    expect(checkReleaseAuditHold(true, staff, '  ')?.code).toBe('REASON_REQUIRED');
    expect(checkReleaseAuditHold(true, staff, 'Heures confirmées')).toBeNull();
  });
});
