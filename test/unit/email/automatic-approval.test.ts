/**
 * The coordinator's e-mail about a manager who never answered says that the decision was
 * automatic and whose rule it followed: the client's, or the default.
 */
import { describe, expect, it } from 'vitest';
import { EMAIL_SAMPLES } from '../../../activities/email/samples.ts';
import { invitationOutcome } from '../../../activities/email/templates/staffing.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';

const decided = (
  outcome: 'approved_by_manager' | 'refused_by_manager',
  source: 'client' | 'default',
): EmailTemplateData['invitationOutcome'] => {
  const { managerNote: _none, ...sample } = EMAIL_SAMPLES.invitationOutcome;
  return {
    ...sample,
    outcome,
    automatic: true,
    silenceRule: { means: outcome === 'approved_by_manager' ? 'approve' : 'refuse', source },
  };
};
const text = (content: { paragraphs: string[] }) => content.paragraphs.join('\n');

describe('the e-mail about an approval nobody gave', () => {
  it("says the client's rule is that silence means yes, in French and in English", () => {
    const data = decided('approved_by_manager', 'client');
    expect(text(invitationOutcome(data, 'fr', 'https://console/m'))).toContain(
      'accord automatique : le manager n’a pas répondu à temps, et la règle du client est que son silence vaut accord',
    );
    expect(text(invitationOutcome(data, 'en', 'https://console/m'))).toContain(
      "approved automatically: the manager did not answer in time, and the client's rule is that silence means yes",
    );
  });

  it('says when it was the default rule, and a refusal frees the slot', () => {
    const fr = text(invitationOutcome(decided('refused_by_manager', 'default'), 'fr', 'https://console/m'));
    expect(fr).toContain('la règle par défaut est que son silence vaut refus');
    expect(fr).toContain('La place est de nouveau libre');
    expect(
      text(invitationOutcome(decided('refused_by_manager', 'default'), 'en', 'https://console/m')),
    ).toContain('the default rule is that silence means no');
  });

  it('keeps the older wording for automatic decisions that carry no rule', () => {
    const { silenceRule: _rule, ...older } = decided('approved_by_manager', 'client');
    expect(text(invitationOutcome(older, 'fr', 'https://console/m'))).toContain(
      'décision automatique faute de réponse',
    );
  });
});
