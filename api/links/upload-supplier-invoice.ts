import { findProviderPayout } from '../../db/queries/payouts.ts';
import type { LinkClaims } from '../../links/link-tokens.ts';
import { providerPayoutWorkflowId, supplierInvoiceReceivedUpdate } from '../../workflows/messages/payouts.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';
import { sendUpdate } from '../send-update.ts';
import { storeAcceptedUpload } from '../uploads/store-accepted-upload.ts';
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
  if (payout.status !== 'awaiting_invoice')
    throw new ProblemError(409, 'PAYOUT_NOT_AWAITING_INVOICE', 'No invoice is awaited for this payout.');
  await useLinkOnce(deps, claims, () =>
    storeAcceptedUpload(
      deps.pool,
      {
        missionId: payout.missionId,
        sessionId: null,
        participantId: payout.payoutId,
        kind: 'supplierInvoice',
      },
      {
        bytes,
        filename: (extension) => `facture-${payout.providerId}.${extension}`.replace(/[^A-Za-z0-9._-]/g, '-'),
        refusal: 'Send your invoice as a PDF, PNG or JPEG file.',
      },
      async (documentId) => {
        await sendUpdate(deps, providerPayoutWorkflowId(payout.payoutId), supplierInvoiceReceivedUpdate, {
          documentId,
        });
      },
    ),
  );
}
