// Caller IDs (DIDs) of the tenant: GET/POST /tenant/dids, PATCH/DELETE /tenant/dids/{numberId}.
import {DIDS, numbersPage} from '../tenant-numbers.js';

export const mount = numbersPage(DIDS);
