/** Where a deploy comes from, so each Space commit points back to the commit and run that produced it. */
export interface DeploySource {
  /** `owner/repo` on GitHub. */
  repository: string;
  sha: string;
  /** The full commit message; its first line becomes the Space commit title. */
  message: string;
  /** Default https://github.com. */
  serverUrl?: string;
  runUrl?: string;
}

/** The Hub shows commit titles on one line; longer subjects are cut, not rejected. */
const MAX_TITLE_CHARS = 200;

export function spaceCommitMessage(source: DeploySource): { title: string; description: string } {
  const subject = source.message.split('\n')[0]?.trim() ?? '';
  const fallback = `Deploy ${source.sha.slice(0, 12)}`;
  const title =
    subject.length === 0
      ? fallback
      : subject.length > MAX_TITLE_CHARS
        ? `${subject.slice(0, MAX_TITLE_CHARS - 1)}…`
        : subject;
  const server = (source.serverUrl ?? 'https://github.com').replace(/\/$/, '');
  const lines = [
    `Source: ${server}/${source.repository}/commit/${source.sha}`,
    ...(source.runUrl ? [`Run: ${source.runUrl}`] : []),
  ];
  return { title, description: lines.join('\n') };
}
