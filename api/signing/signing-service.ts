/**
 * Digital attendance signing behind the two links: the facilitator's (purpose attendanceSigning,
 * subject the session) and the participants' for one half-day (purpose halfDaySigning, subject
 * the half-day's index). Plain functions of the link's claims, shared by the JSON routes and the
 * HTML pages. The workflow decides; these functions read the read model and store the images.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import {
  claimSignature,
  codeForHalfDay,
  findSigningCode,
  type NewSignature,
} from '../../db/queries/attendance-signatures.ts';
import { findMission, findSessionOwner, listSessions } from '../../db/queries/missions.ts';
import { findSessionFollowUp, listInvitations } from '../../db/queries/session-staffing.ts';
import { LINK_PATHS } from '../../links/link-paths.ts';
import { type LinkClaims, signLink } from '../../links/link-tokens.ts';
import type { AttendanceStatus, HalfDay } from '../../workflows/messages/domain.ts';
import type { SessionView } from '../../workflows/messages/session.ts';
import { countersignHalfDayUpdate, signHalfDayUpdate } from '../../workflows/messages/session.ts';
import type { Signing } from '../../workflows/messages/signing.ts';
import { DEFAULT_SESSION_POLICY } from '../../workflows/policy.ts';
import { halfDaysOf } from '../../workflows/rules/attendance.ts';
import { msOf } from '../../workflows/rules/durations.ts';
import { isCountersigned, openHalfDayIndex, signingWindow } from '../../workflows/rules/signing.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { sendSessionUpdate } from '../missions/send-session-command.ts';
import { ProblemError } from '../problems.ts';
import { readSignatureImage } from './signature-image.ts';

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

/** No 0/O, 1/I/L: read from a projected screen and typed on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;

const MIN_LINK_VALIDITY_MS = 24 * 3600_000;

const clock = (deps: ApiDependencies) => deps.now?.() ?? new Date();

/** The session a link names, as the read model shows it, with what signing needs of it. */
async function loadSigningSession(deps: ApiDependencies, sessionId: string) {
  const owner = await findSessionOwner(deps.pool, sessionId);
  const mission = owner && (await findMission(deps.pool, owner.missionId));
  const session =
    owner && (await listSessions(deps.pool, owner.missionId)).find((s) => s.sessionId === sessionId);
  if (!mission || !session) throw new ProblemError(404, 'SESSION_NOT_FOUND', 'This session does not exist.');
  const followUp = await findSessionFollowUp(deps.pool, sessionId);
  const attendance = followUp?.attendance;
  const halfDays: HalfDay[] = attendance?.halfDays ?? halfDaysOf(session);
  const signing: Signing = (attendance as { signing?: Signing } | null | undefined)?.signing ?? {
    graceAfterHalfDay: DEFAULT_SESSION_POLICY.signingGraceAfterHalfDay,
    signatures: [],
    countersignatures: [],
  };
  const facilitators = (await listInvitations(deps.pool, sessionId))
    .filter((invitation) => invitation.status === 'accepted' && invitation.approval !== 'refused')
    .sort((a, b) => (a.respondedAt ?? a.sentAt).localeCompare(b.respondedAt ?? b.sentAt))
    .map((invitation, index) => ({
      id: invitation.facilitatorId,
      name: invitation.facilitatorName,
      lead: index === 0,
    }));
  return {
    mission,
    session,
    halfDays,
    signing,
    attendanceStatus: (attendance?.status ?? 'pending') as AttendanceStatus,
    participants: followUp?.participants ?? [],
    facilitators,
  };
}

type SigningSession = Awaited<ReturnType<typeof loadSigningSession>>;

function presentHalfDay(halfDay: HalfDay, index: number, signing: Signing, now: Date) {
  const window = signingWindow(halfDay, signing.graceAfterHalfDay);
  const countersignature = signing.countersignatures.find((c) => c.halfDayIndex === index);
  return {
    index,
    date: halfDay.date,
    period: halfDay.period,
    startsAt: halfDay.startsAt,
    endsAt: halfDay.endsAt,
    signingClosesAt: new Date(window.closesAt).toISOString(),
    open: !countersignature && window.opensAt <= now.getTime() && now.getTime() <= window.closesAt,
    countersignature: countersignature
      ? { facilitatorName: countersignature.facilitatorName, signedAt: countersignature.signedAt }
      : null,
  };
}

/**
 * The participants' link for a half-day and its short code: one per half-day, shared by everyone
 * in the room, valid until the half-day's signing closes.
 */
async function participantLink(deps: ApiDependencies, context: SigningSession, index: number) {
  const halfDay = context.halfDays[index];
  if (!halfDay) return null;
  const expiresAt = new Date(
    signingWindow(halfDay, context.signing.graceAfterHalfDay).closesAt,
  ).toISOString();
  const token = await signLink(deps.linkSecrets, {
    purpose: 'halfDaySigning',
    subjectId: String(index),
    sessionId: context.session.sessionId,
    expiresAt,
  });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = Array.from(
      { length: CODE_LENGTH },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
    ).join('');
    const stored = await codeForHalfDay(deps.pool, {
      code,
      sessionId: context.session.sessionId,
      halfDayIndex: index,
      token,
      expiresAt,
    });
    if (stored)
      return {
        halfDayIndex: index,
        url: `${deps.publicBaseUrl}/links/${LINK_PATHS.halfDaySigning}/${stored.token}`,
        code: stored.code,
        shortUrl: `${deps.publicBaseUrl}/e/${stored.code}`,
        expiresAt: stored.expiresAt,
      };
  }
  throw new Error('no free short code after 5 draws');
}

const signedBy = (signing: Signing, participantId: string, index: number) =>
  signing.signatures.some((s) => s.participantId === participantId && s.halfDayIndex === index);

/** The facilitator's signing page: every half-day, who signed it, the link of the one open now. */
export async function describeSigning(deps: ApiDependencies, claims: LinkClaims) {
  const context = await loadSigningSession(deps, claims.sessionId);
  const now = clock(deps);
  const open = openHalfDayIndex(context.halfDays, context.signing.graceAfterHalfDay, now);
  const openForSignatures = open !== null && !isCountersigned(context.signing, open) ? open : null;
  return {
    session: {
      title: context.session.title,
      clientName: context.mission.clientName,
      startsAt: context.session.startsAt,
      endsAt: context.session.endsAt,
      timeZone: context.session.timeZone,
      status: context.session.status,
      language: context.session.language,
    },
    attendanceStatus: context.attendanceStatus,
    halfDays: context.halfDays.map((halfDay, index) => presentHalfDay(halfDay, index, context.signing, now)),
    openHalfDayIndex: openForSignatures,
    participantLink:
      openForSignatures !== null &&
      context.session.status !== 'cancelled' &&
      context.attendanceStatus === 'pending'
        ? await participantLink(deps, context, openForSignatures)
        : null,
    participants: context.participants.map((participant) => ({
      id: participant.participantId,
      firstName: participant.firstName,
      lastName: participant.lastName,
      signed: context.halfDays.map((_, index) => signedBy(context.signing, participant.participantId, index)),
    })),
    facilitators: context.facilitators,
  };
}

/** The participants' page: names to pick from, no more (first name and initial, no e-mail). */
export async function describeHalfDay(deps: ApiDependencies, claims: LinkClaims) {
  const context = await loadSigningSession(deps, claims.sessionId);
  const index = halfDayIndexOf(claims);
  const halfDay = context.halfDays[index];
  if (!halfDay) throw new ProblemError(404, 'HALF_DAY_NOT_FOUND', 'This half-day does not exist.');
  return {
    session: {
      title: context.session.title,
      timeZone: context.session.timeZone,
      status: context.session.status,
      language: context.session.language,
    },
    halfDay: presentHalfDay(halfDay, index, context.signing, clock(deps)),
    participants: context.participants
      .map((participant) => ({
        id: participant.participantId,
        name: `${participant.firstName} ${participant.lastName.trim().charAt(0).toLocaleUpperCase('fr')}.`,
        signed: signedBy(context.signing, participant.participantId, index),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

function halfDayIndexOf(claims: LinkClaims): number {
  const index = Number(claims.subjectId);
  if (!Number.isInteger(index) || index < 0)
    throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
  return index;
}

/**
 * Stores the image and asks the workflow in one transaction: the row claims the (half-day,
 * signer) slot, so a double submit waits and then stores nothing; a definite refusal rolls the
 * row back. After a timeout or a failure the workflow may hold the signature already: the image is
 * kept (committed) so the sheet never shows a signature without it, and the error still answers.
 */
async function storeAndSign<Arg>(
  deps: ApiDependencies,
  signature: Omit<NewSignature, 'id' | 'signedAt'>,
  update: UpdateDefinition<SessionView, [Arg]>,
  commandOf: (signatureId: string, signedAt: string) => Arg,
  taken: ProblemError,
): Promise<{ signatureId: string; signedAt: string }> {
  const signatureId = randomUUID();
  const signedAt = clock(deps).toISOString();
  let uncertain: unknown = null;
  await deps.pool.transaction(async (tx) => {
    if (!(await claimSignature(tx, { ...signature, id: signatureId, signedAt }))) throw taken;
    try {
      await sendSessionUpdate(
        deps,
        signature.sessionId,
        update,
        commandOf(signatureId, signedAt),
        signatureId,
      );
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) throw error;
      uncertain = error;
    }
  });
  if (uncertain) throw uncertain;
  return { signatureId, signedAt };
}

export interface SignInput {
  participantId: string;
  /** On the facilitator's device: the half-day to sign, by default the one open now. */
  halfDayIndex?: number;
  /** The drawn signature, a PNG data URL. */
  signature: string;
}

async function sign(
  deps: ApiDependencies,
  sessionId: string,
  halfDayIndex: number,
  input: SignInput,
  meta: RequestMeta,
  device: 'participant' | 'facilitator',
) {
  const image = readSignatureImage(input.signature);
  return storeAndSign(
    deps,
    {
      sessionId,
      halfDayIndex,
      signer: { kind: 'participant', participantId: input.participantId },
      image,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
    signHalfDayUpdate,
    (signatureId, signedAt) => ({
      participantId: input.participantId,
      halfDayIndex,
      signatureId,
      signedAt,
      device,
    }),
    new ProblemError(409, 'ALREADY_SIGNED', 'This person has already signed this half-day.'),
  );
}

/** A participant signs the half-day of the link they opened, on their phone. */
export async function signHalfDay(
  deps: ApiDependencies,
  claims: LinkClaims,
  input: SignInput,
  meta: RequestMeta,
) {
  return sign(deps, claims.sessionId, halfDayIndexOf(claims), input, meta, 'participant');
}

/** A participant signs in turn on the facilitator's device, from the facilitator's link. */
export async function signOnFacilitatorDevice(
  deps: ApiDependencies,
  claims: LinkClaims,
  input: SignInput,
  meta: RequestMeta,
) {
  let halfDayIndex = input.halfDayIndex;
  if (halfDayIndex === undefined) {
    const context = await loadSigningSession(deps, claims.sessionId);
    const open = openHalfDayIndex(context.halfDays, context.signing.graceAfterHalfDay, clock(deps));
    if (open === null)
      throw new ProblemError(409, 'SIGNING_NOT_OPEN', 'No half-day of this session is open for signing now.');
    halfDayIndex = open;
  }
  return sign(deps, claims.sessionId, halfDayIndex, input, meta, 'facilitator');
}

export interface CountersignInput {
  halfDayIndex: number;
  /** Which facilitator of the session countersigns; the lead by default. */
  facilitatorId?: string;
  signature: string;
}

export async function countersign(
  deps: ApiDependencies,
  claims: LinkClaims,
  input: CountersignInput,
  meta: RequestMeta,
) {
  const image = readSignatureImage(input.signature);
  const context = await loadSigningSession(deps, claims.sessionId);
  const facilitator = input.facilitatorId
    ? context.facilitators.find((candidate) => candidate.id === input.facilitatorId)
    : context.facilitators[0];
  if (!facilitator)
    throw new ProblemError(
      403,
      'NOT_A_FACILITATOR',
      'Only a facilitator of this session may countersign its half-days.',
    );
  return storeAndSign(
    deps,
    {
      sessionId: claims.sessionId,
      halfDayIndex: input.halfDayIndex,
      signer: { kind: 'countersignature', facilitatorId: facilitator.id },
      image,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
    countersignHalfDayUpdate,
    (signatureId, signedAt) => ({
      halfDayIndex: input.halfDayIndex,
      facilitatorId: facilitator.id,
      facilitatorName: facilitator.name,
      signatureId,
      signedAt,
    }),
    new ProblemError(409, 'HALF_DAY_COUNTERSIGNED', 'This half-day is already countersigned.'),
  );
}

/**
 * The facilitator's signing link, minted for the coordinator and staff (the console opens it).
 * Valid as long as the e-mailed one, and at least a day from now: asked for late, it still lets
 * the remaining half-days be countersigned.
 */
export async function facilitatorSigningLink(
  deps: ApiDependencies,
  session: { sessionId: string; endsAt: string },
) {
  const expiresAt = new Date(
    Math.max(
      Date.parse(session.endsAt) + msOf(DEFAULT_SESSION_POLICY.signingLinkValidityAfterEnd),
      clock(deps).getTime() + MIN_LINK_VALIDITY_MS,
    ),
  ).toISOString();
  const token = await signLink(deps.linkSecrets, {
    purpose: 'attendanceSigning',
    subjectId: session.sessionId,
    sessionId: session.sessionId,
    expiresAt,
  });
  return { url: `${deps.publicBaseUrl}/links/${LINK_PATHS.attendanceSigning}/${token}`, expiresAt };
}

/** Where a half-day's short code leads (relative: the page is on whatever host the code was typed on). */
export async function pathOfSigningCode(deps: ApiDependencies, code: string): Promise<string> {
  const found = await findSigningCode(deps.pool, code.toUpperCase());
  if (!found) throw new ProblemError(404, 'SIGNING_CODE_NOT_FOUND', 'No half-day has this code.');
  if (Date.parse(found.expiresAt) < clock(deps).getTime())
    throw new ProblemError(410, 'LINK_EXPIRED', 'Signing for this half-day is closed.');
  return `/links/${LINK_PATHS.halfDaySigning}/${found.token}`;
}
