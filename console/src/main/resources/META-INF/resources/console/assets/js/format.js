// How values read on the page.

import {h} from './dom.js';

export const CALL_STATUSES = ['SCHEDULED', 'QUEUED', 'DIALING', 'RINGING', 'ANSWERED', 'COMPLETED', 'BUSY', 'NO_ANSWER', 'FAILED', 'CANCELED'];
export const DISPOSITIONS = ['ANSWERED', 'NO_ANSWER', 'BUSY', 'CONGESTION', 'FAILED', 'CANCELED'];
const IN_FLIGHT = new Set(['QUEUED', 'DIALING', 'RINGING', 'ANSWERED']);

export function inFlight(status) {
  return IN_FLIGHT.has(status);
}

/** A status as a badge: its name in words (never colour alone), its colour from its class. */
export function statusBadge(status) {
  if (!status) return h('span', {class: 'badge', text: '—'});
  return h('span', {class: `badge status-${status.toLowerCase().replace('_', '-')}`, text: status.replace('_', ' ')});
}

/** Who answered, as answering-machine detection found (AMDSTATUS HUMAN, MACHINE, NOTSURE, HANGUP). */
export const ANSWERED_BY = {human: 'Human', machine: 'Machine', notSure: 'Not sure', hangup: 'Hung up during analysis'};

/** Who answered as a badge, in words; '—' for a call without an AMD result. */
export function answeredByBadge(answeredBy) {
  if (!answeredBy) return h('span', {class: 'badge', text: '—'});
  return h('span', {class: `badge answered-${answeredBy.toLowerCase()}`, dataset: {answeredBy}, text: ANSWERED_BY[answeredBy] || answeredBy});
}

export function dateTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', second: '2-digit'});
}

export function timeElement(iso) {
  return iso ? h('time', {datetime: iso, text: dateTime(iso)}) : '—';
}

export function seconds(value) {
  return typeof value === 'number' ? `${value.toFixed(value < 10 ? 1 : 0)} s` : '—';
}

/** Milliseconds as seconds to the hundredth: 2181 reads 2.18 s. */
export function millis(value) {
  return typeof value === 'number' ? `${(value / 1000).toFixed(2)} s` : '—';
}

export function text(value) {
  return value === undefined || value === null || value === '' ? '—' : String(value);
}
