import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../workflows/messages/participants.ts';
import type { Invitation, InvitationStatus } from '../../../workflows/messages/staffing.ts';
import { checkSessionMessage, messageRecipients } from '../../../workflows/rules/session-message.ts';

const participant = (firstName: string, email: string): Participant => ({
  participantId: email,
  firstName,
  lastName: 'Benali',
  email,
  registeredAt: '2027-01-01T09:00:00Z',
  convocationSent: false,
});

const invitation = (name: string, email: string, status: InvitationStatus): Invitation => ({
  invitationId: email,
  facilitator: {
    id: name,
    name,
    email,
    compliance: { trainingProviderNumber: null, complianceCheckedOn: null, compliantUntil: null },
    managerEmail: null,
  },
  status,
  facilitatorStatus: 'paid',
  sentAt: '2027-01-01T09:00:00Z',
  expiresAt: '2027-01-08T09:00:00Z',
  reminderSent: false,
  respondedAt: null,
  approval: 'not_needed',
  duringWorkingTime: null,
});

const session = {
  status: 'planned' as const,
  participants: [participant('Inès', 'ines@example.org'), participant('Noé', 'Camille@Example.org ')],
  invitations: [
    invitation('Camille Roux', 'camille@example.org', 'accepted'),
    invitation('Hugo Petit', 'hugo@example.org', 'pending'),
    invitation('Léa Moreau', 'lea@example.org', 'declined'),
  ],
};

describe("who a coordinator's message reaches", () => {
  it('writes to the registered participants, or to the facilitators who accepted only', () => {
    expect(messageRecipients(session, 'participants').map((person) => person.name)).toEqual([
      'Inès Benali',
      'Noé Benali',
    ]);
    expect(messageRecipients(session, 'facilitators')).toEqual([
      { email: 'camille@example.org', name: 'Camille Roux' },
    ]);
  });

  it('sends one e-mail per address when writing to both, however the address is spelt', () => {
    expect(messageRecipients(session, 'both').map((person) => person.email)).toEqual([
      'ines@example.org',
      'Camille@Example.org ',
    ]);
  });

  it('refuses an audience with nobody in it, saying which', () => {
    const nobodyAccepted = { ...session, invitations: session.invitations.slice(1) };
    expect(checkSessionMessage(nobodyAccepted, 'facilitators')).toMatchObject({
      code: 'NO_RECIPIENTS',
      kind: 'conflict',
      extensions: { audience: 'facilitators' },
    });
    expect(checkSessionMessage(nobodyAccepted, 'participants')).toBeNull();
    expect(checkSessionMessage({ ...session, participants: [], invitations: [] }, 'both')?.code).toBe(
      'NO_RECIPIENTS',
    );
  });

  it('refuses a cancelled session', () => {
    expect(checkSessionMessage({ ...session, status: 'cancelled' }, 'participants')?.code).toBe(
      'SESSION_CANCELLED',
    );
  });
});
