import { storeDocument } from '../../activities/documents/store.ts';
import { findProviderPayout } from '../../db/queries/payouts.ts';
import type { LinkClaims } from '../../links/link-tokens.ts';
import { providerPayoutWorkflowId, supplierInvoiceReceivedUpdate } from '../../workflows/messages/payouts.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';
import { problemFromTemporal } from '../temporal-errors.ts';
import { sniffUpload } from '../uploads/sniff.ts';
import { useLinkOnce } from './use-link-once.ts';

export const SUPPLIER_INVOICE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A provider's own invoice for a payout, from their link (the JSON route or the upload page):
 * checked by its content, stored, and handed to the payout workflow, which stops its reminders.
 */
export async function uploadSupplierInvoice(
  deps: ApiDependencies,
  claims: LinkClaims,
  bytes: Buffer,
): Promise<void> {
  const payout = await findProviderPayout(deps.pool, claims.subjectId);
  if (!payout) throw new ProblemError(404, 'PAYOUT_NOT_FOUND', 'This payout does not exist.');
  const sniffed = sniffUpload(bytes);
  if (!sniffed)
    throw new ProblemError(415, 'UNSUPPORTED_UPLOAD', 'Send your invoice as a PDF, PNG or JPEG file.');
  await useLinkOnce(deps, claims, async () => {
    const stored = await storeDocument(
      deps.pool,
      {
        missionId: payout.missionId,
        sessionId: null,
        participantId: payout.payoutId,
        kind: 'supplierInvoice',
      },
      {
        kind: 'supplierInvoice',
        filename: `facture-${payout.providerId}.${sniffed.extension}`.replace(/[^A-Za-z0-9._-]/g, '-'),
        contentType: sniffed.contentType,
        bytes,
      },
    );
    const client = deps.temporal.client;
    try {
      await client.withDeadline(Date.now() + (deps.commandTimeoutMs ?? 15_000), () =>
        client.workflow
          .getHandle(providerPayoutWorkflowId(payout.payoutId))
          .executeUpdate(supplierInvoiceReceivedUpdate, { args: [{ documentId: stored.documentId }] }),
      );
    } catch (error) {
      throw problemFromTemporal(error) ?? error;
    }
  });
}
