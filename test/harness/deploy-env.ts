/** A Hub emulator with the deploy runtime, a Gradio emulator as the Space's app, a seeded Space and a local folder. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator, GradioEmulatorOptions } from '../emulators/gradio';
import { startHubEmulator } from '../emulators/hub';
import type { HubEmulator, HubEmulatorOptions } from '../emulators/hub';
import { attachDeployRuntime } from '../emulators/hub-runtime';
import type { DeployRuntime, DeployRuntimeOptions } from '../emulators/hub-runtime';

const SPACE_README = `---
title: sumops summarizer
sdk: gradio
sdk_version: 6.31.0
python_version: "3.11"
app_file: app.py
---

# sumops summarizer
`;

/** What the Space holds before the deploy. */
export const LIVE_FILES: Record<string, string> = {
  'README.md': SPACE_README,
  'app.py': 'print("v1")\n',
  'requirements.txt': 'gradio==6.31.0\n',
  'old_helper.py': 'x = 1\n',
};

/** What the repository's space/ holds: app.py changed, one file new, one gone. */
export const LOCAL_FILES: Record<string, string> = {
  'README.md': SPACE_README,
  'app.py': 'print("v2")\n',
  'requirements.txt': 'gradio==6.31.0\n',
  'summarize_utils.py': 'def clean(text):\n    return text.strip()\n',
};

export interface DeployEnv {
  hub: HubEmulator;
  runtime: DeployRuntime;
  gradio: GradioEmulator;
  /** The seeded commit the Space runs. */
  liveCommit: string;
  dir: string;
  close(): Promise<void>;
}

export async function startDeployEnv(
  spaceId: string,
  options: {
    hub?: HubEmulatorOptions;
    runtime?: DeployRuntimeOptions;
    gradio?: GradioEmulatorOptions;
    seed?: boolean;
    local?: Record<string, string>;
    /** Write tokens of the Space's owner. */
    writeTokens?: string[];
  } = {},
): Promise<DeployEnv> {
  const gradio = await startGradioEmulator(options.gradio);
  const owner = spaceId.split('/')[0] ?? '';
  const hub = await startHubEmulator({
    ...options.hub,
    tokenSpecs: {
      ...Object.fromEntries(
        (options.writeTokens ?? []).map((token) => [token, { user: owner, role: 'write' as const }]),
      ),
      ...options.hub?.tokenSpecs,
    },
    spaces: options.seed === false ? [] : [{ id: spaceId, host: gradio.url, stage: 'RUNNING' }],
  });
  // Immediate stages unless a test asks for more: the waiting itself is covered with a fake clock.
  const runtime = attachDeployRuntime(hub, {
    host: gradio.url,
    defaultScript: { staleReads: 0, stages: ['RUNNING'] },
    ...options.runtime,
  });
  let liveCommit = '';
  if (options.seed !== false) {
    liveCommit = hub.seed(
      spaceId,
      Object.entries(LIVE_FILES).map(([path, content]) => ({ path, content })),
      'Live version',
    );
    runtime.settle(spaceId);
  }
  const dir = await mkdtemp(join(tmpdir(), 'sumops-deploy-'));
  for (const [path, content] of Object.entries(options.local ?? LOCAL_FILES)) {
    await writeFile(join(dir, path), content);
  }
  return {
    hub,
    runtime,
    gradio,
    liveCommit,
    dir,
    close: async () => {
      await Promise.all([hub.close(), gradio.close(), rm(dir, { recursive: true, force: true })]);
    },
  };
}

/** Every byte a run printed, for the "never prints the token" checks. */
export function everything(run: {
  stdout: string;
  stderr: string;
  summary?: string;
  outputs?: Record<string, string>;
}): string {
  return [run.stdout, run.stderr, run.summary ?? '', JSON.stringify(run.outputs ?? {})].join('\n');
}
