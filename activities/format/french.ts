/** How people read dates, times and amounts: the French way, in Europe/Paris unless told otherwise. */
const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** 23/11/2026, from an ISO instant or a YYYY-MM-DD calendar date. */
export function formatDate(value: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return dateFormat.format(instant);
}

/** 1 234,50 € from euro cents. */
export function formatEuros(cents: number): string {
  return euroFormat.format(cents / 100);
}

/** "mardi 12 janvier 2027 à 09:30" in the session's time zone. */
export function formatDateTime(value: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(
    new Date(value),
  );
}

/** "09:30" in the session's time zone. */
export function formatTime(value: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(value),
  );
}
