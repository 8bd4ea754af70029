/**
 * An invoice as EN 16931 sees it, whatever document shows it: the client and funder invoices
 * and the self-billing invoice each map onto it, and the CII XML (cii.ts) is written from it.
 * Amounts in cents; dates YYYY-MM-DD.
 */

export interface EInvoiceAddress {
  line: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface EInvoiceParty {
  name: string;
  /** 9 digits: the identifier CGI annex II art. 242 nonies A I 1° asks of both parties since décret 2022-1299. */
  siren: string | null;
  vatNumber: string | null;
  address: EInvoiceAddress;
}

export type EInvoiceVat =
  /** Exempt or outside VAT's scope: the mention that makes the price legal without VAT (CGI art. 261-4-4° a, 293 B). */
  { kind: 'exempt'; mention: string } | { kind: 'standard'; ratePercent: number };

export interface EInvoiceLine {
  name: string;
  /** More on the line: dates, hours, trainees. */
  description: string | null;
  netCents: number;
}

/** UNTDID 4451 subject codes the French CIUS asks of an invoice's legal notes. */
export type NoteSubject = 'PMT' | 'PMD' | 'AAB' | 'AAI';

export interface EInvoice {
  number: string;
  /** UNTDID 1001: 380 commercial invoice, 389 self-billed invoice. */
  typeCode: '380' | '389';
  issuedOn: string;
  dueOn: string;
  /** The last day the service was delivered (BT-72). */
  deliveredOn: string;
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  lines: EInvoiceLine[];
  vat: EInvoiceVat;
  /** The funder's agreement number or another contract reference (BT-12). */
  contractReference: string | null;
  paymentTerms: string;
  notes: { subject: NoteSubject; text: string }[];
}

export interface EInvoiceTotals {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** VAT is rounded once, on the total, to the cent (as the self-billing invoice does). */
export function eInvoiceTotals(invoice: Pick<EInvoice, 'lines' | 'vat'>): EInvoiceTotals {
  const netCents = invoice.lines.reduce((sum, line) => sum + line.netCents, 0);
  const vatCents = invoice.vat.kind === 'exempt' ? 0 : Math.round((netCents * invoice.vat.ratePercent) / 100);
  return { netCents, vatCents, grossCents: netCents + vatCents };
}

/** "12 rue de la République, 69002 Lyon": the settings' one-line address split as EN 16931 wants it. */
export function splitFrenchAddress(address: string): EInvoiceAddress {
  const match = /^(.*?),?\s*(\d{5})\s+([^,]+)$/.exec(address.trim());
  if (!match) throw new RangeError(`cannot read a postal code and a city in the address "${address}"`);
  return {
    line: match[1]?.replace(/,\s*$/, '') ?? '',
    postalCode: match[2] ?? '',
    city: match[3] ?? '',
    country: 'FR',
  };
}

/** The SIREN is the SIRET's first nine digits. */
export function sirenOf(siret: string | null): string | null {
  return siret && /^\d{14}$/.test(siret) ? siret.slice(0, 9) : siret && /^\d{9}$/.test(siret) ? siret : null;
}
