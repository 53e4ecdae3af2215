// The contract's timestamp formats (spec: info.description, "Timestamps"). A legacy timestamp and its ISO twin are
// rendered from the same instant and zone, so they always name the same moment.

export const DAY_MS = 86_400_000;

/** A zone as a legacy offset (`+0530`) and as an RFC 3339 one (`+05:30`, `Z` for UTC). */
export interface Zone {
  minutes: number;
  legacy: string;
  iso: string;
}

export function zone(minutes: number): Zone {
  const sign = minutes < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
  return { minutes, legacy: `${sign}${hh}${mm}`, iso: minutes === 0 ? 'Z' : `${sign}${hh}:${mm}` };
}

const wallClock = (instant: number, at: Zone) => new Date(instant + at.minutes * 60_000).toISOString();

/** `2024-06-20T12:23:15.000+0530` */
export function legacyTimestamp(instant: number, at: Zone): string {
  return `${wallClock(instant, at).slice(0, 23)}${at.legacy}`;
}

/** `2024-06-20T12:23:15+05:30` (whole seconds, as the vendor sends them) */
export function isoTimestamp(instant: number, at: Zone): string {
  return `${wallClock(instant, at).slice(0, 19)}${at.iso}`;
}

/** `2024-06-20` (UTC calendar date) */
export function calendarDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** `2024-06-20T00:00:00.000Z`, the period fields' format */
export function periodTimestamp(instant: number): string {
  return new Date(instant).toISOString();
}

/** `2024-06-20T00:00:00Z` */
export function periodIsoTimestamp(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

const LEGACY = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})([+-])(\d{2})(\d{2})$/;

/** The instant a legacy timestamp names, or undefined when the text is not one. */
export function parseLegacy(text: string): number | undefined {
  const match = LEGACY.exec(text);
  if (!match) return undefined;
  const offset = (Number(match[3]) * 60 + Number(match[4])) * (match[2] === '-' ? -1 : 1);
  return Date.parse(`${match[1]}Z`) - offset * 60_000;
}

/** The day every generated body lives on: fixed, so that an answer does not change with the day it is asked. */
export const GENERATED_TODAY = Date.UTC(2025, 10, 15, 10, 30, 0);
