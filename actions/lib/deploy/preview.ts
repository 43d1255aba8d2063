import { UsageError } from '#lib/errors';

/** The Hub's repo name limit (huggingface_hub `validate_repo_id`: at most 96 characters, no "--" or ".."). */
export const MAX_REPO_NAME_CHARS = 96;

export class PreviewNameError extends UsageError {
  constructor(
    readonly spaceId: string,
    readonly prNumber: number,
  ) {
    super(`no valid preview Space name can be made from ${spaceId} for PR #${prNumber}`);
  }
}

/**
 * `owner/<name>-pr-<number>`, shortened so the name stays within the Hub's rules: at most 96 characters, letters,
 * digits, "-", "_", "." only, not ending in one of "-_." and without "--" or "..".
 */
export function previewSpaceId(spaceId: string, prNumber: number): string {
  const [owner, name, ...rest] = spaceId.split('/');
  if (!owner || !name || rest.length > 0 || !Number.isSafeInteger(prNumber) || prNumber < 1) {
    throw new PreviewNameError(spaceId, prNumber);
  }
  const suffix = `-pr-${prNumber}`;
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/([-.])\1+/g, '$1')
    .slice(0, MAX_REPO_NAME_CHARS - suffix.length)
    .replace(/[-._]+$/, '');
  if (cleaned === '' || !/^[A-Za-z0-9]/.test(cleaned)) throw new PreviewNameError(spaceId, prNumber);
  return `${owner}/${cleaned}${suffix}`;
}

/** The PR number of a preview Space made by previewSpaceId from `spaceId`, or undefined for any other Space. */
export function previewNumberOf(spaceId: string, candidateId: string): number | undefined {
  const match = /^(.*)-pr-(\d{1,9})$/.exec(candidateId);
  if (!match?.[2]) return undefined;
  const number = Number(match[2]);
  try {
    return previewSpaceId(spaceId, number) === candidateId ? number : undefined;
  } catch {
    return undefined;
  }
}

/** The Space variable that marks a preview as this repository's, for this PR. */
const PREVIEW_TAG_KEY = 'SUMOPS_PREVIEW';

/**
 * The tag a preview Space carries: `owner/repo#number` of the PR it shows. A Space whose name merely looks like a
 * preview (`<space>-pr-<n>`) but lacks it is never written to or deleted: it may be someone else's.
 */
export function previewTag(repository: string, prNumber: number): { key: string; value: string } {
  return { key: PREVIEW_TAG_KEY, value: `${repository}#${prNumber}` };
}

/** Identifies the PR comment with the preview link, apart from the evaluation report's. */
export const PREVIEW_COMMENT_MARKER = '<!-- sumops:preview -->';
