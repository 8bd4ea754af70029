/**
 * A person signing a contrat de formation professionnelle receives the internal rules with the
 * proposal, before registering (Code du travail L6353-8); other buyers receive them with the
 * convocation. Its own database: uploading the rules changes the settings every test reads.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { proposalAttachments } from '../../activities/email/proposal-attachments.ts';
import { EMAIL_SAMPLES } from '../../activities/email/samples.ts';
import { migrate } from '../../db/migrate.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { currentOrganisationSettings, saveOrganisationFile } from '../../db/queries/organisation-settings.ts';
import { dropDatabase, ensureDatabase } from '../../scripts/provision/postgres.ts';
import type { EmailRequest } from '../../workflows/messages/email.ts';
import { testPool } from '../support/database.ts';
import { smallPdf } from '../support/small-pdf.ts';

type ProposalRequest = Extract<EmailRequest, { template: 'fundingProposal' }>;

const request = (funder: string, buyer: 'company' | 'individual' | 'independent'): ProposalRequest => ({
  template: 'fundingProposal',
  language: 'fr',
  to: { email: 'eloise@example.org', name: 'Éloïse Lefèvre' },
  idempotencyKey: 'k',
  missionId: 'm',
  sessionId: 's',
  data: { ...EMAIL_SAMPLES.fundingProposal, funder, buyer },
});

describe('the proposal e-mail carries the internal rules for a contrat de formation', () => {
  let pool: DatabasePool;
  let serverUrl: string;
  const database = `missions_proposal_rules_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = '/postgres';
    serverUrl = url.toString();
    const databaseUrl = await ensureDatabase(serverUrl, database);
    await migrate(databaseUrl);
    pool = await testPool(databaseUrl);
  });

  afterAll(async () => {
    await pool?.end();
    await dropDatabase(serverUrl, database);
  });

  it('attaches nothing while staff have uploaded no internal rules', async () => {
    const organisation = await currentOrganisationSettings(pool);
    const own = await proposalAttachments(pool, request('client', 'individual'), organisation);
    expect(own.files).toEqual([]);
    expect([...own.attached]).toEqual([]);
  });

  it('attaches the uploaded rules for a person paying themselves, and only for them', async () => {
    const rules = smallPdf('Règlement intérieur');
    const organisation = await saveOrganisationFile(
      pool,
      { kind: 'internalRules', contentType: 'application/pdf', bytes: rules },
      'staff-1',
    );
    const person = await proposalAttachments(pool, request('client', 'individual'), organisation);
    expect(person.files.map((file) => [file.filename, file.contentType])).toEqual([
      ['reglement-interieur.pdf', 'application/pdf'],
    ]);
    expect(person.files[0]?.content.equals(rules)).toBe(true);
    expect([...person.attached]).toEqual(['internalRules']);
    for (const [funder, buyer] of [
      ['opco', 'company'],
      ['cpf', 'individual'],
      ['fifpl', 'independent'],
    ] as const) {
      const other = await proposalAttachments(pool, request(funder, buyer), organisation);
      expect(other.files, `${funder}/${buyer}`).toEqual([]);
    }
  });
});
