import { networkFailureCode } from '../../operators/retryTransient.js';
import { refusalStatus } from './restErrors.js';

/**
 * Whether the REST client's OutageLog already told this failure (a network error, or a 5xx, 429, 418
 * or 403 answer): a caller retrying it then logs at debug, so an outage is one line, not one per retry.
 */
export function toldAsOutage(err: unknown): boolean {
  return networkFailureCode(err) !== undefined || refusalStatus(err) !== undefined;
}
