/**
 * The closure checklist's lines, worded for each reader. The English is what every mission has
 * recorded in its checklist (`ChecklistItem.missing`) and compares a fresh checklist against to
 * know whether anything moved: changing a word would make running missions see a change.
 */
import type { AttendanceStatus, Language } from '../messages/domain.ts';
import type { ChecklistGap, GapSession, PayoutHoldReason } from '../messages/payouts.ts';
import { frenchDate } from './calendar.ts';
import { describeHoldCounts } from './payouts.ts';

const label = (session: GapSession) => `« ${session.title} » (${frenchDate(session.date)})`;

function english(gap: ChecklistGap): string {
  switch (gap.gap) {
    case 'sessions_unplanned':
      return `${gap.count} ordered session(s) not planned`;
    case 'no_session':
      return 'no session has taken place';
    case 'session_not_ended':
      return `${label(gap.session)} has not ended`;
    case 'session_report_missing':
      return `${label(gap.session)}: its report has not arrived yet`;
    case 'sheet_waived':
      return `${label(gap.session)}: sheet not compliant, waived for payouts`;
    case 'attendance_unproven':
      return `${label(gap.session)}: attendance ${gap.attendance ?? 'unknown'}`;
    case 'certificates_missing':
      return `${label(gap.session)}: certificates not all sent`;
    case 'usage_rights_undeclared':
      return `${gap.facilitatorName} has not declared their usage rights`;
    case 'payouts_not_requested':
      return `${gap.count} payout(s) not requested${gap.holds.length > 0 ? ` (${describeHoldCounts(gap.holds)})` : ''}`;
  }
}

const FRENCH_ATTENDANCE: Record<AttendanceStatus, string> = {
  pending: 'émargement pas encore enregistré',
  recorded: 'présences enregistrées, feuille signée attendue',
  sheet_uploaded: 'feuille signée déposée, en attente de vérification',
  compliant: 'feuille conforme',
  non_compliant: 'feuille non conforme',
  signed: 'émargé numériquement',
};

/** Singular and plural, after the number of payouts they keep back. */
const FRENCH_HOLDS: Record<PayoutHoldReason, [string, string]> = {
  SESSION_NOT_ENDED: ['attend la fin de sa session', 'attendent la fin de leur session'],
  ATTENDANCE_NOT_RECORDED: [
    'attend que les présences soient enregistrées',
    'attendent que les présences soient enregistrées',
  ],
  SHEET_NOT_CONFIRMED: [
    'attend que la feuille signée soit vérifiée',
    'attendent que la feuille signée soit vérifiée',
  ],
  SHEET_NON_COMPLIANT: [
    'a une feuille non conforme (l’équipe peut accorder une dérogation)',
    'ont une feuille non conforme (l’équipe peut accorder une dérogation)',
  ],
  AUDIT_MISMATCH: [
    'attend que les documents de sa session concordent (l’équipe est prévenue)',
    'attendent que les documents de leur session concordent (l’équipe est prévenue)',
  ],
};

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function french(gap: ChecklistGap): string {
  switch (gap.gap) {
    case 'sessions_unplanned':
      return plural(
        gap.count,
        'session commandée n’est pas planifiée',
        'sessions commandées ne sont pas planifiées',
      );
    case 'no_session':
      return 'aucune session n’a eu lieu';
    case 'session_not_ended':
      return `${label(gap.session)} n’est pas terminée`;
    case 'session_report_missing':
      return `${label(gap.session)} : le bilan de la session n’est pas encore arrivé`;
    case 'sheet_waived':
      return `${label(gap.session)} : feuille non conforme, dérogation accordée pour les rétributions`;
    case 'attendance_unproven':
      return `${label(gap.session)} : ${gap.attendance ? FRENCH_ATTENDANCE[gap.attendance] : 'émargement inconnu'}`;
    case 'certificates_missing':
      return `${label(gap.session)} : les attestations ne sont pas toutes envoyées`;
    case 'usage_rights_undeclared':
      return `${gap.facilitatorName} n’a pas déclaré ses droits d’utilisation`;
    case 'payouts_not_requested': {
      const holds = gap.holds
        .map(({ reason, count }) => `${count} ${FRENCH_HOLDS[reason][count === 1 ? 0 : 1]}`)
        .join(' ; ');
      return `${plural(gap.count, 'rétribution n’est pas demandée', 'rétributions ne sont pas demandées')}${holds ? ` (${holds})` : ''}`;
    }
  }
}

export const describeGap = (gap: ChecklistGap, language: Language): string =>
  language === 'fr' ? french(gap) : english(gap);
