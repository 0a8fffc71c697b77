// A call's timeline as SVG: one lane per channel over time, coloured while it rings, is up and is
// bridged, with its hang-up and the dialplan's UserEvents as marks. Built with DOM APIs; every name
// from the events is written as text. The events table beside it says the same in words.

import {h, s} from '../dom.js';
import {ANSWERED_BY} from '../format.js';

const WIDTH = 800;
const LABEL = 180;
const LANE = 34;
const TOP = 28;
const CALL_LANE = 'call';
// The dialplan's reports of answering-machine detection (the AMD contract): marked apart, named in words.
const AMD_EVENTS = new Set(['AmdResult', 'VoicemailLeft']);
const AMD_STATUSES = {HUMAN: 'human', MACHINE: 'machine', NOTSURE: 'notSure', HANGUP: 'hangup'};

/** A header of the event; the bridge records UserEvent headers as AMI's reader gives them, lower case. */
function header(event, name) {
  const fields = event.fields || {};
  return fields[name] ?? fields[name.toLowerCase()];
}

/** The dialplan's name of a UserEvent: the bridge names it "UserEvent:AmdResult". */
function userEventName(event) {
  const name = event.name || '';
  return name.startsWith('UserEvent:') ? name.slice('UserEvent:'.length) : header(event, 'UserEvent');
}

/** The event's kind for the drawing: a state change, a mark, or an ordinary event. */
export function kindOf(event) {
  const name = event.name || '';
  const fields = event.fields || {};
  if (name.startsWith('UserEvent')) return AMD_EVENTS.has(userEventName(event)) ? 'amd' : 'user';
  if (name === 'Hangup') return 'hangup';
  if (name === 'BridgeEnter') return 'bridge-enter';
  if (name === 'BridgeLeave') return 'bridge-leave';
  if (name === 'Newstate' || name === 'Newchannel') {
    const stateName = (fields.ChannelStateDesc || '').toLowerCase();
    if (stateName === 'ringing' || stateName === 'ring') return 'ringing';
    if (stateName === 'up') return 'up';
  }
  if (name === 'DialState' && (fields.DialStatus || '').toUpperCase() === 'RINGING') return 'ringing';
  return 'event';
}

/** The lanes: each channel's events in time order, with its ringing, up and bridged spans. */
export function lanesOf(events) {
  const byChannel = new Map();
  for (const event of events) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at)) continue;
    const key = event.channel || CALL_LANE;
    if (!byChannel.has(key)) byChannel.set(key, []);
    byChannel.get(key).push({...event, time: at, kind: kindOf(event)});
  }
  const lanes = [];
  for (const [channel, laneEvents] of byChannel) {
    laneEvents.sort((a, b) => a.time - b.time || a.seq - b.seq);
    const spans = [];
    const open = {};
    const close = (kind, time) => {
      if (open[kind] !== undefined) spans.push({kind, from: open[kind], to: time});
      delete open[kind];
    };
    for (const event of laneEvents) {
      if (event.kind === 'ringing' && open.ringing === undefined && open.up === undefined) open.ringing = event.time;
      if (event.kind === 'up' && open.up === undefined) {
        close('ringing', event.time);
        open.up = event.time;
      }
      if (event.kind === 'bridge-enter' && open.bridged === undefined) open.bridged = event.time;
      if (event.kind === 'bridge-leave') close('bridged', event.time);
      if (event.kind === 'hangup') ['ringing', 'up', 'bridged'].forEach((kind) => close(kind, event.time));
    }
    const end = laneEvents[laneEvents.length - 1].time;
    ['ringing', 'up', 'bridged'].forEach((kind) => close(kind, end));
    lanes.push({channel, events: laneEvents, spans, start: laneEvents[0].time, end});
  }
  // The call's own lane first, then the channels in the order they appeared.
  return lanes.sort((a, b) => (a.channel === CALL_LANE ? -1 : b.channel === CALL_LANE ? 1 : a.start - b.start));
}

function shortName(channel) {
  if (channel === CALL_LANE) return 'call';
  return channel.length > 22 ? `${channel.slice(0, 9)}…${channel.slice(-12)}` : channel;
}

/** What an AMD report says: "AMD result: Machine (AMDSTATUS MACHINE, AMDCAUSE LONGGREETING-1500-1500)". */
function amdLabel(event) {
  if (userEventName(event) === 'VoicemailLeft') return `Voicemail left (WaitForSilence ended: ${header(event, 'WaitStatus') || 'not said'})`;
  const status = header(event, 'Status');
  const answerer = ANSWERED_BY[AMD_STATUSES[status]] || 'unknown';
  return `AMD result: ${answerer} (AMDSTATUS ${status || '—'}, AMDCAUSE ${header(event, 'Cause') || '—'})`;
}

function markLabel(event) {
  const user = event.fields?.UserEvent;
  const name = event.kind === 'amd' ? amdLabel(event) : event.name === 'UserEvent' && user ? `UserEvent:${user}` : event.name;
  return `${name} at ${new Date(event.time).toISOString().slice(11, 23)}`;
}

export function timeline(events) {
  const lanes = lanesOf(events || []);
  if (lanes.length === 0) return null;
  const start = Math.min(...lanes.map((lane) => lane.start));
  const end = Math.max(...lanes.map((lane) => lane.end), start + 1000);
  const x = (time) => LABEL + ((time - start) / (end - start)) * (WIDTH - LABEL - 16);
  const height = TOP + lanes.length * LANE + 8;
  const total = ((end - start) / 1000).toFixed(1);
  const svg = s('svg', {viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': 'timeline-title', id: 'timeline'},
    s('title', {id: 'timeline-title', text: `Timeline: ${lanes.length} lanes over ${total} s`}));
  for (let tick = 0; tick <= 4; tick++) {
    const time = start + ((end - start) * tick) / 4;
    svg.append(s('text', {class: 'axis', x: x(time), y: 16, 'text-anchor': tick === 0 ? 'start' : tick === 4 ? 'end' : 'middle',
      text: `+${((time - start) / 1000).toFixed(1)} s`}));
  }
  lanes.forEach((lane, i) => {
    const y = TOP + i * LANE;
    const group = s('g', {class: 'lane', dataset: {channel: lane.channel}},
      s('title', {text: lane.channel}),
      s('text', {class: 'lane-label', x: 4, y: y + LANE / 2 + 4, text: shortName(lane.channel)}),
      s('rect', {class: 'lane-bg', x: x(lane.start), y: y + 8, width: Math.max(x(lane.end) - x(lane.start), 2), height: LANE - 16}));
    for (const span of lane.spans) {
      const inset = span.kind === 'bridged' ? 4 : 0;
      group.append(s('rect', {class: `seg-${span.kind}`, x: x(span.from), y: y + 8 + inset,
        width: Math.max(x(span.to) - x(span.from), 2), height: LANE - 16 - 2 * inset},
      s('title', {text: `${span.kind} ${((span.to - span.from) / 1000).toFixed(1)} s`})));
    }
    for (const event of lane.events) {
      const cx = x(event.time);
      if (event.kind === 'user' || event.kind === 'amd') {
        group.append(s('path', {class: `mark-${event.kind}`, d: `M${cx} ${y + 3} l6 7 l-6 7 l-6 -7 z`}, s('title', {text: markLabel(event)})));
      } else if (event.kind === 'hangup') {
        group.append(s('rect', {class: 'mark-hangup', x: cx - 2, y: y + 4, width: 4, height: LANE - 8},
          s('title', {text: `${markLabel(event)}${event.fields?.['Cause-txt'] ? ` (${event.fields['Cause-txt']})` : ''}`})));
      } else {
        group.append(s('circle', {class: 'mark-event', cx, cy: y + LANE - 6, r: 2}, s('title', {text: markLabel(event)})));
      }
    }
    svg.append(group);
  });
  const legend = h('ul', {class: 'legend', 'aria-label': 'Legend'},
    [['seg-ringing', 'ringing'], ['seg-up', 'answered (up)'], ['seg-bridged', 'bridged'], ['mark-hangup', 'hang-up'],
      ['mark-user', 'UserEvent'], ['mark-amd', 'AMD result, voicemail left'], ['mark-event', 'other event']]
      .map(([kind, label]) => h('li', {}, h('span', {class: `swatch ${kind}`, 'aria-hidden': 'true'}), label)));
  return h('div', {}, h('div', {class: 'timeline'}, svg), legend);
}
