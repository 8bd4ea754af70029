import { ApplicationFailure } from '@temporalio/activity';
import type { DatabasePool } from '../../db/pool.ts';
import {
  type BillingParty,
  findBillingParty,
  type InvoicedSessionFacts,
  readInvoicedSession,
} from '../../db/queries/client-invoices.ts';
import type { FundedClient, FundingRequest } from '../../workflows/messages/funding.ts';
import type {
  ClientInvoicesRequest,
  ClientInvoicesResult,
  InvoiceNotIssued,
  IssuedClientInvoice,
} from '../../workflows/messages/invoices.ts';
import { type PlannedInvoice, planClientInvoices } from '../../workflows/rules/client-invoices.ts';
import {
  assertInvoiceFacts,
  buildClientInvoice,
  type ClientInvoiceFacts,
  clientInvoiceContent,
} from '../documents/client-invoice.ts';
import { facturXml } from '../documents/einvoice/cii.ts';
import { type EInvoiceParty, eInvoiceTotals, sirenOf } from '../documents/einvoice/model.ts';
import { loadOrganisation } from '../documents/organisation.ts';
import { issueNumberedInvoice } from './numbered-invoice.ts';

type Buyer = { party: EInvoiceParty; beneficiary: ClientInvoiceFacts['beneficiary'] } | { missing: string };

const partyOf = (party: BillingParty): EInvoiceParty => ({
  name: party.legalName,
  siren: party.siren,
  vatNumber: party.vatNumber,
  address: {
    line: party.addressLine,
    postalCode: party.postalCode,
    city: party.city,
    country: party.country,
  },
});

function fundedClientParty(client: FundedClient): EInvoiceParty | null {
  if (client.type === 'individual') return null;
  const name = client.type === 'company' ? client.companyName : `${client.firstName} ${client.lastName}`;
  return {
    name,
    siren: sirenOf(client.siret),
    vatNumber: null,
    address: {
      line: client.address.street,
      postalCode: client.address.postalCode,
      city: client.address.city,
      country: 'FR',
    },
  };
}

/**
 * Who receives the invoice. The client named in the funding request has its address there; an
 * OPCO, and a client without a request (a workshop), come from billing_parties.
 */
async function buyerOf(
  pool: DatabasePool,
  planned: PlannedInvoice,
  request: FundingRequest | null,
  clientName: string,
): Promise<Buyer> {
  const company = request ? fundedClientParty(request.client) : null;
  if (planned.payer === 'funder') {
    if (!company?.siren)
      return { missing: "l'entreprise financée par l'OPCO n'a pas de SIREN dans la demande de financement" };
    const opco = await findBillingParty(pool, `opco:${company.siren}`);
    return opco
      ? { party: partyOf(opco), beneficiary: { name: company.name, siren: company.siren } }
      : {
          // The console's page for it (console/screens/billing-party.ts) is reached by this address only.
          missing: `l'adresse de facturation de l'OPCO de ${company.name} (SIREN ${company.siren}) n'est pas connue : saisissez-la dans la console, page /opcos/${company.siren}/billing`,
        };
  }
  if (company) return { party: company, beneficiary: null };
  const client = await findBillingParty(pool, `client:${clientName}`);
  return client
    ? { party: partyOf(client), beneficiary: null }
    : {
        missing: `l'adresse de facturation de ${clientName} n'est pas connue : saisissez-la dans la console (réglages du client, « Adresse de facturation »)`,
      };
}

/**
 * The certificates that back hours: one flagged after staff judged its sheet non-compliant no
 * longer does (workflows/messages/participants.ts), so it is neither counted nor sent.
 */
const backing = (facts: InvoicedSessionFacts) =>
  facts.certificates.filter((certificate) => !certificate.flag);
const trainees = (facts: InvoicedSessionFacts) => backing(facts).length;
const hoursDelivered = (facts: InvoicedSessionFacts) =>
  backing(facts).reduce((sum, certificate) => sum + certificate.hoursAttended, 0);

/**
 * The mission's client and funder invoices at closure, each numbered, built, stored with its
 * Factur-X XML once (activities/invoices/numbered-invoice.ts): a retry returns the same ones.
 * An invoice that cannot be made lawfully (no address, no agreement number) is not numbered:
 * the billing e-mail says what is missing.
 */
export function issueClientInvoicesActivity(pool: DatabasePool) {
  return async function issueClientInvoices(request: ClientInvoicesRequest): Promise<ClientInvoicesResult> {
    const { invoices, notInvoiced } = planClientInvoices(request.sessions);
    const organisation = await loadOrganisation(pool);
    const issued: IssuedClientInvoice[] = [];
    const notIssued: InvoiceNotIssued[] = [];
    for (const planned of invoices) {
      const session = request.sessions.find((candidate) => candidate.sessionId === planned.sessionId);
      const facts = await readInvoicedSession(pool, planned.sessionId);
      // The session projects itself before it reports its end: a row still missing is on its way.
      if (!session || !facts)
        throw ApplicationFailure.retryable(
          `session ${planned.sessionId} is not in the read model yet`,
          'SESSION_NOT_PROJECTED',
        );
      const buyer = await buyerOf(
        pool,
        planned,
        facts.fundingRequest as FundingRequest | null,
        request.clientName,
      );
      if ('missing' in buyer) {
        notIssued.push({ sessionId: planned.sessionId, payer: planned.payer, reason: buyer.missing });
        continue;
      }
      const invoiceFacts = (invoiceNumber: string): ClientInvoiceFacts => ({
        invoiceNumber,
        issuedOn: request.issuedOn,
        payer: planned.payer,
        buyer: buyer.party,
        beneficiary: buyer.beneficiary,
        session: {
          title: facts.title,
          kind: facts.kind,
          from: facts.from,
          to: facts.to,
          trainees: trainees(facts),
          hoursDelivered: hoursDelivered(facts),
        },
        totalCents: session.priceCents,
        amountCents: planned.amountCents,
        agreementNumber: planned.agreementNumber,
        missionTitle: request.missionTitle,
      });
      try {
        // Before a number is taken: a number must never be spent on an invoice that cannot exist.
        assertInvoiceFacts(invoiceFacts('?'));
      } catch (error) {
        notIssued.push({
          sessionId: planned.sessionId,
          payer: planned.payer,
          reason: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      let row: Awaited<ReturnType<typeof issueNumberedInvoice>>;
      try {
        row = await issueNumberedInvoice(
          pool,
          {
            missionId: request.missionId,
            sessionId: planned.sessionId,
            payer: planned.payer,
            issuedOn: request.issuedOn,
          },
          async (invoiceNumber) => {
            const content = clientInvoiceContent(invoiceFacts(invoiceNumber), organisation.settings);
            const totals = eInvoiceTotals(content.invoice);
            return {
              docx: await buildClientInvoice(content, organisation),
              xml: facturXml(content.invoice),
              netCents: totals.netCents,
              grossCents: totals.grossCents,
              organisationSettingsVersion: organisation.settingsVersion,
              claims: { title: facts.title, from: facts.from, to: facts.to, hours: hoursDelivered(facts) },
            };
          },
        );
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        throw ApplicationFailure.create({
          type: 'DOCUMENT_DATA_INVALID',
          message: `cannot build the ${planned.payer} invoice of session ${planned.sessionId}: ${error.message}`,
          nonRetryable: true,
        });
      }
      issued.push({
        sessionId: row.sessionId,
        payer: row.payer,
        invoiceNumber: row.invoiceNumber,
        documentId: row.documentId,
        grossCents: row.grossCents,
        attachmentIds:
          planned.payer === 'funder'
            ? [
                ...backing(facts).flatMap((certificate) =>
                  certificate.documentId ? [certificate.documentId] : [],
                ),
                ...(facts.sheetDocumentId ? [facts.sheetDocumentId] : []),
              ]
            : [],
      });
    }
    return { issued, notIssued, notInvoiced };
  };
}
