/**
 * Every id the workflows pass to `patched()` or `deprecatePatch()`, each with why it exists, when
 * it came, which recorded histories (test/histories) still replay its old branch, and when it may
 * go. test/unit/workflows/patches.test.ts fails on a call that does not use one of these constants
 * and on a constant no call uses. Why patches rather than worker versioning:
 * docs/decisions/0005-versioning-workflows.md.
 *
 * An id is permanent while any history carries its marker. Retiring one takes two deploys:
 * The dates below are the commits'; what counts is when the release carrying each was deployed,
 * which is later: an execution started in between has no marker either.
 * 1. Once no open execution of its workflow type started before that (a visibility
 *    query such as `WorkflowType = 'sessionWorkflow' AND ExecutionStatus = 'Running' AND
 *    StartTime < '2026-11-23T12:40:27Z'` finds none), replace `patched(ID)` by
 *    `deprecatePatch(ID)`, delete the old branch, and delete or re-record the histories listed
 *    under "old branch": they can no longer replay.
 * 2. Once no open execution started before that deploy remains, delete the `deprecatePatch` call
 *    and the constant.
 *
 * Each `patched()` call of a new execution records a marker and an upsert of the
 * `TemporalChangeVersion` search attribute (a visibility write): a session started with ten
 * patches in force paid twenty events and ten visibility writes for them. A baseline patch
 * (SESSION_BASELINE, MISSION_BASELINE) stands for every patch of its workflow before it: an
 * execution that records it skips those calls and has all their features; an older one replays
 * them as it recorded them. A patch added after a baseline is called as usual, until the next
 * baseline takes it in.
 */

/**
 * The mission handles payouts, the closure checklist and its closure (d0f80d2, 2026-11-23
 * 12:40 UTC); missions started before refuse those commands. Old branch: mission-months.json.
 * Missions live up to a year: deprecate once no mission started before that date is open.
 */
export const PAYOUTS_AND_CLOSURE = 'payouts-and-closure';

/**
 * A cancelled session writes to the facilitators who accepted or had not answered yet (2970b11,
 * 2026-11-23 12:18 UTC). Old branch: session-cancelled.json, session-cancelled-staffed.json.
 * Deprecate once no session started before that date is open.
 */
export const NOTIFY_FACILITATORS_ON_CANCEL = 'notify-facilitators-on-cancel';

/**
 * A session reports its facts (facilitators, attendance, billing) to its mission for payouts
 * (d0f80d2, 2026-11-23 12:40 UTC). Old branch: session-cancelled.json,
 * session-cancelled-staffed.json, session-ended.json, session-participants.json,
 * session-staffing.json. Deprecate once no session started before that date is open.
 */
export const REPORT_FACTS_TO_MISSION = 'report-facts-to-mission';

/**
 * A moved session signals its funding and manager-approval children so their deadlines follow the
 * new date (b96191d, 2026-11-23 13:49 UTC). No recorded history takes the old branch. Deprecate
 * once no session started before that date is open.
 */
export const MOVE_CHILDREN_WITH_SESSION = 'move-children-with-session';

/**
 * Facilitators' compliance is checked again against the directory shortly before the session
 * (8018896, 2026-11-23 13:52 UTC). Old branch: session-cancelled.json,
 * session-cancelled-staffed.json, session-ended.json, session-moved-approval.json,
 * session-participants.json, session-staffing.json. Deprecate once no session started before that
 * date is open.
 */
export const RECHECK_COMPLIANCE = 'recheck-compliance-before-session';

/**
 * Digital attendance signing: the facilitator's signing link at the session's start (3de7371,
 * 2026-11-30 12:08 UTC). Old branch: session-cancelled.json, session-cancelled-staffed.json,
 * session-compliance-recheck.json, session-ended.json, session-moved-approval.json,
 * session-participants.json, session-staffing.json. Deprecate once no session started before
 * that date is open.
 */
export const ATTENDANCE_SIGNING = 'attendance-signing';

/**
 * On the paper path, certificates wait for the signed sheet to be confirmed compliant (3de7371,
 * 2026-11-30 12:08 UTC); before, they went out once attendance was recorded. Old branch: as
 * ATTENDANCE_SIGNING. Deprecate once no session started before that date is open.
 */
export const CERTIFICATES_AWAIT_PROOF = 'certificates-await-proof';

/**
 * Digital signing completes only once the last half-day's grace for late signatures is over
 * (619f5cc, 2026-11-30 13:46 UTC). Old branch: as ATTENDANCE_SIGNING, plus
 * session-paper-proof.json and session-signed.json. Deprecate once no session started before that
 * date is open.
 */
export const SIGNING_WAITS_FOR_LAST_WINDOW = 'signing-waits-for-last-window';

/**
 * A manager approval follows the client's rule for silence, read when the approval starts
 * (f9c401d, 2026-11-30 14:31 UTC); before, the worker's default. Old branch:
 * session-moved-approval.json, session-staffing.json. Deprecate once no session started before
 * that date is open.
 */
export const CLIENT_SILENCE_RULE = 'client-manager-silence-rule';

/**
 * A sheet judged non-compliant after the certificates it backed were sent flags them and tells
 * staff which (issue #15 item 5; 1bc9bdf, 2026-11-30 15:41 UTC). No recorded history takes the
 * old branch (none marks a sheet non-compliant after certificates). Deprecate once no session
 * started before that date is open.
 */
export const FLAG_CERTIFICATES_OF_NON_COMPLIANT_SHEET = 'flag-certificates-of-non-compliant-sheet';

/**
 * A proposal holds the documents of the buyer's contract (issue #15 item 3,
 * workflows/rules/contract.ts): a person paying themselves gets a contrat de formation
 * professionnelle instead of the agreement, CPF and France Travail no agreement; the e-mail says
 * who buys (2026-11-30 18:20 UTC). Before, every proposal was quote, agreement and programme. No
 * recorded history sends a proposal. Deprecate once no session started before that date is open.
 */
export const PROPOSAL_PER_BUYER = 'proposal-per-buyer';

/**
 * After a training action's certificates, each trainee is asked for the end-of-training
 * assessment and receives the attestation de fin de formation (Code du travail L6353-1) when they
 * answer or at the deadline (issue #15 item 6; 2026-11-30 18:45 UTC). Before, nothing followed the
 * certificate but the surveys. Old branch: session-participants.json, session-signed.json (the
 * trainings whose certificates went out). Deprecate once no session started before that date is
 * open.
 */
export const END_OF_TRAINING_ASSESSMENT = 'end-of-training-assessment';

/**
 * Before a session's certificates go out, the audit's consistency check runs (issue #19 item 3,
 * workflows/rules/audit-consistency.ts): on a mismatch staff are told, and the certificates and
 * the session's payouts wait until the documents agree (checked again daily) or staff release
 * them (2026-11-30 19:10 UTC). Before, certificates went out unchecked. Old branch: the recorded
 * histories whose certificates went out (session-participants.json, session-signed.json, and
 * those recorded before this date). Deprecate once no session started before that date is open.
 */
export const AUDIT_BEFORE_CERTIFICATES = 'audit-before-certificates';

/**
 * At closure the mission issues the client and funder invoices (issue #19 item 3) and the
 * billing e-mail carries them; before, the e-mail only said what to invoice (f948a45,
 * 2026-11-30 18:10 UTC). Old branch: mission-payouts-closure.json; new branch:
 * mission-client-invoices.json. Deprecate once no mission started before that date is open.
 */
export const CLIENT_INVOICES = 'client-invoices-at-closure';

/**
 * A mission command costs what it must (issue #16 item 6; def1482, 2026-11-30 20:31 UTC): the mission
 * projects its read model with a local activity (a marker in the same workflow task, not an
 * activity task and a second workflow task), upserts only the search attributes that changed,
 * keeps the reminder timer while its instant stands instead of cancelling and restarting it on
 * every pass, and a plan or move answers once the session's start or signal is commanded, not
 * confirmed (signals to a child wait for its start; the run ends only once all are). Old branch:
 * mission-months.json, mission-payouts-closure.json, mission-client-invoices.json; new branch:
 * mission-lean-commands.json (the months-long mission again: 199 events instead of 280). Deprecate
 * once no mission started before that date is open.
 */
export const LEAN_MISSION_COMMANDS = 'lean-mission-commands';

/**
 * A session command costs what it must (issue #16 item 6; 590d987, 2026-11-30 21:16 UTC): the session
 * projects its read model with a local activity (a marker in the workflow task that applied the
 * command, not an activity task and a second workflow task); a move wakes its loop by itself, so
 * the funding and manager-approval children hear of it even when it arrives while the loop is past
 * the step that moves them (before, they kept the old date until the session next woke); and a
 * planned session does not send the mission its facts while they are still those it started with
 * (the mission computes nothing from them before a facilitator joins or the session runs). Old
 * branch: session-cancelled.json, session-cancelled-staffed.json, session-client-rule.json,
 * session-compliance-recheck.json, session-ended.json, session-messages.json,
 * session-moved-approval.json, session-paper-proof.json, session-participants.json,
 * session-signed.json, session-staffing.json; new branch: session-lean-commands.json. Deprecate
 * once no session started before that date is open.
 */
export const LEAN_SESSION_COMMANDS = 'lean-session-commands';

/**
 * Sessions started from this release on have every session patch above in force and record this
 * one marker instead of one per patch (workflows/session/features.ts): a new session's first
 * workflow task loses 20 history events and 10 visibility writes (issue #16; 2026-12-01). They also
 * keep their loop's timer while the next due instant stands (workflows/wake-timer.ts, as the
 * mission since LEAN_MISSION_COMMANDS): a command that does not move that instant costs no timer
 * cancelled and started again; older sessions still restart it on every pass. Old branch: every
 * session history recorded before this date; new branch: session-baseline.json.
 * Deprecate once no session started before that date is open; the patches it stands for go with it.
 */
export const SESSION_BASELINE = 'session-baseline-2026-12-01';

/**
 * Missions started from this release on have PAYOUTS_AND_CLOSURE, LEAN_MISSION_COMMANDS and
 * CLIENT_INVOICES in force and record this one marker instead of theirs (issue #16; 2026-12-01).
 * Old branch: every mission history recorded before this date; new branch: mission-baseline.json.
 * Deprecate once no mission started before that date is open; the patches it stands for go with it.
 */
export const MISSION_BASELINE = 'mission-baseline-2026-12-01';
