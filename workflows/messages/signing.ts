/**
 * Digital attendance signing ("émargement numérique"): each participant signs each half-day on a
 * phone (or in turn on the facilitator's device), the facilitator countersigns each half-day.
 * The images stay in Postgres (`attendance_signatures`); the workflow keeps who signed what, when.
 */
import type { Duration } from '../policy.ts';

export type SigningDevice = 'participant' | 'facilitator';

export interface HalfDaySignature {
  halfDayIndex: number;
  participantId: string;
  /** The stored image's id (attendance_signatures.id). */
  signatureId: string;
  signedAt: string;
  device: SigningDevice;
}

export interface Countersignature {
  halfDayIndex: number;
  facilitatorId: string;
  facilitatorName: string;
  signatureId: string;
  signedAt: string;
}

export interface Signing {
  /** How long after a half-day's end its participants may still sign (policy, e.g. '30 minutes'). */
  graceAfterHalfDay: Duration;
  signatures: HalfDaySignature[];
  countersignatures: Countersignature[];
}

export interface SignHalfDayCommand {
  participantId: string;
  halfDayIndex: number;
  signatureId: string;
  /** When the person signed, by the API's clock; the workflow decides on its own time. */
  signedAt: string;
  device: SigningDevice;
}

export interface CountersignCommand {
  halfDayIndex: number;
  facilitatorId: string;
  facilitatorName: string;
  signatureId: string;
  signedAt: string;
}
