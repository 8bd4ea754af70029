/**
 * The Factur-X XML (factur-x.xml): UN/CEFACT Cross Industry Invoice D16B at the EN 16931 profile,
 * the profile French B2B exchange accepts with every mandatory business term (Factur-X 1.0.7,
 * §5: MINIMUM and BASIC WL are not invoices in France). Elements are written in the order the
 * XSD's sequences fix; a missing or misplaced one fails the schema, which tests check with the
 * independent `factur-x` validator (XSD and EN 16931 Schematron).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { type EInvoice, type EInvoiceParty, eInvoiceTotals } from './model.ts';

export const FACTURX_FILENAME = 'factur-x.xml';
export const FACTURX_PROFILE = 'EN 16931';
const GUIDELINE = 'urn:cen.eu:en16931:2017';
const BILLING_FRAMEWORK = 'S1';

const NAMESPACES = {
  'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

const amount = (cents: number) => (cents / 100).toFixed(2);
const date102 = (isoDate: string) => isoDate.replaceAll('-', '');

function text(
  parent: XMLBuilder,
  name: string,
  value: string,
  attributes?: Record<string, string>,
): XMLBuilder {
  return parent.ele(name, attributes).txt(value).up();
}

function dateTime(parent: XMLBuilder, name: string, isoDate: string): void {
  parent.ele(name).ele('udt:DateTimeString', { format: '102' }).txt(date102(isoDate));
}

function party(parent: XMLBuilder, name: string, value: EInvoiceParty): void {
  const node = parent.ele(name);
  text(node, 'ram:Name', value.name);
  // 0002: the SIRENE register's scheme (ISO 6523 ICD), as the French CIUS identifies companies.
  if (value.siren)
    node.ele('ram:SpecifiedLegalOrganization').ele('ram:ID', { schemeID: '0002' }).txt(value.siren);
  const address = node.ele('ram:PostalTradeAddress');
  text(address, 'ram:PostcodeCode', value.address.postalCode);
  text(address, 'ram:LineOne', value.address.line);
  text(address, 'ram:CityName', value.address.city);
  text(address, 'ram:CountryID', value.address.country);
  // BT-34/BT-49: where the e-invoicing platforms deliver it; 0225 is the French directory's SIREN scheme.
  if (value.siren)
    node.ele('ram:URIUniversalCommunication').ele('ram:URIID', { schemeID: '0225' }).txt(value.siren);
  if (value.vatNumber)
    node.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(value.vatNumber);
}

function tax(
  parent: XMLBuilder,
  invoice: EInvoice,
  basisCents: number | null,
  taxCents: number | null,
): void {
  const node = parent.ele('ram:ApplicableTradeTax');
  if (taxCents !== null) text(node, 'ram:CalculatedAmount', amount(taxCents));
  text(node, 'ram:TypeCode', 'VAT');
  if (taxCents !== null && invoice.vat.kind === 'exempt')
    text(node, 'ram:ExemptionReason', invoice.vat.mention);
  if (basisCents !== null) text(node, 'ram:BasisAmount', amount(basisCents));
  text(node, 'ram:CategoryCode', invoice.vat.kind === 'exempt' ? 'E' : 'S');
  text(
    node,
    'ram:RateApplicablePercent',
    invoice.vat.kind === 'exempt' ? '0' : String(invoice.vat.ratePercent),
  );
}

export function facturXml(invoice: EInvoice): string {
  const totals = eInvoiceTotals(invoice);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('rsm:CrossIndustryInvoice', NAMESPACES);
  const context = root.ele('rsm:ExchangedDocumentContext');
  // BT-23, the French "cadre de facturation": S1, an invoice for services (décret 2022-1299's
  // nature of the operations in structured form).
  context.ele('ram:BusinessProcessSpecifiedDocumentContextParameter').ele('ram:ID').txt(BILLING_FRAMEWORK);
  context.ele('ram:GuidelineSpecifiedDocumentContextParameter').ele('ram:ID').txt(GUIDELINE);

  const document = root.ele('rsm:ExchangedDocument');
  text(document, 'ram:ID', invoice.number);
  text(document, 'ram:TypeCode', invoice.typeCode);
  dateTime(document, 'ram:IssueDateTime', invoice.issuedOn);
  for (const note of invoice.notes) {
    const node = document.ele('ram:IncludedNote');
    text(node, 'ram:Content', note.text);
    text(node, 'ram:SubjectCode', note.subject);
  }

  const transaction = root.ele('rsm:SupplyChainTradeTransaction');
  invoice.lines.forEach((line, index) => {
    const item = transaction.ele('ram:IncludedSupplyChainTradeLineItem');
    item
      .ele('ram:AssociatedDocumentLineDocument')
      .ele('ram:LineID')
      .txt(String(index + 1));
    const product = item.ele('ram:SpecifiedTradeProduct');
    text(product, 'ram:Name', line.name);
    if (line.description) text(product, 'ram:Description', line.description);
    item
      .ele('ram:SpecifiedLineTradeAgreement')
      .ele('ram:NetPriceProductTradePrice')
      .ele('ram:ChargeAmount')
      .txt(amount(line.netCents));
    // C62: "one", a whole service priced as such; the hours are in the description.
    item.ele('ram:SpecifiedLineTradeDelivery').ele('ram:BilledQuantity', { unitCode: 'C62' }).txt('1');
    const settlement = item.ele('ram:SpecifiedLineTradeSettlement');
    tax(settlement, invoice, null, null);
    settlement
      .ele('ram:SpecifiedTradeSettlementLineMonetarySummation')
      .ele('ram:LineTotalAmount')
      .txt(amount(line.netCents));
  });

  const agreement = transaction.ele('ram:ApplicableHeaderTradeAgreement');
  party(agreement, 'ram:SellerTradeParty', invoice.seller);
  party(agreement, 'ram:BuyerTradeParty', invoice.buyer);
  if (invoice.contractReference)
    agreement
      .ele('ram:ContractReferencedDocument')
      .ele('ram:IssuerAssignedID')
      .txt(invoice.contractReference);

  const delivery = transaction.ele('ram:ApplicableHeaderTradeDelivery');
  dateTime(delivery.ele('ram:ActualDeliverySupplyChainEvent'), 'ram:OccurrenceDateTime', invoice.deliveredOn);

  const settlement = transaction.ele('ram:ApplicableHeaderTradeSettlement');
  text(settlement, 'ram:PaymentReference', invoice.number);
  text(settlement, 'ram:InvoiceCurrencyCode', 'EUR');
  tax(settlement, invoice, totals.netCents, totals.vatCents);
  const terms = settlement.ele('ram:SpecifiedTradePaymentTerms');
  text(terms, 'ram:Description', invoice.paymentTerms);
  dateTime(terms, 'ram:DueDateDateTime', invoice.dueOn);
  const summation = settlement.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  text(summation, 'ram:LineTotalAmount', amount(totals.netCents));
  text(summation, 'ram:TaxBasisTotalAmount', amount(totals.netCents));
  text(summation, 'ram:TaxTotalAmount', amount(totals.vatCents), { currencyID: 'EUR' });
  text(summation, 'ram:GrandTotalAmount', amount(totals.grossCents));
  text(summation, 'ram:DuePayableAmount', amount(totals.grossCents));

  return root.end({ prettyPrint: true });
}
