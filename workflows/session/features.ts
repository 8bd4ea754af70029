import { patched } from '@temporalio/workflow';
import type { SessionFeatures } from '../messages/session.ts';
import {
  ATTENDANCE_SIGNING,
  AUDIT_BEFORE_CERTIFICATES,
  CERTIFICATES_AWAIT_PROOF,
  END_OF_TRAINING_ASSESSMENT,
  LEAN_SESSION_COMMANDS,
  RECHECK_COMPLIANCE,
  REPORT_FACTS_TO_MISSION,
  SESSION_BASELINE,
  SIGNING_WAITS_FOR_LAST_WINDOW,
} from '../patches.ts';

/**
 * What this execution of the session workflow does, by when it started: each behaviour came with
 * a patch, and sessions started before it keep behaving as they did. Called once, at the start, in
 * this order (the order of the markers in recorded histories).
 */
export function sessionFeatures(): SessionFeatures {
  // A session started on this release or later records one marker for all of them (patches.ts).
  if (patched(SESSION_BASELINE)) return CURRENT_SESSION;
  return {
    baseline: false,
    // Sessions started before their mission handled payouts do not report what payouts need.
    reportsFacts: patched(REPORT_FACTS_TO_MISSION),
    rechecksCompliance: patched(RECHECK_COMPLIANCE),
    // Sessions started before digital signing get no signing link at their start.
    sendsSigningLink: patched(ATTENDANCE_SIGNING),
    // A certificate never claims hours no signature backs: on the paper path it now waits for the
    // signed sheet to be confirmed compliant. Sessions started before keep certifying on record.
    certificatesAwaitProof: patched(CERTIFICATES_AWAIT_PROOF),
    // Training actions end with the trainee's assessment and their attestation de fin de formation
    // (L6353-1); sessions started before send neither.
    endOfTrainingAssessment: patched(END_OF_TRAINING_ASSESSMENT),
    // Certificates and the session's payouts wait while its documents disagree (issue #19, DESIGN.md
    // §5): staff are told, the check runs again daily, staff may release them. Earlier sessions do not check.
    auditsBeforeCertificates: patched(AUDIT_BEFORE_CERTIFICATES),
    // People may sign the last half-day within its grace after the end: signing completes only
    // once that window closes (or the half-day is countersigned). Earlier sessions completed at the end.
    waitsForLastWindow: patched(SIGNING_WAITS_FOR_LAST_WINDOW),
    // A command costs what it must: projection by local activity, a move wakes the loop by itself,
    // no report of the facts a planned session started with. Earlier sessions keep their
    // history's shape: a regular activity, a move carried out at the next wake, the first report.
    leanCommands: patched(LEAN_SESSION_COMMANDS),
    // Came with the baseline: earlier sessions cancel their loop's timer and start it again on
    // every pass.
    keepsWakeTimer: false,
  };
}

/** Every feature: what a session started since SESSION_BASELINE has. */
export const CURRENT_SESSION: SessionFeatures = {
  baseline: true,
  reportsFacts: true,
  rechecksCompliance: true,
  sendsSigningLink: true,
  certificatesAwaitProof: true,
  endOfTrainingAssessment: true,
  auditsBeforeCertificates: true,
  waitsForLastWindow: true,
  leanCommands: true,
  keepsWakeTimer: true,
};
