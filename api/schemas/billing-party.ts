import { Type } from 'typebox';
import { oneLine } from './one-line.ts';

export const ClientBillingParamsSchema = Type.Object({
  clientName: oneLine(200, "The client's name, exactly as its missions carry it"),
});

export const OpcoBillingParamsSchema = Type.Object({
  companySiren: Type.String({
    pattern: '^[0-9]{9}$',
    description: 'The SIREN of the company the OPCO funds',
  }),
});

export const BillingPartyBodySchema = Type.Object(
  {
    legalName: oneLine(200, 'The name the invoice is addressed to'),
    addressLine: oneLine(200, 'Street and number'),
    postalCode: Type.String({ pattern: '^[0-9]{5}$', description: 'French postal code, 5 digits' }),
    city: oneLine(100),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, FR for France' }),
    siren: Type.Union([Type.String({ pattern: '^[0-9]{9}$' }), Type.Null()], {
      description:
        'The SIREN French invoices quote (CGI annex II art. 242 nonies A); null for a private person',
    }),
    vatNumber: Type.Union([Type.String({ pattern: '^[A-Z]{2}[0-9A-Z]{2,13}$' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const BillingPartySchema = Type.Object({
  partyKey: Type.String({ description: 'client:<name> or opco:<company SIREN>, as invoicing looks it up' }),
  ...BillingPartyBodySchema.properties,
});
