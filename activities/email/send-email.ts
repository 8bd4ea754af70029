import { createHash } from 'node:crypto';
import { ApplicationFailure, log } from '@temporalio/activity';
import type { DatabasePool } from '../../db/pool.ts';
import { findEmailLog, insertEmailLog } from '../../db/queries/email-log.ts';
import { currentOrganisationSettings } from '../../db/queries/organisation-settings.ts';
import { type CoordinatorPageTemplates, coordinatorPage } from '../../links/coordinator-pages.ts';
import { LINK_PATHS } from '../../links/link-paths.ts';
import { signLink } from '../../links/link-tokens.ts';
import type { EmailOutcome, EmailRequest } from '../../workflows/messages/email.ts';
import { isConvertible, type PdfRendering, sealedPdfOf } from '../documents/pdf/sealed-pdf.ts';
import { findDocument } from '../documents/store.ts';
import {
  cancellationAttachments,
  convocationAttachments,
  internalRulesMissingEmail,
} from './convocation-attachments.ts';
import { mailbox } from './headers.ts';
import { emailIdentity, layout } from './layout.ts';
import { proposalAttachments } from './proposal-attachments.ts';
import type { EmailSender } from './sender.ts';
import { renderTemplate } from './templates/index.ts';
import type { AttachedFile } from './templates/send-context.ts';

export interface EmailDependencies {
  pool: DatabasePool;
  sender: EmailSender;
  from: string;
  /** The association's staff mailbox, for escalations. */
  staffEmail: string;
  /** The billing team's mailbox: invoices to issue, providers to pay. */
  billingEmail: string;
  publicBaseUrl: string;
  /** Where coordinators' and staff's buttons lead (their front end). */
  coordinatorPages: CoordinatorPageTemplates;
  linkSecrets: string[];
  /** Generated Word documents go out as their sealed PDF. */
  pdf: PdfRendering;
}

/**
 * Sends one e-mail at most once per idempotency key and logs it. A refused address is logged
 * and returned as `rejected`, never thrown: a bounced e-mail must not fail a mission.
 */
export function sendEmailActivity(deps: EmailDependencies) {
  return async function sendEmail(request: EmailRequest): Promise<EmailOutcome> {
    const logged = await findEmailLog(deps.pool, request.idempotencyKey);
    if (logged) return { status: logged.status, providerMessageId: logged.providerMessageId };

    // Minted here, not in the workflow: the secret never enters workflow history. The token's id
    // comes from the idempotency key, so a retry renders the same e-mail, byte for byte.
    const action = request.link
      ? `${deps.publicBaseUrl}/links/${LINK_PATHS[request.link.purpose]}/${await signLink(deps.linkSecrets, { ...request.link, tokenId: createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 32) })}`
      : undefined;
    // Who the e-mail is from is the organisation's settings, read now: never workflow data.
    const organisation = await currentOrganisationSettings(deps.pool);
    const { settings } = organisation;
    // A convocation's own files (programme, internal rules, calendar): its text says which it carries.
    const own =
      request.template === 'convocation'
        ? await convocationAttachments(deps, request, organisation)
        : request.template === 'fundingProposal'
          ? { ...(await proposalAttachments(deps.pool, request, organisation)), offer: undefined }
          : request.template === 'sessionCancelledParticipant'
            ? await cancellationAttachments(deps.pool, request)
            : { files: [], attached: new Set<AttachedFile>(), offer: undefined };
    if (request.template === 'convocation' && !own.attached.has('internalRules'))
      await sendEmail(internalRulesMissingEmail(request));
    const content = renderTemplate(
      request,
      {
        coordinatorPage: coordinatorPage(deps.coordinatorPages, request.missionId, request.sessionId),
        action,
      },
      { settings, attached: own.attached, offer: own.offer },
    );
    // The logo by address, not as an inline `cid:` attachment: the sender's contract (sender.ts,
    // Resend) carries plain attachments only, an inline one would add the logo's bytes to every
    // e-mail and show as an attachment in some clients, and a file id's URL is cached for good.
    const logo = organisation.files.logo;
    const logoUrl = logo ? `${deps.publicBaseUrl}/organisation/logo/${logo.fileId}` : undefined;
    const rendered = await layout(
      content,
      request.language,
      emailIdentity(settings, request.language, logoUrl),
    );
    const recipient =
      request.to === 'staff'
        ? { email: deps.staffEmail, name: '' }
        : request.to === 'billing'
          ? { email: deps.billingEmail, name: '' }
          : request.to;
    const to = mailbox(recipient.name, recipient.email);
    // All at once: the converter turns the documents of one e-mail (a proposal's three) in one run.
    const attachments = await Promise.all(
      (request.attachments ?? []).map(async ({ documentId }) => {
        const document = await findDocument(deps.pool, documentId);
        if (!document)
          throw ApplicationFailure.nonRetryable(
            `attachment ${documentId} does not exist`,
            'MISSING_ATTACHMENT',
          );
        // Whatever a person receives is a sealed PDF (DESIGN.md §5); uploads (PDF, images) go as they came.
        const sent = isConvertible(document) ? await sealedPdfOf(deps.pool, deps.pdf, document) : document;
        return { filename: sent.filename, contentType: sent.contentType, content: sent.bytes };
      }),
    );
    attachments.push(...own.files);
    const replyTo = request.replyTo
      ? mailbox(request.replyTo.name, request.replyTo.email)
      : (settings.email.replyTo ?? undefined);
    // The address stays the deployment's (EMAIL_FROM): only a domain verified with the provider may send.
    const from = mailbox(settings.email.senderName, addressOf(deps.from));
    const result = await deps.sender.send(
      { from, to, ...(replyTo ? { replyTo } : {}), ...rendered, attachments },
      request.idempotencyKey,
    );
    const outcome: EmailOutcome =
      result.status === 'sent'
        ? { status: 'sent', providerMessageId: result.providerMessageId }
        : { status: 'rejected', providerMessageId: null };
    if (result.status === 'rejected')
      log.warn('e-mail rejected', {
        template: request.template,
        missionId: request.missionId,
        reason: result.reason,
      });

    await insertEmailLog(deps.pool, {
      idempotencyKey: request.idempotencyKey,
      missionId: request.missionId,
      sessionId: request.sessionId,
      recipient: recipient.email,
      template: request.template,
      language: request.language,
      subject: rendered.subject,
      status: outcome.status,
      provider: deps.sender.name,
      providerMessageId: outcome.providerMessageId,
      error: result.status === 'rejected' ? result.reason : null,
    });
    return outcome;
  };
}

/** "Missions <missions@example.org>" → "missions@example.org". */
function addressOf(mailboxOrAddress: string): string {
  return /<([^<>]+)>\s*$/.exec(mailboxOrAddress)?.[1] ?? mailboxOrAddress.trim();
}
