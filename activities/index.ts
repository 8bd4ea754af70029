/** The one place activities get their dependencies; the worker registers what this returns. */
import type { DatabasePool } from '../db/pool.ts';
import { type CoordinatorPageTemplates, defaultCoordinatorPages } from '../links/coordinator-pages.ts';
import { checkSessionAuditActivity } from './audit/check-session-audit.ts';
import { loadClientSettingsActivity } from './clients/load-client-settings.ts';
import { loadComplianceActivity } from './directory/load-compliance.ts';
import { generateDocumentActivity } from './documents/generate-document.ts';
import type { PdfRendering } from './documents/pdf/sealed-pdf.ts';
import { sendEmailActivity } from './email/send-email.ts';
import type { EmailSender } from './email/sender.ts';
import { issueClientInvoicesActivity } from './invoices/issue-client-invoices.ts';
import { issueSelfBillingInvoiceActivity } from './payouts/issue-self-billing-invoice.ts';
import { loadPayoutTermsActivity } from './payouts/load-payout-terms.ts';
import { projectMissionActivity } from './read-model/project-mission.ts';
import { projectPayoutActivity } from './read-model/project-payout.ts';
import { projectSessionActivity } from './read-model/project-session.ts';

export interface ActivityDependencies {
  pool: DatabasePool;
  email: { sender: EmailSender; from: string; staffEmail: string; billingEmail: string };
  publicBaseUrl: string;
  /** Defaults to the console's pages under the public address. */
  coordinatorPages?: CoordinatorPageTemplates;
  linkSecrets: string[];
  /** Converts and seals the documents e-mails carry. */
  pdf: PdfRendering;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    projectMission: projectMissionActivity(deps.pool),
    projectSession: projectSessionActivity(deps.pool),
    generateDocument: generateDocumentActivity(deps.pool),
    loadPayoutTerms: loadPayoutTermsActivity(deps.pool),
    loadCompliance: loadComplianceActivity(deps.pool),
    loadClientSettings: loadClientSettingsActivity(deps.pool),
    checkSessionAudit: checkSessionAuditActivity(deps.pool),
    issueSelfBillingInvoice: issueSelfBillingInvoiceActivity(deps.pool),
    issueClientInvoices: issueClientInvoicesActivity(deps.pool),
    projectPayout: projectPayoutActivity(deps.pool),
    sendEmail: sendEmailActivity({
      pool: deps.pool,
      ...deps.email,
      publicBaseUrl: deps.publicBaseUrl,
      coordinatorPages: deps.coordinatorPages ?? defaultCoordinatorPages(deps.publicBaseUrl),
      linkSecrets: deps.linkSecrets,
      pdf: deps.pdf,
    }),
  };
}

export type MissionActivities = ReturnType<typeof createActivities>;
