/**
 * One realistic example of every e-mail template's data (the type makes a missing template a
 * compile error), for tests that render them all and for people reviewing how they read
 * (`npm run emails:render`, which is why they live beside the templates and not under test/).
 */
import type { EmailTemplateData } from '../../workflows/messages/email.ts';

const mission = {
  missionId: '5b1c2f0e-8f4e-4a53-9d0e-2f6f8c9b1a11',
  missionTitle: 'Ateliers numérique responsable',
  clientName: 'Acme SA',
  coordinatorName: 'Alex Durand',
  endDate: '2027-06-30',
};
const session = {
  missionId: mission.missionId,
  missionTitle: mission.missionTitle,
  clientName: mission.clientName,
  coordinatorName: mission.coordinatorName,
  sessionTitle: 'Sobriété numérique : les fondamentaux',
  startsAt: '2027-01-12T08:00:00Z',
  endsAt: '2027-01-13T16:00:00Z',
  timeZone: 'Europe/Paris',
  place: '12 rue de la République, 69002 Lyon',
};
const payout = {
  missionId: mission.missionId,
  missionTitle: mission.missionTitle,
  clientName: mission.clientName,
  providerName: 'Camille Roux',
  totalCents: 123_450,
};

export const EMAIL_SAMPLES: { [T in keyof EmailTemplateData]: EmailTemplateData[T] } = {
  missionAssigned: mission,
  planningReminder: { ...mission, unplanned: 2 },
  planningEscalation: { ...mission, unplanned: 2 },
  facilitatorInvitation: { ...session, facilitatorName: 'Camille Roux', expiresAt: '2026-12-07T13:17:00Z' },
  invitationReminder: { ...session, facilitatorName: 'Camille Roux', expiresAt: '2026-12-07T13:17:00Z' },
  invitationOutcome: {
    ...session,
    facilitatorName: 'Léa Moreau',
    outcome: 'approved_by_manager',
    automatic: false,
    managerNote: 'D’accord, sur le plan de formation.',
  },
  managerApprovalRequest: { ...session, facilitatorName: 'Léa Moreau' },
  managerApprovalReminder: { ...session, facilitatorName: 'Léa Moreau' },
  managerApprovalEscalation: {
    ...session,
    facilitatorName: 'Léa Moreau',
    managerEmail: 'manager@acme.example',
  },
  registrationConfirmation: session,
  convocation: {
    ...session,
    participantName: 'Inès Benali',
    positioningTest: true,
    details: {
      kind: 'training',
      offer: null,
      halfDays: [
        {
          date: '2027-01-12',
          period: 'morning',
          startsAt: '2027-01-12T08:00:00Z',
          endsAt: '2027-01-12T11:30:00Z',
        },
        {
          date: '2027-01-12',
          period: 'afternoon',
          startsAt: '2027-01-12T12:30:00Z',
          endsAt: '2027-01-12T16:00:00Z',
        },
        {
          date: '2027-01-13',
          period: 'morning',
          startsAt: '2027-01-13T08:00:00Z',
          endsAt: '2027-01-13T11:30:00Z',
        },
        {
          date: '2027-01-13',
          period: 'afternoon',
          startsAt: '2027-01-13T12:30:00Z',
          endsAt: '2027-01-13T16:00:00Z',
        },
      ],
      mode: 'onsite',
      signing: 'digital',
      trainers: ['Camille Roux', 'Léa Moreau'],
      contact: { name: mission.coordinatorName, email: 'alex.durand@example.org' },
    },
  },
  internalRulesMissing: session,
  attendanceReminder: { ...session, recipientName: 'Camille Roux' },
  attendanceEscalation: session,
  sessionMessage: {
    ...session,
    recipientName: 'Inès Benali',
    subject: 'Salle changée pour demain',
    body: 'Bonjour à toutes et à tous,\n\nNous serons en salle 4 <au 2e étage> & non en salle 2.\nÀ demain !',
  },
  certificate: { ...session, participantName: 'Inès Benali', hoursAttended: 10.5 },
  certificatesUnbacked: {
    ...session,
    reason: 'Demi-journée du 13/01 sans signature du formateur',
    certificates: [
      { participantName: 'Inès Benali', hoursAttended: 10.5 },
      { participantName: 'Hugo Petit', hoursAttended: 14 },
    ],
  },
  auditMismatch: {
    ...session,
    findings: [
      {
        code: 'HOURS_MISMATCH',
        problem: {
          fr: 'La convention (v1) indique 7 h, la session en compte 14 h.',
          en: 'The agreement (v1) states 7 h, the session has 14 h.',
        },
        fix: {
          fr: 'Renvoyer la proposition pour rééditer la convention et le programme avec les heures de la session.',
          en: 'Send the proposal again to re-issue the agreement and programme with the session’s hours.',
        },
      },
    ],
  },
  assessmentInvitation: { ...session, participantName: 'Inès Benali', answerBy: '2027-01-27T08:00:00.000Z' },
  endOfTrainingAttestation: {
    ...session,
    participantName: 'Inès Benali',
    hoursAttended: 10.5,
    assessed: true,
  },
  surveyInvitation: { ...session, participantName: 'Inès Benali', kind: 'hot' },
  surveyReminder: { ...session, participantName: 'Inès Benali', kind: 'cold' },
  sessionCancelledParticipant: { ...session, participantName: 'Inès Benali', reason: 'Client indisponible' },
  sessionCancelledFacilitator: { ...session, facilitatorName: 'Camille Roux', reason: 'Client indisponible' },
  complianceLapsed: {
    ...session,
    facilitatorName: 'Camille Roux',
    reason: "This facilitator's compliance has never been checked.",
  },
  attendanceSigningLink: { ...session, recipientName: 'Camille Roux', halfDays: 4 },
  countersignatureReminder: {
    ...session,
    recipientName: 'Camille Roux',
    halfDays: [
      { date: '2027-01-12', period: 'afternoon' },
      { date: '2027-01-13', period: 'morning' },
    ],
  },
  fundingProposal: {
    ...session,
    contactName: 'Paul Martin',
    funder: 'opco',
    totalCents: 250_000,
    proposalNumber: 'P-1',
    buyer: 'company',
  },
  fundingReminder: { ...session, contactName: 'Paul Martin', daysBefore: 14 },
  fundingEscalation: { ...session, contactEmail: 'paul@acme.example', daysBefore: 7 },
  fundingNotice: { ...session, contactEmail: 'paul@acme.example', totalCents: 250_000 },
  fundingDecided: { ...session, outcome: 'partial', fundedCents: 150_000, clientCents: 100_000 },
  selfBillingInvoiceIssued: { ...payout, invoiceNumber: 'AF-2027-00001' },
  selfBillingInvoiceToBilling: { ...payout, invoiceNumber: 'AF-2027-00001', providerId: 'camille' },
  supplierInvoiceRequest: { ...payout, reminder: 1 },
  supplierInvoiceOverdue: {
    ...payout,
    providerEmail: 'camille@example.org',
    requestedAt: '2027-01-20T09:00:00Z',
    days: 30,
  },
  supplierInvoiceReceived: { ...payout, providerId: 'camille' },
  closureReminder: {
    ...mission,
    missing: ['2 payout(s) not requested (1 waits for the signed sheet to be confirmed compliant)'],
    gaps: [
      { gap: 'payouts_not_requested', count: 2, holds: [{ reason: 'SHEET_NOT_CONFIRMED', count: 1 }] },
      { gap: 'certificates_missing', session: { title: 'Fresque du climat', date: '2027-03-09' } },
    ],
  },
  usageRightsRequest: { ...mission, facilitatorName: 'Camille Roux' },
  clientInvoiceable: {
    ...mission,
    sessions: [
      {
        title: session.sessionTitle,
        date: '2027-01-12',
        priceCents: 250_000,
        fundedCents: 150_000,
        clientCents: 100_000,
        funder: 'opco',
      },
    ],
    fundedCents: 150_000,
    clientCents: 100_000,
    delivered: 1,
    ordered: 1,
    invoices: {
      issued: [
        { title: session.sessionTitle, payer: 'funder', invoiceNumber: 'F-2027-0041', grossCents: 150_000 },
        { title: session.sessionTitle, payer: 'client', invoiceNumber: 'F-2027-0042', grossCents: 100_000 },
      ],
      notIssued: [
        {
          title: 'Atelier fresque du climat',
          payer: 'client',
          reason:
            "l'adresse de facturation de Collège Jean Moulin n'est pas connue : saisissez-la dans la console (réglages du client, « Adresse de facturation »)",
        },
      ],
      notInvoiced: [],
    },
  },
  missionClosed: { ...mission, automatic: true, coordinatorPayout: true },
};

/**
 * Other cases of a template worth reviewing beside its sample, rendered by `npm run
 * emails:render` under their own name: a one-day remote convocation (the video link, what to
 * have, signing online) reads differently from the two-day onsite one.
 */
export const EMAIL_VARIANTS: {
  [name: string]: { template: 'convocation'; data: EmailTemplateData['convocation'] };
} = {
  'convocation-remote': {
    template: 'convocation',
    data: {
      ...EMAIL_SAMPLES.convocation,
      startsAt: '2027-01-12T13:00:00Z',
      endsAt: '2027-01-12T16:00:00Z',
      place: 'https://visio.example.org/rejoindre/sobriete-numerique-12-janvier',
      positioningTest: false,
      details: {
        kind: 'workshop',
        offer: null,
        halfDays: [
          {
            date: '2027-01-12',
            period: 'afternoon',
            startsAt: '2027-01-12T13:00:00Z',
            endsAt: '2027-01-12T16:00:00Z',
          },
        ],
        mode: 'online',
        signing: 'digital',
        trainers: ['Camille Roux'],
        contact: { name: mission.coordinatorName, email: 'alex.durand@example.org' },
      },
    },
  },
};
