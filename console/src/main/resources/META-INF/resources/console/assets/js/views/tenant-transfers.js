// Transfer numbers of the tenant and their weights: /tenant/transfer-numbers.
import {TRANSFERS, numbersPage} from '../tenant-numbers.js';

export const mount = numbersPage(TRANSFERS);
