/**
 * The nouns several workflows' messages share. This module imports no other message module, so
 * the feature modules (mission, staffing, participants, payouts...) can all use it without
 * importing one another in a circle.
 */
export const SECTORS = ['company', 'association', 'public_sector', 'education'] as const;
export type Sector = (typeof SECTORS)[number];

export const SESSION_KINDS = ['workshop', 'training'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['planned', 'running', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Which version of which catalogue offer (workflows/rules/catalogue.ts) a session delivers, fixed
 * when the session is planned: workflows keep the reference, never the offer's texts.
 */
export interface OfferRef {
  offerId: string;
  version: number;
}

/** Someone the mission writes to: the id is theirs in the association's directory. */
export interface Contact {
  id: string;
  name: string;
  email: string;
}

export type SessionLocation = { mode: 'onsite'; address: string } | { mode: 'online'; url: string };

/** What the coordinator says when planning a session; times are ISO instants (UTC). */
export interface SessionPlan {
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  location: SessionLocation;
  language: Language;
  /** Time zone the session's times are shown in. */
  timeZone: string;
  capacity: number;
  /** How many facilitators join besides the lead ("il y aura d'autres animateur·ices"). */
  otherFacilitators: number;
  /**
   * The catalogue version the session delivers, which the API resolves from the offer the
   * coordinator or the order line names. Absent: none, and documents describe the session by the
   * install's starter offer of its kind (so do sessions planned before the catalogue).
   */
  offer?: OfferRef;
}

export interface Session extends SessionPlan {
  sessionId: string;
  status: SessionStatus;
  cancellationReason: string | null;
}

/** A half-day of a session as the attendance sheet shows it: times and what was done. */
export interface HalfDay {
  /** YYYY-MM-DD in the session's time zone. */
  date: string;
  period: 'morning' | 'afternoon';
  startsAt: string;
  endsAt: string;
  content: string;
}

export const FACILITATOR_STATUSES = ['paid', 'internal', 'volunteer'] as const;
export type FacilitatorStatus = (typeof FACILITATOR_STATUSES)[number];

export const ATTENDANCE_STATUSES = [
  'pending',
  'recorded',
  'sheet_uploaded',
  'compliant',
  'non_compliant',
  'signed',
] as const;
/**
 * `recorded` → `sheet_uploaded` → `compliant` / `non_compliant` is the paper path. `signed` is the
 * digital path's final state: every half-day someone signed is countersigned after the session
 * ended, and presence is derived from the signatures (it stays `pending` until then).
 */
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
