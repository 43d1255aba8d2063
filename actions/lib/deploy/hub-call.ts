import { HubApiError } from '@huggingface/hub';
import { describeNetworkError } from '#lib/net/network-error';
import { HubWriteError } from './errors';

/**
 * Runs one `@huggingface/hub` call and turns its failure into a HubWriteError naming the operation and status.
 * HubApiError messages hold the Hub's `error` text and the URL, never the Authorization header.
 */
export async function hubCall<T>(spaceId: string, operation: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof HubWriteError) throw error;
    if (error instanceof HubApiError) {
      throw new HubWriteError(spaceId, operation, error.statusCode, error.message, { cause: error });
    }
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new HubWriteError(spaceId, operation, 0, describeNetworkError(error).reason, { cause: error });
  }
}
