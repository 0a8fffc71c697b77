// The HTTP API client: the bearer token on every request, problem documents (RFC 9457) turned into
// ApiError with their field errors, and a 401 reported once so the console goes back to sign-in.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || problem?.message || `the API answered ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The problem's field errors, by field: {to: ['is not a phone number ...'], ...}. */
  get fieldErrors() {
    const byField = {};
    for (const error of this.problem.errors || []) {
      (byField[error.field] ||= []).push(error.message);
    }
    return byField;
  }
}

export class Api {
  /**
   * @param base the API's origin ('' for the one serving the console)
   * @param token a function giving the current bearer token
   * @param onUnauthorized called on a 401: the token expired or was refused
   */
  constructor(base, token, onUnauthorized, fetchFn = (...args) => fetch(...args)) {
    this.base = base;
    this.token = token;
    this.onUnauthorized = onUnauthorized;
    this.fetch = fetchFn;
  }

  /**
   * {status, body, headers}; throws ApiError for a status of 400 or more. {@code raw} is sent as it
   * is (a CSV file), with the Content-Type the caller names; {@code body} goes as JSON.
   */
  async send(method, path, {query, body, headers, raw} = {}) {
    const url = new URL(this.base + path, window.location.origin);
    for (const [name, value] of Object.entries(query || {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
    }
    const init = {method, headers: {Accept: 'application/json', Authorization: `Bearer ${this.token()}`, ...headers}};
    if (raw !== undefined) {
      init.body = raw;
    } else if (body !== undefined) {
      // JSON unless the caller names another JSON type (application/merge-patch+json for a PATCH).
      init.headers = {'Content-Type': 'application/json', ...init.headers};
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await this.fetch(url, init);
    } catch (e) {
      throw new ApiError(0, {title: 'The API could not be reached', detail: `${method} ${path}: ${e.message}`});
    }
    const text = await response.text();
    let parsed = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        parsed = {detail: text};
      }
    }
    if (response.status === 401) {
      this.onUnauthorized();
    }
    if (response.status >= 400) {
      throw new ApiError(response.status, parsed);
    }
    return {status: response.status, body: parsed, headers: response.headers};
  }

  async get(path, query) {
    return (await this.send('GET', path, {query})).body;
  }

  async post(path, body, headers) {
    return (await this.send('POST', path, {body, headers})).body;
  }
}
