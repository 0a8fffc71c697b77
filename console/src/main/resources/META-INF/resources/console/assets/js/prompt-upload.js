// A prompt's upload in two steps: the API creates the prompt and signs a PUT URL for exactly this
// file's size and type (POST /tenant/prompts), then the browser PUTs the file straight to S3. The
// browser sets Content-Length from the body itself; Content-Type is sent as signed.

import {ApiError} from './api.js';

/** Resolves once S3 took the file; an ApiError for the API's refusal or S3's. */
export async function uploadPrompt(api, name, file, fetchFn = (...args) => fetch(...args)) {
  const created = await api.post('/tenant/prompts', {name, bytes: file.size});
  const {url, headers} = created.upload;
  let answer;
  try {
    answer = await fetchFn(url, {method: 'PUT', headers: {'Content-Type': headers['Content-Type']}, body: file});
  } catch (e) {
    throw new ApiError(0, {title: 'The audio bucket could not be reached', detail: `PUT of ${name}: ${e.message}`});
  }
  if (!answer.ok) {
    throw new ApiError(answer.status, {title: `The audio bucket refused the file (${answer.status})`,
      detail: 'POST the prompt again for a new upload URL; it lasts 5 minutes and takes exactly the file announced.'});
  }
  return created;
}
