import { describe, expect, it } from 'vitest';
import { redactLinkTokens } from '../../../api/log-redaction.ts';

describe('request log redaction', () => {
  it('keeps the route of an e-mail link but never its token', () => {
    expect(redactLinkTokens('/links/invitations/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln/accept?x=1')).toBe(
      '/links/invitations/[token]/accept?x=1',
    );
  });

  it('redacts the token whatever the case of the path (no route answers it, the log still does)', () => {
    expect(redactLinkTokens('/Links/surveys/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(
      '/Links/surveys/[token]',
    );
  });

  it('leaves other routes as they are', () => {
    expect(redactLinkTokens('/missions/3b7c1f9e-2d4a-4c1b-9a57-0f3f2f6b8c11/sessions')).toBe(
      '/missions/3b7c1f9e-2d4a-4c1b-9a57-0f3f2f6b8c11/sessions',
    );
  });
});
