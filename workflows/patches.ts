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
