// One call: its record, its recording, its timeline, its webhook deliveries and, while it is in flight,
// cancel. Follows the call live (polling, paused while the tab is hidden) until its status is final
// and, for a recorded call, its recording stored.

import {ApiError} from '../api.js';
import {h, replace, state} from '../dom.js';
import {SCHEDULED_REASONS, answeredByBadge, dateTime, inFlight, millis, seconds, statusBadge, text, timeElement} from '../format.js';
import {poll} from '../poller.js';
import {placedVariables} from './placed-calls.js';
import {timeline} from './timeline.js';
import {awaitingRecording, noRecording, recordingPart} from './call-recording.js';
import {attemptsPart} from './call-retry.js';

const LIVE_MS = 1500;

function record(call) {
  const rows = [
    ['Status', statusBadge(call.status)],
    ['To', text(call.to)],
    ['From', text(call.from)],
    ['Caller-ID chosen', text(call.callerIdReason)],
    ['Disposition', text(call.disposition)],
    ['Hang-up cause', call.cause ? `${call.cause.code}${call.cause.text ? ` ${call.cause.text}` : ''}` : '—'],
    ['Failure', call.failureReason ? text(call.failureReason) : null],
    ['Context', text(call.context)],
    ['Transfer number', text(call.transferNumber)],
    ['Prompt', call.prompt ? text(call.prompt) : null],
    ['Created', timeElement(call.createdAt)],
    ['Not before', call.notBefore ? timeElement(call.notBefore) : null],
    ['Scheduled because', call.scheduledReason ? text(SCHEDULED_REASONS[call.scheduledReason] || call.scheduledReason) : null],
    ['Dialed', timeElement(call.dialedAt)],
    ['Ringing', timeElement(call.ringingAt)],
    ['Answered', timeElement(call.answeredAt)],
    ['Ended', timeElement(call.endedAt)],
    ['Cancel requested', call.cancelRequestedAt ? timeElement(call.cancelRequestedAt) : null],
    ['Ring time', seconds(call.ringSeconds)],
    ['Talk time', seconds(call.talkSeconds)],
    ['Journey', call.journey ? [call.journey.journeyId, call.journey.stepId ? ` · step ${call.journey.stepId}` : '']
      .join('') : null],
  ];
  return definitions('call-record', rows);
}

/** Rows of [name, value] as a definition list; a row whose value is null is left out. */
function definitions(id, rows) {
  return h('dl', {class: 'record', id},
    rows.filter(([, value]) => value !== null).map(([name, value]) => [h('dt', {text: name}), h('dd', {}, value)]));
}

/** The AMD part of the record: only for a call dialed with AMD (the API gives those voicemailLeft). */
function amdRecord(call) {
  if (call.voicemailLeft === undefined && !call.amdStatus) return null;
  const pending = !call.amdStatus;
  const rows = [
    ['Answered by', pending ? (inFlight(call.status) ? 'Not known yet: the analysis runs after the answer' : 'No result was reported') : answeredByBadge(call.answeredBy)],
    ['AMDSTATUS', pending ? null : h('span', {class: 'mono', text: call.amdStatus})],
    ['AMDCAUSE', pending ? null : h('span', {class: 'mono', text: call.amdCause || '— (none: the far end hung up)'})],
    ['Time to result', pending ? null : [millis(call.amdMillis), typeof call.amdMillis === 'number' ? ' after the answer' : '']],
    ['Voicemail left', call.voicemailLeft ? 'Yes' : 'No'],
    ['Voicemail left at', call.voicemailLeftAt ? timeElement(call.voicemailLeftAt) : null],
  ];
  return h('section', {'aria-labelledby': 'amd-title'},
    h('h2', {id: 'amd-title', text: 'Answering-machine detection'}),
    definitions('amd-record', rows));
}

function variables(callId) {
  const placed = placedVariables(callId);
  if (!placed || Object.keys(placed).length === 0) return null;
  return h('section', {'aria-labelledby': 'variables-title'},
    h('h2', {id: 'variables-title', text: 'Variables (as placed from this tab)'}),
    h('dl', {class: 'record', id: 'call-variables'},
      Object.entries(placed).map(([name, value]) => [h('dt', {class: 'mono', text: name}), h('dd', {text: value})])));
}

function eventsTable(events) {
  const cell = (label, content) => h('td', {'data-label': label}, content);
  return h('table', {class: 'events', id: 'events-table'},
    h('thead', {}, h('tr', {}, ['#', 'Time', 'Event', 'Channel', 'Fields'].map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, events.map((event) => h('tr', {},
      cell('#', String(event.seq)),
      cell('Time', h('time', {datetime: event.at, text: new Date(event.at).toISOString().slice(11, 23)})),
      cell('Event', event.name),
      cell('Channel', h('span', {class: 'mono', text: event.channel || '—'})),
      cell('Fields', Object.entries(event.fields || {}).map(([name, value]) => `${name}=${value}`).join(', ') || '—')))));
}

function deliveries(list) {
  if (!list || list.length === 0) {
    return state('empty', 'No webhook deliveries for this call (no webhook subscribes to its events, or none yet).');
  }
  const cell = (label, content) => h('td', {'data-label': label}, content);
  return h('table', {class: 'deliveries', id: 'deliveries-table'},
    h('thead', {}, h('tr', {}, ['Event', 'State', 'Attempts', 'Last answer', 'Next attempt'].map((name) => h('th', {scope: 'col', text: name})))),
    h('tbody', {}, list.map((delivery) => {
      const last = delivery.attempts?.[delivery.attempts.length - 1];
      const answer = last ? `${last.statusCode ?? 'no answer'}${last.error ? ` (${last.error})` : ''} in ${last.latencyMs} ms` : '—';
      return h('tr', {},
        cell('Event', delivery.type),
        cell('State', [delivery.state, delivery.reason ? ` — ${delivery.reason}` : '']),
        cell('Attempts', String(delivery.attempts?.length ?? 0)),
        cell('Last answer', answer),
        cell('Next attempt', delivery.nextAttemptAt ? dateTime(delivery.nextAttemptAt) : '—'));
    })));
}

export function mount(container, {params, api, setTitle}) {
  const callId = params.callId;
  setTitle(`Call ${callId}`);
  const status = h('div', {'aria-live': 'polite', id: 'call-status-line'});
  const actions = h('div', {class: 'actions'});
  const notice = h('div', {id: 'cancel-result', role: 'status'});
  const body = h('div', {'aria-busy': 'true'}, state('loading', 'Loading the call…'));
  replace(container,
    h('p', {}, h('a', {href: '#/calls', text: '← All calls'})),
    h('div', {class: 'page-head'}, h('h1', {}, 'Call ', h('span', {class: 'mono', text: callId})), actions),
    status, notice, body);

  let call = null;
  let drawn = '';
  let stopPolling = () => {};
  // The recording part is kept across redraws while it shows the same recording, so the player plays on.
  let recording = {key: null, node: null, deleted: false};

  const recordingNode = () => {
    const key = call.recording ? `stored ${call.recording.storedAt}` : `none ${recording.deleted} ${awaitingRecording(call)}`;
    if (key !== recording.key) {
      recording.key = key;
      recording.node = call.recording
        ? recordingPart(callId, call.recording, api, () => {
          recording.deleted = true;
          load();
        })
        : noRecording(call, recording.deleted);
    }
    return recording.node;
  };

  const cancel = async (button) => {
    button.disabled = true;
    button.textContent = 'Canceling…';
    try {
      const answer = await api.send('POST', `/calls/${encodeURIComponent(callId)}/cancel`);
      replace(notice, state('notice', answer.status === 202
        ? 'The bridge was asked to hang the call up; it ends CANCELED shortly.' : 'The call was canceled before it was dialed.'));
      await load();
    } catch (e) {
      replace(notice, state('error', `The call could not be canceled: ${e.message}`));
      button.disabled = false;
      button.textContent = 'Cancel call';
    }
  };

  const draw = () => {
    replace(status, h('p', {}, statusBadge(call.status), inFlight(call.status) ? ' Following the call live…' : ''));
    replace(actions, inFlight(call.status) && !call.cancelRequestedAt
      ? h('button', {type: 'button', class: 'danger', id: 'cancel-call', text: 'Cancel call', onclick: (event) => cancel(event.currentTarget)})
      : null);
    const events = call.events || [];
    replace(body,
      h('section', {'aria-labelledby': 'record-title'}, h('h2', {id: 'record-title', text: 'Record'}), record(call)),
      amdRecord(call),
      attemptsPart(call),
      recordingNode(),
      variables(callId),
      h('section', {'aria-labelledby': 'timeline-heading'}, h('h2', {id: 'timeline-heading', text: 'Timeline'}),
        events.length ? timeline(events) : state('empty', inFlight(call.status) ? 'No events yet: the call has not reached Asterisk.' : 'No events were recorded for this call.'),
        events.length ? h('details', {}, h('summary', {text: `All ${events.length} events`}), eventsTable(events)) : null),
      h('section', {'aria-labelledby': 'deliveries-title'}, h('h2', {id: 'deliveries-title', text: 'Webhook deliveries'}),
        deliveries(call.webhookDeliveries)));
    body.setAttribute('aria-busy', 'false');
  };

  const load = async () => {
    try {
      call = await api.get(`/calls/${encodeURIComponent(callId)}`);
      const signature = JSON.stringify(call);
      if (signature !== drawn) {
        drawn = signature;
        draw();
      }
      return inFlight(call.status) || (call.webhookDeliveries || []).some((d) => d.state === 'PENDING')
        || (awaitingRecording(call) && !recording.deleted);
    } catch (e) {
      const message = e instanceof ApiError && e.status === 404 ? 'There is no such call for your tenant.' : `The call could not be read: ${e.message}`;
      replace(body, state('error', message));
      body.setAttribute('aria-busy', 'false');
      return !(e instanceof ApiError && e.status < 500);
    }
  };

  load().then((again) => {
    if (again) stopPolling = poll(load, LIVE_MS);
  });
  return () => stopPolling();
}
