import { describe, expect, it } from 'vitest';
import type { ChecklistGap } from '../../../workflows/messages/payouts.ts';
import { describeGap } from '../../../workflows/rules/closure-gaps.ts';

const session = { title: 'Fresque du climat', date: '2027-03-09' };

const held: ChecklistGap = {
  gap: 'payouts_not_requested',
  count: 3,
  holds: [
    { reason: 'SHEET_NOT_CONFIRMED', count: 2 },
    { reason: 'SESSION_NOT_ENDED', count: 1 },
  ],
};

/** Every kind of gap, with the English line missions have recorded for it since payouts came. */
const RECORDED: [ChecklistGap, string][] = [
  [{ gap: 'sessions_unplanned', count: 2 }, '2 ordered session(s) not planned'],
  [{ gap: 'no_session' }, 'no session has taken place'],
  [{ gap: 'session_not_ended', session }, '« Fresque du climat » (09/03/2027) has not ended'],
  [
    { gap: 'session_report_missing', session },
    '« Fresque du climat » (09/03/2027): its report has not arrived yet',
  ],
  [
    { gap: 'sheet_waived', session },
    '« Fresque du climat » (09/03/2027): sheet not compliant, waived for payouts',
  ],
  [
    { gap: 'attendance_unproven', session, attendance: 'sheet_uploaded' },
    '« Fresque du climat » (09/03/2027): attendance sheet_uploaded',
  ],
  [
    { gap: 'attendance_unproven', session, attendance: null },
    '« Fresque du climat » (09/03/2027): attendance unknown',
  ],
  [{ gap: 'certificates_missing', session }, '« Fresque du climat » (09/03/2027): certificates not all sent'],
  [
    { gap: 'usage_rights_undeclared', facilitatorName: 'Léa Martin' },
    'Léa Martin has not declared their usage rights',
  ],
  [{ gap: 'payouts_not_requested', count: 2, holds: [] }, '2 payout(s) not requested'],
  [
    held,
    '3 payout(s) not requested (2 wait for the signed sheet to be confirmed compliant; 1 waits for its session to end)',
  ],
];

describe('closure checklist wording', () => {
  it('keeps the English lines missions recorded, word for word', () => {
    for (const [gap, line] of RECORDED) expect(describeGap(gap, 'en')).toBe(line);
  });

  it('words every gap in French, with French dates and agreements', () => {
    for (const [gap, english] of RECORDED) {
      const french = describeGap(gap, 'fr');
      expect(french).not.toBe(english);
      expect(french).not.toMatch(/\b(payout|session\(s\)|has|not|waits?|attendance|sheet_uploaded)\b/);
    }
    expect(describeGap({ gap: 'session_not_ended', session }, 'fr')).toBe(
      '« Fresque du climat » (09/03/2027) n’est pas terminée',
    );
    expect(describeGap(held, 'fr')).toBe(
      '3 rétributions ne sont pas demandées (2 attendent que la feuille signée soit vérifiée ; 1 attend la fin de sa session)',
    );
    expect(describeGap({ gap: 'sessions_unplanned', count: 1 }, 'fr')).toBe(
      '1 session commandée n’est pas planifiée',
    );
  });
});
