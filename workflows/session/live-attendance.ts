import type { SheetVerdictCommand } from '../messages/participants.ts';
import type { CountersignCommand } from '../messages/signing.ts';
import { lastHalfDayClosesAt } from '../rules/signing.ts';
import { certificatesUnbackedEmail } from './follow-up-emails.ts';
import { type LiveContext, queueEmail } from './live-context.ts';

/** Who takes part in a live session and the proof of their attendance: the sheet, its verdict, signing. */
export class LiveAttendance {
  private readonly live: LiveContext;

  constructor(live: LiveContext) {
    this.live = live;
  }

  /** The attendance sheet lists the participants: any change to them makes it out of date. */
  participantsChanged(version: number): number {
    this.live.effects.pushOnce({ kind: 'buildAttendanceSheet' });
    return version;
  }

  /** `flagsCertificates`: certificates a non-compliant sheet had backed are flagged and staff told. */
  sheetVerdict(command: SheetVerdictCommand, now: Date, flagsCertificates: boolean): number {
    const { state } = this.live;
    const before = state.attendanceState.status;
    const version = state.sheetVerdict(command, now);
    // Certificates already sent claim hours this sheet no longer backs: staff must hear which.
    if (flagsCertificates) {
      const flagged = state.flagCertificatesOfNonCompliantSheet(before, now);
      if (flagged.length > 0)
        queueEmail(this.live, certificatesUnbackedEmail(this.live.mission, state.view(), flagged, now));
    }
    return version;
  }

  countersign(command: CountersignCommand, now: Date): number {
    const version = this.live.state.countersign(command, now);
    // A countersignature after the end changes the proof funders read: the sheet follows it.
    if (this.live.state.status === 'ended') this.live.effects.pushOnce({ kind: 'buildAttendanceSheet' });
    return version;
  }

  /** The instant the last half-day's signing window closes, while signing waits for it. */
  signingClosesAt(): number | null {
    const view = this.live.state.view();
    if (
      !this.live.features.waitsForLastWindow ||
      view.status !== 'ended' ||
      view.attendance.status !== 'pending'
    )
      return null;
    if (view.attendance.signing.signatures.length === 0) return null;
    const closesAt = lastHalfDayClosesAt(view.attendance);
    return closesAt !== null && Number.isFinite(closesAt) ? closesAt : null;
  }
}
