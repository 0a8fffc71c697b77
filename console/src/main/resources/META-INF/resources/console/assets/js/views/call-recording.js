// A recorded call's "Recording" part on its page: what was stored, a player, a download link and
// delete (asked again in place). The audio comes from a presigned S3 link, which the audio element
// plays straight (no Authorization header, no CORS: media-src allows the bucket). The API's
// GET /calls/{id}/recording redirects to that link, but a page can neither send its token from an
// audio element nor read a redirect's Location, so it asks for the link as JSON (?redirect=false).

import {h, replace, state} from '../dom.js';
import {seconds, size, text, timeElement} from '../format.js';
import {confirmButton} from '../tenant-kit.js';

/** Waiting this long after a recorded, answered call ended for the bridge to store its file. */
export const RECORDING_WAIT_MS = 120000;

/** A recorded call answered, ended not long ago, whose file may still arrive. */
export function awaitingRecording(call) {
  return Boolean(call.record && !call.recording && call.answeredAt
    && (!call.endedAt || Date.now() - Date.parse(call.endedAt) < RECORDING_WAIT_MS));
}

function section(...children) {
  return h('section', {'aria-labelledby': 'recording-title', id: 'recording'}, h('h2', {id: 'recording-title', text: 'Recording'}), ...children);
}

/** What the part says for a call without a stored recording: null when the call is not recorded. */
export function noRecording(call, deleted) {
  if (deleted) return section(state('notice', 'The recording was deleted: it is gone for good.'));
  if (!call.record) return null;
  return section(state('empty', awaitingRecording(call)
    ? 'This call is recorded: the recording appears here once the bridge has stored it.'
    : 'This call was recorded, but there is no recording (a call never answered has none, and a deleted one is gone).'));
}

/**
 * The part for a stored recording; {@code onDeleted} runs once the API deleted it.
 * Drawn once per recording, so polling the call does not restart the player.
 */
export function recordingPart(callId, recording, api, onDeleted) {
  const path = `/calls/${encodeURIComponent(callId)}/recording`;
  const audio = h('audio', {controls: true, preload: 'metadata', id: 'recording-audio'});
  const download = h('a', {id: 'recording-download', download: `${callId}.wav`, text: 'Download (WAV)', hidden: true});
  const problem = h('div', {id: 'recording-problem'});
  const link = async () => {
    try {
      const answer = await api.get(path, {redirect: 'false'});
      audio.src = answer.url;
      download.href = answer.url;
      download.hidden = false;
      replace(problem);
    } catch (e) {
      replace(problem, state('error', `The recording could not be fetched: ${e.message}`));
    }
  };
  // A link lasts 5 minutes: a player left longer than that gets a new one when loading fails.
  let renewing = false;
  audio.addEventListener('error', () => {
    if (renewing) return;
    renewing = true;
    link().finally(() => { renewing = false; });
  });
  const remove = confirmButton('Delete recording', 'Delete the recording for good?', 'Delete', async () => {
    try {
      await api.send('DELETE', path);
      audio.removeAttribute('src');
      onDeleted();
    } catch (e) {
      replace(problem, state('error', `The recording could not be deleted: ${e.message}`));
    }
  }, {id: 'recording-delete'});
  link();
  return section(
    h('dl', {class: 'record', id: 'recording-record'},
      h('dt', {text: 'Duration'}), h('dd', {}, seconds(recording.durationSeconds)),
      h('dt', {text: 'Size'}), h('dd', {text: size(recording.bytes)}),
      h('dt', {text: 'Stored'}), h('dd', {}, recording.storedAt ? timeElement(recording.storedAt) : text(null))),
    audio,
    h('div', {class: 'actions'}, download, remove),
    problem);
}
