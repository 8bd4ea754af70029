/**
 * How people read dates, times and amounts: the French way by default (23/11/2026, 1 234,50 €,
 * Europe/Paris), which every legal document uses; the English way for what is written in English
 * (e-mails of a session held in English), in the session's time zone.
 */
import type { Language } from '../../workflows/messages/domain.ts';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }),
  // Spelled out: 03/04 reads as March in some English-speaking countries and April in others.
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
};

/** 23/11/2026 (or 23 November 2026), from an ISO instant or a YYYY-MM-DD calendar date. */
export function formatDate(value: string, language: Language = 'fr'): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return dateFormats[language].format(instant);
}

/** 1 234,50 € (or €1,234.50) from euro cents. */
export function formatEuros(cents: number, language: Language = 'fr'): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** 10,5 (or 10.5): hours and other quantities. */
export function formatNumber(value: number, language: Language = 'fr'): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(value);
}

/** "mardi 12 janvier 2027 à 09:30" (or "Tuesday 12 January 2027 at 09:30") in the session's time zone. */
export function formatDateTime(value: string, timeZone = 'Europe/Paris', language: Language = 'fr'): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(value));
}

/** "09:30" in the session's time zone. */
export function formatTime(value: string, timeZone = 'Europe/Paris', language: Language = 'fr'): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(value),
  );
}

/** "mardi 12 janvier 2027" (or "Tuesday, 12 January 2027") in the session's time zone. */
export function formatFullDate(value: string, timeZone = 'Europe/Paris', language: Language = 'fr'): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, dateStyle: 'full' }).format(new Date(value));
}
