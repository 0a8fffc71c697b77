// datetime-local inputs (local time, no zone) and the ISO instants the API takes.

export function fromInstantInput(local) {
  return local ? new Date(local).toISOString() : '';
}

export function toInstantInput(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const offset = date.getTimezoneOffset() * 60000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 19);
}
