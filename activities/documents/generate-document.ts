import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DatabasePool } from '../../db/pool.ts';
import { signatureImages } from '../../db/queries/attendance-signatures.ts';
import { recordDocumentClaims } from '../../db/queries/audit-facts.ts';
import { findAssessment } from '../../db/queries/end-of-training-assessments.ts';
import type {
  AttendanceSheetData,
  DocumentRequest,
  StoredDocument,
} from '../../workflows/messages/documents.ts';
import { claimsOfRequest } from '../../workflows/rules/audit-consistency.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { certificateNature } from '../../workflows/rules/certificates.ts';
import { PROPOSAL_DOCUMENTS } from '../../workflows/rules/contract.ts';
import { buildAttendanceSheet } from './attendance-sheet.ts';
import { buildProposalDocument, type ProposalDocumentKind } from './build-proposal.ts';
import { buildCertificate } from './certificate.ts';
import { buildEndOfTrainingAttestation, type SelfAssessment } from './end-of-training-attestation.ts';
import { loadOffer } from './offer.ts';
import { loadOrganisation, type Organisation } from './organisation.ts';
import { DOCX_CONTENT_TYPE } from './pack.ts';
import { type BuiltDocument, type DocumentKey, storeDocument } from './store.ts';

/**
 * Builds the document a workflow asks for and stores it under its key. Building is pure, so a
 * document that fails to build fails the same way on every retry: that failure is final.
 */
export function generateDocumentActivity(pool: DatabasePool) {
  return async function generateDocument(request: DocumentRequest): Promise<StoredDocument> {
    // The settings in force now: a document already issued keeps the version it recorded.
    const organisation = await loadOrganisation(pool);
    // Reading the signatures' images is I/O that may fail and succeed on retry; building cannot.
    const images =
      request.kind === 'attendanceSheet' && request.data.signing
        ? await signatureImages(pool, request.data.sessionId)
        : new Map<string, Buffer>();
    if (request.kind === 'attendanceSheet') awaitUncommittedImages(request.data, images);
    const attestation =
      request.kind === 'endOfTrainingAttestation'
        ? {
            offer: await loadOffer(pool, request.data.offer, request.data.sessionKind),
            // Read when built, not carried by the workflow: the answers stay out of its history.
            assessment: await findAssessment(pool, request.data.sessionId, request.data.participantId),
          }
        : null;
    // The catalogue version the session was planned with: the proposal's texts and its contract.
    const offer = isProposal(request) ? await loadOffer(pool, request.data.offer, 'training') : null;
    let built: BuiltDocument;
    try {
      built = await build(request, organisation, images, attestation, offer);
    } catch (error) {
      throw ApplicationFailure.create({
        type: 'DOCUMENT_DATA_INVALID',
        message: `cannot build the ${request.kind}: ${error instanceof Error ? error.message : String(error)}`,
        nonRetryable: true,
        cause: error instanceof Error ? error : undefined,
      });
    }
    const stored = await storeDocument(pool, keyOf(request), {
      ...built,
      organisationSettingsVersion: organisation.settingsVersion,
    });
    // What it states, so the audit compares documents without reading them (issue #19).
    const claims = claimsOfRequest(request);
    if (claims) await recordDocumentClaims(pool, stored.documentId, claims);
    return stored;
  };
}

/** Attempts of the sheet that wait for images still being committed, about 15 s with the default backoff. */
const IMAGE_WAIT_ATTEMPTS = 5;

/**
 * The API commits a signature's image in the transaction that asks the workflow, so the sheet can
 * be asked for a moment before the image is visible: a few retries wait for it. Past them the
 * sheet is built anyway and says which image is missing, rather than holding the session back.
 */
function awaitUncommittedImages(data: AttendanceSheetData, images: ReadonlyMap<string, Buffer>): void {
  const signatures = [...(data.signing?.signatures ?? []), ...(data.signing?.countersignatures ?? [])];
  const missing = signatures.filter((signature) => !images.has(signature.signatureId));
  if (missing.length > 0 && Context.current().info.attempt < IMAGE_WAIT_ATTEMPTS)
    throw ApplicationFailure.retryable(
      `${missing.length} signature image(s) not stored yet`,
      'SIGNATURE_IMAGE_PENDING',
    );
}

async function build(
  request: DocumentRequest,
  organisation: Organisation,
  images: ReadonlyMap<string, Buffer>,
  attestation: { offer: TrainingOffer; assessment: SelfAssessment | null } | null,
  offer: TrainingOffer | null,
): Promise<BuiltDocument> {
  switch (request.kind) {
    case 'attendanceSheet': {
      const { data } = request;
      const firstDay = data.halfDays.map((halfDay) => halfDay.date).sort()[0];
      return {
        kind: request.kind,
        filename: filename(['feuille-emargement', data.sessionTitle, firstDay]),
        contentType: DOCX_CONTENT_TYPE,
        bytes: await buildAttendanceSheet(data, organisation, images),
      };
    }
    case 'certificate': {
      const { data } = request;
      return {
        kind: request.kind,
        filename: filename([
          certificateNature(data.sessionKind ?? 'training') === 'certificate_of_completion'
            ? 'certificat-realisation'
            : 'attestation-participation',
          data.participant.lastName,
          data.participant.firstName,
        ]),
        contentType: DOCX_CONTENT_TYPE,
        bytes: await buildCertificate(data, organisation),
      };
    }
    case 'endOfTrainingAttestation': {
      const { data } = request;
      if (!attestation) throw new TypeError('an attestation is built with its offer and assessment');
      return {
        kind: request.kind,
        filename: filename([
          'attestation-fin-formation',
          data.participant.lastName,
          data.participant.firstName,
        ]),
        contentType: DOCX_CONTENT_TYPE,
        bytes: await buildEndOfTrainingAttestation(
          data,
          organisation,
          attestation.offer,
          attestation.assessment,
        ),
        // The version whose objectives it states, as the programme the trainee was given did.
        catalogueOffer: { offerId: attestation.offer.offerId, version: attestation.offer.version },
      };
    }
    case 'quote':
    case 'agreement':
    case 'trainingContract':
    case 'programme': {
      if (!offer) throw new TypeError('a proposal document is built with its offer');
      const { filename, bytes } = await buildProposalDocument(
        request.kind,
        request.data,
        organisation,
        offer,
      );
      return {
        kind: request.kind,
        filename,
        contentType: DOCX_CONTENT_TYPE,
        bytes,
        // The version whose texts it states, so a later catalogue change leaves it as it was.
        catalogueOffer: { offerId: offer.offerId, version: offer.version },
      };
    }
  }
}

type ProposalRequest = Extract<DocumentRequest, { kind: ProposalDocumentKind }>;

function isProposal(request: DocumentRequest): request is ProposalRequest {
  return (PROPOSAL_DOCUMENTS as readonly string[]).includes(request.kind);
}

function keyOf(request: DocumentRequest): DocumentKey {
  return request.kind === 'certificate' || request.kind === 'endOfTrainingAttestation'
    ? {
        missionId: request.data.missionId,
        sessionId: request.data.sessionId,
        participantId: request.data.participantId,
        kind: request.kind,
      }
    : {
        missionId: request.data.missionId,
        sessionId: request.data.sessionId,
        participantId: null,
        kind: request.kind,
      };
}

/**
 * "feuille-emargement-atelier-climat-2027-01-12.docx": ASCII only, since mail clients and
 * funders' portals still mangle accented file names. Parallel sessions share a title and a date,
 * so the first day only makes names easier to tell apart, not unique.
 */
function filename(parts: (string | undefined)[]): string {
  const slug = parts
    .map((part) =>
      (part ?? '')
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
        .replace(/-+$/, ''),
    )
    .filter((part) => part.length > 0)
    .join('-');
  return `${slug}.docx`;
}
