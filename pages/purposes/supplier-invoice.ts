/**
 * A provider who is not self-billed (abroad, or without a mandate) sends their own invoice for a
 * payout: what is expected, the amount, and a file input with its limits stated.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import {
  SUPPLIER_INVOICE_MAX_BYTES,
  uploadSupplierInvoice,
} from '../../api/links/upload-supplier-invoice.ts';
import { ProblemError } from '../../api/problems.ts';
import { sniffUpload } from '../../api/uploads/sniff.ts';
import { findMission } from '../../db/queries/missions.ts';
import { findProviderPayout, type ProviderPayoutRecord } from '../../db/queries/payouts.ts';
import { isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { button, fileField, form, panel, summaryList } from '../forms.ts';
import { html } from '../html.ts';
import { formatDay, formatMoney, type Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { statePage } from '../link-states.ts';
import { pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { PAGE_SURFACE } from '../surface.ts';

const T = {
  title: { fr: 'Envoyer votre facture', en: 'Send your invoice' },
  hello: { fr: 'Bonjour', en: 'Hello' },
  intro: {
    fr: 'l’association vous règle votre rétribution pour cette mission sur présentation de votre facture.',
    en: 'the association pays you for this mission on receipt of your invoice.',
  },
  mission: { fr: 'Mission', en: 'Mission' },
  client: { fr: 'Client', en: 'Client' },
  amount: { fr: 'Montant à facturer', en: 'Amount to invoice' },
  lines: { fr: 'Prestations', en: 'Services' },
  expected: {
    fr: 'Votre facture doit être adressée à l’association, porter vos coordonnées, la date, les prestations ci-dessus et le montant.',
    en: 'Your invoice must be addressed to the association and show your details, the date, the services above and the amount.',
  },
  file: { fr: 'Votre facture', en: 'Your invoice' },
  fileHint: {
    fr: 'Un fichier PDF, PNG ou JPEG de 10 Mo au plus.',
    en: 'A PDF, PNG or JPEG file of 10 MB at most.',
  },
  fileMissing: { fr: 'Choisissez le fichier de votre facture', en: 'Choose your invoice file' },
  fileType: {
    fr: 'Le fichier doit être un PDF, un PNG ou un JPEG',
    en: 'The file must be a PDF, a PNG or a JPEG',
  },
  fileSize: { fr: 'Le fichier doit faire 10 Mo au plus', en: 'The file must be 10 MB at most' },
  send: { fr: 'Envoyer la facture', en: 'Send the invoice' },
  received: { fr: 'Facture reçue', en: 'Invoice received' },
  receivedBody: {
    fr: 'Merci. L’équipe de facturation de l’association l’a reçue et procédera au paiement. Les rappels s’arrêtent.',
    en: 'Thank you. The association’s billing team has received it and will pay you. The reminders stop.',
  },
  paid: { fr: 'Cette rétribution est payée', en: 'This payout has been paid' },
};

async function readUpload(file: MultipartFile | undefined): Promise<Buffer | 'missing' | 'too-large'> {
  if (!file?.filename) return 'missing';
  try {
    const bytes = await file.toBuffer();
    return bytes.length === 0 ? 'missing' : bytes;
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return 'too-large';
    throw error;
  }
}

export function supplierInvoicePages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'supplierInvoice');
    const payout = await findProviderPayout(deps.pool, claims.subjectId);
    const mission = payout && (await findMission(deps.pool, payout.missionId));
    if (!payout || !mission) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    return { claims, payout, mission };
  }

  function facts(payout: ProviderPayoutRecord, missionTitle: string, clientName: string, language: Language) {
    return summaryList([
      { key: T.mission[language], value: missionTitle },
      { key: T.client[language], value: clientName },
      {
        key: T.lines[language],
        value: html`${payout.lines.map(
          (line, index) =>
            html`${index > 0 ? html`<br>` : ''}${line.title} (${formatDay(line.date, language)}) — ${formatMoney(line.amountCents, language)}`,
        )}`,
      },
      {
        key: T.amount[language],
        value: html`<strong>${formatMoney(payout.totalCents ?? 0, language)}</strong>`,
      },
    ]);
  }

  function render(
    loaded: Awaited<ReturnType<typeof load>>,
    language: Language,
    path: string,
    errors: FieldError[] = [],
  ) {
    const { payout, mission } = loaded;
    return renderPage({
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.hello[language]} ${payout.providerName}, ${T.intro[language]}</p>
${facts(payout, mission.title, mission.clientName, language)}
<p>${T.expected[language]}</p>
${form(
  path,
  html`${fileField({ id: 'invoice', label: T.file[language], hint: T.fileHint[language], errors, accept: 'application/pdf,image/png,image/jpeg' })}
${button(T.send[language])}`,
  { multipart: true },
)}`,
    });
  }

  app.get<{ Params: { token: string } }>(
    '/links/supplier-invoices/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      const language = pageLanguage(request);
      const loaded = await load(request.params.token);
      const used = await isLinkTokenUsed(deps.pool, loaded.claims.tokenId);
      if (used || loaded.payout.status !== 'awaiting_invoice') {
        if (loaded.payout.status === 'pricing')
          return sendHtml(reply, 409, statePage('refused', language).body);
        const done = loaded.payout.status === 'paid' ? T.paid[language] : T.received[language];
        return sendHtml(
          reply,
          200,
          renderPage({
            language,
            title: T.title[language],
            path: request.url,
            body: html`<h1>${T.title[language]}</h1>
${panel(done, T.receivedBody[language])}
${facts(loaded.payout, loaded.mission.title, loaded.mission.clientName, language)}`,
          }),
        );
      }
      return sendHtml(reply, 200, render(loaded, language, request.url));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/supplier-invoices/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true }, bodyLimit: SUPPLIER_INVOICE_MAX_BYTES + 64 * 1024 },
    async (request, reply) => {
      const language = pageLanguage(request);
      const loaded = await load(request.params.token);
      if (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)) return redirectToPage(reply, request);
      const upload = await readUpload(request.isMultipart() ? await request.file() : undefined);
      const problem =
        upload === 'missing'
          ? T.fileMissing[language]
          : upload === 'too-large'
            ? T.fileSize[language]
            : sniffUpload(upload)
              ? null
              : T.fileType[language];
      if (problem || typeof upload === 'string')
        return sendHtml(
          reply,
          422,
          render(loaded, language, request.url, [
            { field: 'invoice', message: problem ?? T.fileMissing[language] },
          ]),
        );
      await uploadSupplierInvoice(deps, loaded.claims, upload);
      return redirectToPage(reply, request);
    },
  );
}
