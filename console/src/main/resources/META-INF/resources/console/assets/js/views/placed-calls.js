// What this tab sent for the calls it placed: GET /calls/{id} does not return a call's variables,
// POST /calls's answer does, so the call's page can show them.

const KEY = 'outcall.placed';
const KEEP = 50;

export function rememberPlaced(accepted, storage = sessionStorage) {
  const placed = JSON.parse(storage.getItem(KEY) || '{}');
  placed[accepted.callId] = accepted.variables || {};
  const ids = Object.keys(placed);
  for (const old of ids.slice(0, Math.max(0, ids.length - KEEP))) delete placed[old];
  storage.setItem(KEY, JSON.stringify(placed));
}

export function placedVariables(callId, storage = sessionStorage) {
  return JSON.parse(storage.getItem(KEY) || '{}')[callId] || null;
}
