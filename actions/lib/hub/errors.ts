import { SumopsError } from '#lib/errors';

/** The Hub or the Space refused us: missing, private without a token, or a token without access. */
export class SpaceAccessError extends SumopsError {
  constructor(
    readonly space: string,
    readonly status: number,
    readonly tokenGiven: boolean,
  ) {
    super(
      tokenGiven
        ? `Space ${space} could not be accessed with the given token (HTTP ${status}): check the name and that the token can read it`
        : `Space ${space} was not found or is private (HTTP ${status}): check the name, or give a Hugging Face token that can read it`,
    );
  }
}

/** The Space is in a stage it will not leave by itself (BUILD_ERROR, RUNTIME_ERROR, …). */
export class SpaceStageError extends SumopsError {
  constructor(
    readonly space: string,
    readonly stage: string,
    readonly errorMessage?: string,
  ) {
    super(
      `Space ${space} is in stage ${stage}${errorMessage ? `: ${oneLine(errorMessage)}` : ''}; ` +
        'fix the app (see the Space logs) and redeploy or restart it',
    );
  }
}

/** A paused Space only comes back through a restart, which needs a token with write access. */
export class SpacePausedError extends SumopsError {
  constructor(readonly space: string) {
    super(
      `Space ${space} is PAUSED: restart it on the Hub, or give a Hugging Face write token so sumops can restart it`,
    );
  }
}

export class SpaceWakeTimeoutError extends SumopsError {
  constructor(
    readonly space: string,
    readonly stage: string,
    readonly waitedMs: number,
  ) {
    super(`Space ${space} was still ${stage} after ${Math.round(waitedMs / 1000)}s: try again later`);
  }
}

/** Any other non-2xx answer from the Hub API. */
export class HubRequestError extends SumopsError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`Hub API request ${url} failed with HTTP ${status}${detail ? `: ${oneLine(detail)}` : ''}`);
  }
}

/** The Hub API could not be reached at all (DNS, refused, proxy). */
export class HubUnreachableError extends SumopsError {
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach the Hub API at ${url}: ${reason}; check your connection and the Hub URL`, options);
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The Space's app could not be reached or did not answer like a Gradio app. */
export class SpaceConnectError extends SumopsError {
  constructor(
    readonly space: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Could not connect to Space ${space}: ${oneLine(detail)}; check that it is running and is a Gradio app`,
      options,
    );
  }
}

/** The app lacks the endpoint sumops calls, or declares other parameters: it runs another version of space/app.py. */
export class SpaceEndpointError extends SumopsError {
  constructor(
    readonly space: string,
    readonly endpoint: string,
    readonly problem: string,
    readonly available: readonly string[],
  ) {
    super(
      `Space ${space} ${problem} (its endpoints: ${available.length ? available.join(', ') : 'none'}): ` +
        `deploy sumops' space/ app there, which serves ${endpoint}`,
    );
  }
}

/** A prediction failed: the app raised an error, or transient failures outlasted the retries. */
export class SpacePredictionError extends SumopsError {
  constructor(
    readonly space: string,
    readonly detail: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Space ${space} failed to summarize${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${oneLine(detail)}`,
      options,
    );
  }
}
