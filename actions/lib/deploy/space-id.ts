import { InvalidSpaceIdError } from './errors';

/** The Hub's repo name rules: `owner/name`, each part letters, digits, `-`, `_`, `.`, at most 96 characters. */
const SPACE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

export function assertSpaceId(spaceId: string): void {
  if (!SPACE_ID.test(spaceId) || spaceId.includes('..')) throw new InvalidSpaceIdError(spaceId);
}
