import { describe, expect, it } from 'vitest';
import {
  checkCompliance,
  checkComplianceDates,
  complianceIssues,
  type FacilitatorCompliance,
} from '../../../workflows/rules/compliance.ts';

const compliant: FacilitatorCompliance = {
  trainingProviderNumber: '11755555575',
  complianceCheckedOn: '2026-01-15',
  compliantUntil: '2026-12-31',
};

describe('facilitator compliance', () => {
  it('accepts a registered facilitator whose check is valid on the date', () => {
    expect(checkCompliance(compliant, '2026-06-01')).toBeNull();
  });

  it('accepts a facilitator on the last day their check is valid', () => {
    expect(checkCompliance(compliant, '2026-12-31')).toBeNull();
  });

  it('refuses a facilitator without a training-provider number', () => {
    for (const trainingProviderNumber of [null, '', '   ']) {
      expect(checkCompliance({ ...compliant, trainingProviderNumber }, '2026-06-01')).toEqual({
        code: 'FACILITATOR_NOT_COMPLIANT',
        kind: 'conflict',
        message: expect.stringContaining('No training-provider registration number'),
      });
    }
  });

  it('refuses a training-provider number that is not 11 digits', () => {
    const violation = checkCompliance({ ...compliant, trainingProviderNumber: '1175555557' }, '2026-06-01');
    expect(violation?.code).toBe('FACILITATOR_NOT_COMPLIANT');
    expect(violation?.message).toContain('11 digits');
  });

  it('refuses a facilitator whose compliance was never checked', () => {
    const violation = checkCompliance(
      { ...compliant, complianceCheckedOn: null, compliantUntil: null },
      '2026-06-01',
    );
    expect(violation?.code).toBe('FACILITATOR_NOT_COMPLIANT');
    expect(violation?.message).toContain('never been checked');
  });

  it('says on which day a past compliance lapsed, the French way', () => {
    const violation = checkCompliance(compliant, '2027-02-01');
    expect(violation).toMatchObject({ code: 'FACILITATOR_NOT_COMPLIANT', kind: 'conflict' });
    expect(violation?.message).toContain('lapsed on 01/01/2027');
    expect(violation?.message).toContain('valid until 31/12/2026');
  });

  it('refuses a compliance still valid today that lapses before the session', () => {
    const violation = checkCompliance(compliant, '2027-01-10', '2026-11-23');
    expect(violation?.code).toBe('FACILITATOR_NOT_COMPLIANT');
    expect(violation?.message).toContain('lapses on 01/01/2027');
    expect(violation?.message).toContain("before the session's date (10/01/2027)");
  });

  it('says it lapsed, not that it will, when it lapsed before today too', () => {
    expect(checkCompliance(compliant, '2027-03-01', '2027-02-01')?.message).toContain('lapsed on 01/01/2027');
  });
});

describe('compliance check dates', () => {
  const today = '2026-11-23';

  it('accepts a dated check with its validity, or neither', () => {
    expect(checkComplianceDates(compliant, today)).toBeNull();
    expect(checkComplianceDates({ complianceCheckedOn: null, compliantUntil: null }, today)).toBeNull();
  });

  it('refuses a check without its validity date, and a validity without its check', () => {
    expect(
      checkComplianceDates({ complianceCheckedOn: '2026-11-01', compliantUntil: null }, today),
    ).toMatchObject({ code: 'COMPLIANCE_DATES_INCOMPLETE', kind: 'invalid' });
    expect(
      checkComplianceDates({ complianceCheckedOn: null, compliantUntil: '2027-11-01' }, today)?.code,
    ).toBe('COMPLIANCE_DATES_INCOMPLETE');
  });

  it('refuses a check dated in the future', () => {
    expect(
      checkComplianceDates({ complianceCheckedOn: '2026-11-24', compliantUntil: '2027-11-24' }, today)?.code,
    ).toBe('COMPLIANCE_CHECK_IN_FUTURE');
  });

  it('refuses a check that lapses before it was made', () => {
    expect(
      checkComplianceDates({ complianceCheckedOn: '2026-11-01', compliantUntil: '2026-10-31' }, today)?.code,
    ).toBe('COMPLIANCE_DATES_REVERSED');
  });
});

describe('complianceIssues', () => {
  const facts = {
    trainingProviderNumber: '11755555575',
    complianceCheckedOn: '2027-01-01',
    compliantUntil: '2027-03-31',
  };
  const people = [
    { id: 'lea', name: 'Léa' },
    { id: 'tom', name: 'Tom' },
    { id: 'gone', name: 'Ana' },
  ];

  it('names whoever no longer qualifies on the session day, and whoever left the directory', () => {
    const issues = complianceIssues(
      people,
      { lea: facts, tom: { ...facts, compliantUntil: '2027-03-10' }, gone: null },
      '2027-03-15',
      '2027-03-12',
    );
    expect(issues.map((issue) => issue.facilitatorId)).toEqual(['tom', 'gone']);
    expect(issues[0]?.reason).toContain('lapsed on 11/03/2027');
    expect(issues[1]?.reason).toBe('This facilitator is no longer in the directory.');
  });
});
