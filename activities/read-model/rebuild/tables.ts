/**
 * Which tables the workflows can give back, and which they cannot. The rebuild rewrites only the
 * derived ones; every other table is Postgres' own record and is never touched.
 */

export interface DerivedTable {
  name: string;
  /** The column that tells one of the mission's rows from another. */
  key: string;
  /** Whether the key alone names the row among every mission's (a primary key). */
  keyIsUnique: boolean;
  /** The column naming the mission the row belongs to. */
  mission: string;
  /** Columns no workflow query returns: never compared, and written as the rebuild can. */
  unknowable: string[];
  /**
   * JSON paths of state the workflow keeps without projecting it: never compared, and written
   * from the workflow when the row is rewritten.
   */
  lagging: string[][];
}

/**
 * Written only by the projections (activities/read-model/), from the mission's, its sessions'
 * and its payouts' state. Parents first: rows are inserted in this order, deleted in reverse.
 */
export const DERIVED_TABLES: readonly DerivedTable[] = [
  // A session's first facts, reported while it is still planned, change nothing anyone sees: the
  // mission keeps them without a new version or projection (MissionState.sessionFactsReported).
  {
    name: 'missions',
    key: 'id',
    keyIsUnique: true,
    mission: 'id',
    unknowable: [],
    lagging: [['settlement', 'sessionFacts']],
  },
  {
    name: 'order_lines',
    key: 'kind',
    keyIsUnique: false,
    mission: 'mission_id',
    unknowable: [],
    lagging: [],
  },
  { name: 'sessions', key: 'id', keyIsUnique: true, mission: 'mission_id', unknowable: [], lagging: [] },
  // The session's query returns its state without the projection counter.
  {
    name: 'session_staffing',
    key: 'session_id',
    keyIsUnique: true,
    mission: 'mission_id',
    unknowable: ['version'],
    lagging: [],
  },
  {
    name: 'session_invitations',
    key: 'invitation_id',
    keyIsUnique: true,
    mission: 'mission_id',
    unknowable: [],
    lagging: [],
  },
  {
    name: 'provider_payouts',
    key: 'payout_id',
    keyIsUnique: true,
    mission: 'mission_id',
    unknowable: [],
    lagging: [],
  },
];

/**
 * Postgres is their system of record (DESIGN.md §3): the directory, documents, e-mail log, audit
 * trail, answers, signatures, links, rates, invoice numbers, and the bookkeeping of the service.
 */
export const KEPT_TABLES: readonly string[] = [
  'attendance_signatures',
  'attendance_signing_codes',
  'audit_events',
  'billing_parties',
  'catalogue_offer_versions',
  'catalogue_offers',
  'client_invoices',
  'client_settings',
  'client_settings_changes',
  'convocation_calendars',
  'document_claims',
  'document_pdfs',
  'documents',
  'einvoice_documents',
  'email_log',
  'end_of_training_assessments',
  'facilitators',
  'idempotency_keys',
  'invoice_series',
  'organisation_files',
  'organisation_settings',
  'payout_rates',
  'positioning_test_answers',
  'read_model_rebuild_missions',
  'read_model_rebuild_runs',
  'registration_links',
  'registration_requests',
  'schema_migrations',
  'self_billing_invoices',
  'stuck_activities',
  'survey_answers',
  'used_link_tokens',
];
