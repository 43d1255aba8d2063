import { isRecord } from '#lib/is-record';
import { InvalidTranscriptError } from './errors';
import { describeJsonSyntaxError } from './json-syntax';

// AWS Transcribe job output: {"jobName", "results": {"transcripts": [{"transcript": "..."}], "items": [...]}}
// (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html#how-output). The transcripts carry the text.
export function transcribeToText(source: string, raw: string): string {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    const { line, column, reason } = describeJsonSyntaxError(raw, error);
    throw new InvalidTranscriptError(source, `invalid JSON at line ${line}, column ${column}: ${reason}`);
  }
  const results = isRecord(data) ? data.results : undefined;
  const transcripts = isRecord(results) ? results.transcripts : undefined;
  if (!Array.isArray(transcripts)) throw new InvalidTranscriptError(source, 'no results.transcripts array');
  const texts = transcripts
    .map((entry) => (isRecord(entry) && typeof entry.transcript === 'string' ? entry.transcript.trim() : ''))
    .filter(Boolean);
  return texts.join('\n\n');
}
