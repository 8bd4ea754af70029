/**
 * The yearly "bilan pédagogique et financier" (Code du travail L6352-11 and R6352-22 to -24): what
 * a training provider files each spring for the past year. Computed from the facts of the year's
 * delivered training sessions (reporting/bpf-facts.ts reads them from the read model), each figure
 * keeping the sessions behind it so that staff can check it before copying it into the form.
 *
 * Line numbers follow the Cerfa 10443 form (version 17) and its notice. What the service cannot
 * know (the provider's accounts, trainees' exact status, certifications aimed at, NSF
 * specialities) is listed in `notFilled` rather than guessed.
 */

import type { FacilitatorStatus, Sector } from '../workflows/messages/domain.ts';
import type { FundingKind, FundingStatus } from '../workflows/messages/funding.ts';

/** One delivered training session of the association's own (subcontracting) missions. */
export interface BpfSessionFacts {
  sessionId: string;
  missionId: string;
  missionTitle: string;
  title: string;
  endsAt: string;
  sector: Sector;
  /** The order line's price per session: what the client is billed when nothing else says. */
  unitPriceCents: number | null;
  /** The session's hours as planned (its half-days), what each facilitator delivered. */
  plannedHours: number;
  funding: {
    kind: FundingKind;
    clientType: 'company' | 'individual' | 'independent';
    status: FundingStatus | null;
    billing: { totalCents: number; fundedCents: number; clientCents: number } | null;
  } | null;
  /** Participants who attended, with the hours their certificate states. */
  trainees: { participantId: string; hours: number }[];
  /** Facilitators who accepted to take part. */
  facilitators: { facilitatorId: string; status: FacilitatorStatus }[];
  /** What the association paid its facilitators for this session (priced payout lines). */
  payoutsCents: number;
}

export type BpfUnit = 'cents' | 'persons' | 'hours';

export interface BpfFigure {
  /** The form's frame and line, e.g. `C-2-h`. */
  line: string;
  label: string;
  unit: BpfUnit;
  value: number;
  /** The sessions behind the figure, for checking it. */
  sessionIds: string[];
}

export interface BpfReport {
  year: number;
  /** Sessions counted: trainings delivered in the year for the association's own missions. */
  sessions: { sessionId: string; missionId: string; missionTitle: string; title: string; endsAt: string }[];
  figures: BpfFigure[];
  /** What the form asks that the service cannot know: `code` for front ends to word it, `reason` in English. */
  notFilled: { code: string; frame: string; reason: string }[];
}

/** Frame C: where the income comes from (in cents, rounded to euros on the form). */
export const INCOME_LINES = {
  'C-1': 'Entreprises pour la formation de leurs salariés',
  'C-2-e': 'Organismes gestionnaires des fonds de la formation : compte personnel de formation',
  'C-2-g':
    'Organismes gestionnaires des fonds de la formation : dispositifs pour les travailleurs non-salariés',
  'C-2-h':
    'Organismes gestionnaires des fonds de la formation : plan de développement des compétences ou autres dispositifs',
  'C-3': 'Pouvoirs publics pour la formation de leurs agents',
  'C-7': 'France Travail (ex-Pôle emploi)',
  'C-9': 'Contrats conclus avec des personnes à titre individuel et à leurs frais',
} as const;
export type IncomeLine = keyof typeof INCOME_LINES;

/** Frame F-1: the trainees' kind. */
export const TRAINEE_LINES = {
  'F-1-a': 'Salariés d’employeurs privés hors apprentis',
  'F-1-c': 'Personnes en recherche d’emploi',
  'F-1-d': 'Particuliers à leurs propres frais',
  'F-1-e': 'Autres stagiaires',
} as const;
export type TraineeLine = keyof typeof TRAINEE_LINES;

/** The funder's share goes to the funder's line: OPCO plan, CPF, non-salaried workers' funds, France Travail. */
const FUNDER_LINE: Record<Exclude<FundingKind, 'client'>, IncomeLine> = {
  opco: 'C-2-h',
  cpf: 'C-2-e',
  fifpl: 'C-2-g',
  agefice: 'C-2-g',
  france_travail: 'C-7',
};

/**
 * Who pays what the funder does not: a person for themselves (line 9), a public employer for its
 * agents (line 3, schools included), otherwise an employer for its employees (line 1).
 */
function clientLine(facts: BpfSessionFacts): IncomeLine {
  const type = facts.funding?.clientType;
  if (type === 'individual' || type === 'independent') return 'C-9';
  return facts.sector === 'public_sector' || facts.sector === 'education' ? 'C-3' : 'C-1';
}

/** A session's income split between the lines it belongs to. */
export function incomeShares(facts: BpfSessionFacts): { line: IncomeLine; cents: number }[] {
  const funding = facts.funding;
  const billing = funding?.billing;
  const total = billing?.totalCents ?? facts.unitPriceCents ?? 0;
  const funded =
    funding &&
    funding.kind !== 'client' &&
    billing &&
    (funding.status === 'funded' || funding.status === 'partially_funded')
      ? billing.fundedCents
      : 0;
  const shares: { line: IncomeLine; cents: number }[] = [];
  if (funded > 0 && funding && funding.kind !== 'client')
    shares.push({ line: FUNDER_LINE[funding.kind], cents: funded });
  if (total - funded > 0) shares.push({ line: clientLine(facts), cents: total - funded });
  return shares;
}

/**
 * A trainee's kind from how their training is funded, the only status the service records: France
 * Travail funds job seekers, a person paying alone is a private individual, an OPCO or a private
 * employer trains its employees; CPF holders and non-salaried workers' status is not known, nor
 * is a public employer's agents' (frame F-1 line e).
 */
export function traineeLine(facts: BpfSessionFacts): TraineeLine {
  const funding = facts.funding;
  if (funding?.kind === 'france_travail') return 'F-1-c';
  if (funding?.kind === 'client' && funding.clientType === 'individual') return 'F-1-d';
  if (funding && (funding.kind === 'cpf' || funding.kind === 'fifpl' || funding.kind === 'agefice'))
    return 'F-1-e';
  if (funding?.clientType === 'individual' || funding?.clientType === 'independent') return 'F-1-e';
  return facts.sector === 'company' || facts.sector === 'association' ? 'F-1-a' : 'F-1-e';
}

class Tally {
  readonly #figures = new Map<string, BpfFigure>();

  add(line: string, label: string, unit: BpfUnit, value: number, sessionId: string): void {
    const key = `${line}|${unit}`;
    const figure = this.#figures.get(key) ?? { line, label, unit, value: 0, sessionIds: [] };
    figure.value += value;
    if (!figure.sessionIds.includes(sessionId)) figure.sessionIds.push(sessionId);
    this.#figures.set(key, figure);
  }

  /** Every line of `labels`, zero when nothing counted, in the form's order. */
  lines(labels: Record<string, string>, unit: BpfUnit): BpfFigure[] {
    return Object.entries(labels).map(
      ([line, label]) =>
        this.#figures.get(`${line}|${unit}`) ?? { line, label, unit, value: 0, sessionIds: [] },
    );
  }
}

const roundHours = (hours: number) => Math.round(hours * 100) / 100;

export function bpfReport(year: number, sessions: BpfSessionFacts[]): BpfReport {
  const tally = new Tally();
  const trainers = new Map<string, Set<string>>();
  for (const facts of sessions) {
    for (const share of incomeShares(facts))
      tally.add(share.line, INCOME_LINES[share.line], 'cents', share.cents, facts.sessionId);
    tally.add(
      'D-2',
      'Achats de prestations de formation et honoraires de formation',
      'cents',
      facts.payoutsCents,
      facts.sessionId,
    );
    for (const facilitator of facts.facilitators) {
      tally.add(
        'E-2',
        'Personnes extérieures à l’organisme dispensant des heures de formation',
        'hours',
        facts.plannedHours,
        facts.sessionId,
      );
      const seen = trainers.get(facilitator.facilitatorId) ?? new Set<string>();
      seen.add(facts.sessionId);
      trainers.set(facilitator.facilitatorId, seen);
    }
    const line = traineeLine(facts);
    for (const trainee of facts.trainees) {
      tally.add(line, TRAINEE_LINES[line], 'persons', 1, facts.sessionId);
      tally.add(line, TRAINEE_LINES[line], 'hours', trainee.hours, facts.sessionId);
      tally.add('F-3-f', 'Autres formations professionnelles', 'persons', 1, facts.sessionId);
      tally.add('F-3-f', 'Autres formations professionnelles', 'hours', trainee.hours, facts.sessionId);
    }
  }
  const income = tally.lines(INCOME_LINES, 'cents');
  const trainees = tally.lines(TRAINEE_LINES, 'persons');
  const traineeHours = tally.lines(TRAINEE_LINES, 'hours');
  const total = (figures: BpfFigure[], line: string, label: string, unit: BpfUnit): BpfFigure => ({
    line,
    label,
    unit,
    value: figures.reduce((sum, figure) => sum + figure.value, 0),
    sessionIds: [...new Set(figures.flatMap((figure) => figure.sessionIds))],
  });
  const people = [...trainers.values()];
  const figures = [
    ...income,
    total(income, 'C-total', 'Total des produits réalisés au titre de la formation professionnelle', 'cents'),
    ...tally.lines({ 'D-2': 'Achats de prestations de formation et honoraires de formation' }, 'cents'),
    {
      line: 'E-2',
      label: 'Personnes extérieures à l’organisme dispensant des heures de formation',
      unit: 'persons' as const,
      value: trainers.size,
      sessionIds: [...new Set(people.flatMap((ids) => [...ids]))],
    },
    ...tally.lines(
      { 'E-2': 'Personnes extérieures à l’organisme dispensant des heures de formation' },
      'hours',
    ),
    ...trainees,
    total(trainees, 'F-1-total', 'Total des stagiaires', 'persons'),
    ...traineeHours,
    total(traineeHours, 'F-1-total', 'Total des heures-stagiaires', 'hours'),
    ...tally.lines({ 'F-3-f': 'Autres formations professionnelles' }, 'persons'),
    ...tally.lines({ 'F-3-f': 'Autres formations professionnelles' }, 'hours'),
  ].map((figure) => (figure.unit === 'hours' ? { ...figure, value: roundHours(figure.value) } : figure));
  return {
    year,
    sessions: sessions.map(({ sessionId, missionId, missionTitle, title, endsAt }) => ({
      sessionId,
      missionId,
      missionTitle,
      title,
      endsAt,
    })),
    figures,
    notFilled: NOT_FILLED,
  };
}

const NOT_FILLED: BpfReport['notFilled'] = [
  {
    code: 'IDENTIFICATION',
    frame: 'A, B',
    reason:
      'Identification of the provider and its legal representative: from the organisation’s settings, typed once on the form.',
  },
  {
    code: 'OTHER_INCOME',
    frame: 'C (lines 2-a to 2-d, 4 to 6, 8, 10, 11) and the share of turnover',
    reason:
      'Apprenticeship, professionalisation and transition contracts, public grants, other providers’ subcontracting and other income are not sold through this service; the turnover share needs the association’s accounts.',
  },
  {
    code: 'ACCOUNTS',
    frame: 'D (total charges, D-1 trainers’ salaries)',
    reason:
      'Only the payouts to facilitators are known here (D-2); salaries and other charges are in the accounts.',
  },
  {
    code: 'OWN_TRAINERS',
    frame: 'E-1',
    reason:
      'The association’s own employees who train are not recorded: every facilitator counts as external (E-2).',
  },
  {
    code: 'TRAINEE_STATUS',
    frame: 'F-1 lines b and e',
    reason:
      'Apprentices are not recorded; CPF holders, non-salaried workers and public agents are counted as other trainees (line e) since their status is not recorded.',
  },
  {
    code: 'SUBCONTRACTING',
    frame: 'F-2, G',
    reason:
      'The association delivers its own contracts: no training is subcontracted to it or by it through this service.',
  },
  {
    code: 'CERTIFICATIONS',
    frame: 'F-3 (lines a to e), F-4',
    reason:
      'The certification a training aims at (RNCP, RS, CQP) and its NSF speciality are not recorded yet: every trainee counts under other professional trainings (line f).',
  },
  {
    code: 'WORKSHOPS',
    frame: 'Workshops',
    reason:
      'Workshops are not counted: they are not training actions (L6313-1) unless the catalogue says so, which it cannot yet.',
  },
];
