/**
 * The training catalogue (issue #15, item 2): what the association sells, as funders and Qualiopi
 * auditors read it (indicator 1; Code du travail D6353-1 for what an agreement's programme
 * states). Workflows hold only an offer's reference ({@link OfferRef}); documents load the
 * version a session was planned with when they are built, so no history keeps an offer's texts
 * and a document says which version it was built from.
 */
import type { Question } from '../../config/question-sets.ts';
import type { SessionKind } from '../messages/domain.ts';

/** Which version of which offer a session delivers; fixed when the session is planned. */
export interface OfferRef {
  offerId: string;
  version: number;
}

/** One half-day of the programme as the catalogue describes it; the session gives it a date. */
export interface ProgrammeStep {
  title: string;
  content: string;
}

export interface TrainingOffer {
  offerId: string;
  version: number;
  /** YYYY-MM-DD: the programme's "version du" date auditors ask for. */
  versionDate: string;
  title: string;
  kind: SessionKind;
  /**
   * An "action de formation" (L6313-1, L6313-2) gets an agreement, a programme, a certificat de
   * réalisation and an attestation de fin de formation; anything else (a workshop, a talk) gets
   * an attestation de participation and none of the training paperwork.
   */
  trainingAction: boolean;
  /** Operational objectives, each something a learner can be assessed on. */
  objectives: string[];
  audience: string;
  prerequisites: string;
  durationHours: number;
  programme: ProgrammeStep[];
  teachingMethods: string;
  assessmentMethod: string;
  accessibility: string;
  /** "Délai d'accès": how long between a request and the start, e.g. "2 à 4 semaines". */
  accessTime: string;
  /** Trainers' qualifications, which a contrat de formation professionnelle must state (L6353-4). */
  trainerQualifications: string;
  /** Price of one session of this offer, without VAT. */
  priceCents: number;
  positioningQuestions: Question[];
  assessmentQuestions: Question[];
  /** The install's starter offers, shown to staff as not yet theirs (like the settings' version 1). */
  placeholder: boolean;
}

/** What staff write for a version: the server gives the id, the version number and its date. */
export type OfferContent = Omit<TrainingOffer, 'offerId' | 'version' | 'versionDate' | 'placeholder'>;
