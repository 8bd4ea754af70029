/**
 * The proposal e-mail tells each buyer what their contract asks of them (workflows/rules/contract.ts),
 * in French and in English: sign the agreement and ask the OPCO or the fund, sign the contract
 * with its withdrawal period, book on Mon Compte Formation, let France Travail approve the quote.
 */
import { describe, expect, it } from 'vitest';
import { EMAIL_SAMPLES } from '../../../activities/email/samples.ts';
import { fundingProposal } from '../../../activities/email/templates/funding.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';

const LINK = 'https://missions.example.org/links/funding/t';
type Data = EmailTemplateData['fundingProposal'];

function read(data: Partial<Data>, language: 'fr' | 'en') {
  const content = fundingProposal({ ...EMAIL_SAMPLES.fundingProposal, ...data }, language, LINK);
  return { ...content, text: content.paragraphs.join('\n') };
}

describe('the proposal e-mail, by buyer', () => {
  it('a company funded by its OPCO signs the agreement and forwards it, then reports the decision', () => {
    const fr = read({ funder: 'opco', buyer: 'company' }, 'fr');
    expect(fr.text).toContain('le devis, la convention de formation et le programme');
    expect(fr.text).toContain('Merci de nous retourner la convention signée');
    expect(fr.text).toContain("à l'OPCO de votre entreprise");
    expect(fr.action).toEqual({ label: 'Indiquer la décision du financeur', url: LINK });
    const en = read({ funder: 'opco', buyer: 'company' }, 'en');
    expect(en.text).toContain('the quote, the training agreement and the programme');
    expect(en.text).toContain("your company's OPCO");
  });

  it('a person paying themselves signs the contract and is told of the 14 days to withdraw, with no link to a funder', () => {
    const fr = read({ funder: 'client', buyer: 'individual' }, 'fr');
    expect(fr.text).toContain('le devis, le contrat de formation professionnelle et le programme');
    expect(fr.text).toContain('signez le contrat de formation professionnelle');
    expect(fr.text).toContain(
      'vous disposez de 14 jours pour vous rétracter, de préférence par lettre recommandée avec avis de réception',
    );
    expect(fr.text).toContain('un acompte de 30\u00a0% au plus');
    expect(fr.text).not.toContain('convention');
    expect(fr.action).toBeUndefined();
    const en = read({ funder: 'client', buyer: 'individual' }, 'en');
    expect(en.text).toContain('you have 14 days to withdraw, preferably by registered letter');
  });

  it('says the internal rules are attached when the sending activity attached them (L6353-8)', () => {
    const data = { ...EMAIL_SAMPLES.fundingProposal, funder: 'client', buyer: 'individual' as const };
    const with_ = fundingProposal(data, 'fr', LINK, new Set(['internalRules'])).paragraphs.join('\n');
    expect(with_).toContain('Le règlement intérieur applicable à la formation est joint');
    const without = fundingProposal(data, 'en', LINK, new Set()).paragraphs.join('\n');
    expect(without).not.toContain('internal rules');
  });

  it('a CPF learner books on moncompteformation.gouv.fr, with nothing to sign nor to "send to their CPF"', () => {
    const fr = read({ funder: 'cpf', buyer: 'individual' }, 'fr');
    expect(fr.text).toContain('le programme et le devis');
    expect(fr.text).toContain('moncompteformation.gouv.fr');
    expect(fr.text).toContain('choisissez la session du 12/01/2027');
    expect(fr.text).toContain('il n’y a rien à nous signer ni à envoyer');
    expect(fr.text).not.toMatch(/votre CPF|convention/);
    expect(fr.action?.label).toBe('Indiquer où en est votre inscription');
    const en = read({ funder: 'cpf', buyer: 'individual' }, 'en');
    expect(en.text).toContain('choose the session on 12 January 2027');
    expect(en.text).not.toContain('agreement');
  });

  it('a job seeker lets France Travail approve the quote on Kairos and pays nothing', () => {
    const fr = read({ funder: 'france_travail', buyer: 'individual' }, 'fr');
    expect(fr.text).toContain('le devis et le programme');
    expect(fr.text).toContain('Kairos');
    expect(fr.text).toContain('Vous n’avez rien à payer');
    expect(fr.action?.label).toBe('Indiquer la décision de France Travail');
  });

  it('an independent funded by FIFPL signs the agreement, pays and claims the reimbursement', () => {
    const fr = read({ funder: 'fifpl', buyer: 'independent' }, 'fr');
    expect(fr.text).toContain('Merci de nous retourner la convention signée');
    expect(fr.text).toContain(
      'remboursement au FIFPL sur fifpl.fr, au plus tard 10 jours après le premier jour',
    );
    const en = read({ funder: 'agefice', buyer: 'independent' }, 'en');
    expect(en.text).toContain('claim the reimbursement from AGEFICE before the training starts');
  });

  it('a proposal sent before the buyer was recorded reads as it did: the agreement to sign', () => {
    const { buyer: _buyer, ...before } = EMAIL_SAMPLES.fundingProposal;
    const text = fundingProposal({ ...before, funder: 'client' }, 'fr', LINK).paragraphs.join('\n');
    expect(text).toContain('Merci de nous retourner la convention signée');
  });
});
