/**
 * What a convocation carries besides its text (Code du travail L6353-8, R6352-1): the session's
 * programme as a sealed PDF, the organisation's internal rules as staff uploaded them, and a
 * calendar file with every day; and the catalogue version its text quotes the objectives of.
 * Read and built when the e-mail is sent, never by the workflow.
 */
import type { DatabasePool } from '../../db/pool.ts';
import { recordCalendar } from '../../db/queries/convocation-calendars.ts';
import type { OrganisationSettingsVersion } from '../../db/queries/organisation-settings.ts';
import type { EmailRequest } from '../../workflows/messages/email.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { convocationDetails, sessionDays } from '../../workflows/rules/convocation.ts';
import { loadOffer } from '../documents/offer.ts';
import { type PdfRendering, sealedPdfOf } from '../documents/pdf/sealed-pdf.ts';
import { findDocument, latestDocument } from '../documents/store.ts';
import {
  CALENDAR_CONTENT_TYPE,
  CALENDAR_FILENAME,
  CANCELLATION_FILENAME,
  convocationCalendar,
} from './convocation-calendar.ts';
import { internalRulesAttachment } from './internal-rules.ts';
import type { RenderedEmail } from './sender.ts';
import type { AttachedFile } from './templates/send-context.ts';

type Attachment = NonNullable<RenderedEmail['attachments']>[number];
type ConvocationRequest = Extract<EmailRequest, { template: 'convocation' }>;

export interface ConvocationFiles {
  files: Attachment[];
  attached: Set<AttachedFile>;
  offer: TrainingOffer | undefined;
}

export async function convocationAttachments(
  deps: { pool: DatabasePool; pdf: PdfRendering },
  request: ConvocationRequest,
  organisation: OrganisationSettingsVersion,
): Promise<ConvocationFiles> {
  const found: [AttachedFile, Attachment | null][] = [
    ['programme', await programmeAttachment(deps, request)],
    ['internalRules', await internalRulesAttachment(deps.pool, organisation)],
    ['calendar', await calendarAttachment(deps.pool, request)],
  ];
  const present = found.filter((entry): entry is [AttachedFile, Attachment] => entry[1] !== null);
  const { kind, offer } = convocationDetails(request.data);
  return {
    files: present.map(([, file]) => file),
    attached: new Set(present.map(([kind]) => kind)),
    offer: await loadOffer(deps.pool, offer, kind),
  };
}

/**
 * The session's programme, the very document its proposal sent the client (the one the
 * agreement annexes), as the sealed PDF every document a person receives is. A session without a
 * proposal has none stored, and its convocation goes without.
 */
async function programmeAttachment(
  deps: { pool: DatabasePool; pdf: PdfRendering },
  request: ConvocationRequest,
): Promise<Attachment | null> {
  if (!request.sessionId) return null;
  const latest = await latestDocument(deps.pool, {
    missionId: request.missionId,
    sessionId: request.sessionId,
    participantId: null,
    kind: 'programme',
  });
  const document = latest && (await findDocument(deps.pool, latest.documentId));
  if (!document) return null;
  const pdf = await sealedPdfOf(deps.pool, deps.pdf, document);
  return { filename: pdf.filename, contentType: pdf.contentType, content: pdf.bytes };
}

/**
 * One event per day, numbered after the files this person already had for the session (0 for
 * the first, 1 for the one a move sends again), so calendars replace their events; a day those
 * files held and the session no longer has is sent cancelled.
 */
async function calendarAttachment(
  pool: DatabasePool,
  request: ConvocationRequest,
): Promise<Attachment | null> {
  if (!request.sessionId || typeof request.to !== 'object') return null;
  const { data } = request;
  const details = convocationDetails(data);
  const days = sessionDays(details.halfDays);
  const history = await recordCalendar(pool, {
    idempotencyKey: request.idempotencyKey,
    sessionId: request.sessionId,
    recipient: request.to.email,
    days: days.map(({ startsAt, endsAt }, index) => ({ rank: index + 1, startsAt, endsAt })),
  });
  return calendarFile(
    CALENDAR_FILENAME,
    convocationCalendar({
      sessionId: request.sessionId,
      title: data.sessionTitle,
      language: request.language,
      timeZone: data.timeZone,
      mode: details.mode,
      place: data.place,
      days,
      cancelled: history.days.filter((day) => day.rank > days.length),
      contact: details.contact,
      sequence: history.sequence,
      stamp: history.stamp,
    }),
  );
}

/** A cancellation carries the calendar file that removes the days its convocations added. */
export async function cancellationAttachments(
  pool: DatabasePool,
  request: Extract<EmailRequest, { template: 'sessionCancelledParticipant' }>,
): Promise<ConvocationFiles & { offer: undefined }> {
  const calendar = await cancellationCalendar(pool, request);
  return calendar
    ? { files: [calendar], attached: new Set(['calendar']), offer: undefined }
    : { files: [], attached: new Set(), offer: undefined };
}

/**
 * A cancelled session's participant who was convoked gets every day their calendar holds back
 * as cancelled; someone never convoked has nothing to remove, and gets no file.
 */
async function cancellationCalendar(
  pool: DatabasePool,
  request: Extract<EmailRequest, { template: 'sessionCancelledParticipant' }>,
): Promise<Attachment | null> {
  if (!request.sessionId || typeof request.to !== 'object') return null;
  const { data } = request;
  const history = await recordCalendar(pool, {
    idempotencyKey: request.idempotencyKey,
    sessionId: request.sessionId,
    recipient: request.to.email,
    days: [],
  });
  if (history.days.length === 0) return null;
  return calendarFile(
    CANCELLATION_FILENAME,
    convocationCalendar({
      sessionId: request.sessionId,
      title: data.sessionTitle,
      language: request.language,
      timeZone: data.timeZone,
      mode: /^https?:\/\//i.test(data.place) ? 'online' : 'onsite',
      place: data.place,
      days: [],
      cancelled: history.days,
      contact: { name: data.coordinatorName, email: null },
      sequence: history.sequence,
      stamp: history.stamp,
    }),
  );
}

const calendarFile = (filename: string, calendar: string): Attachment => ({
  filename,
  contentType: CALENDAR_CONTENT_TYPE,
  content: Buffer.from(calendar, 'utf8'),
});

/** Staff hear once per session that its convocations go without internal rules (none uploaded). */
export function internalRulesMissingEmail(request: ConvocationRequest): EmailRequest {
  const { data } = request;
  return {
    template: 'internalRulesMissing',
    to: 'staff',
    language: 'fr',
    idempotencyKey: `${request.sessionId ?? request.missionId}:internal-rules-missing`,
    missionId: request.missionId,
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    data: {
      missionId: data.missionId,
      missionTitle: data.missionTitle,
      clientName: data.clientName,
      coordinatorName: data.coordinatorName,
      sessionTitle: data.sessionTitle,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      timeZone: data.timeZone,
      place: data.place,
    },
  };
}
