/**
 * The pages speak the session's language (French by default). Each page keeps its own words
 * beside its markup as `{ fr, en }` pairs; dates, times and amounts follow the language's own
 * conventions and the session's time zone.
 */
import { LANGUAGES, type Language } from '../workflows/messages/domain.ts';

export type { Language };

export type Words = Record<Language, string>;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export function formatDay(iso: string, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return `${formatDay(iso, language, timeZone)}, ${formatTime(iso, language, timeZone)}`;
}

export function formatMoney(cents: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A number typed the French way ("1 234,50") or the English way ("1,234.50"), in cents. */
export function parseAmountCents(raw: string): number | null {
  const compact = raw.replace(/[\s\u00a0\u202f€]/g, '');
  if (!/^\d+([.,]\d{1,2})?$/.test(compact)) return null;
  return Math.round(Number(compact.replace(',', '.')) * 100);
}
