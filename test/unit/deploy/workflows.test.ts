/** The deploy and preview workflows keep their safety properties: gates, permissions, no PR code beside secrets. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string; url: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflow = (name: string) =>
  parse(readFileSync(new URL(`../../../.github/workflows/${name}`, import.meta.url), 'utf8')) as Workflow;

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');

  it('runs on pushes to main touching space/ and on demand, one deploy per Space at a time', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'], paths: ['space/**'] }, workflow_dispatch: null });
    expect(deploy.concurrency?.group).toContain('vars.SUMOPS_SPACE');
    expect(deploy.concurrency?.['cancel-in-progress']).toBe(false);
    expect(deploy.permissions).toEqual({});
  });

  it('deploys only after the gate that requires CI and the evaluation of the same commit', () => {
    const job = deploy.jobs.deploy;
    expect(job?.needs).toBe('gate');
    const gate = deploy.jobs.gate?.steps.map((step) => step.run ?? '').join('\n') ?? '';
    expect(gate).toContain('ci.yml evaluate.yml');
    expect(gate).toContain('head_sha=$SHA');
    expect(gate).toMatch(/"\$conclusion" != "success"/);
    expect(job?.permissions).toEqual({ contents: 'read' });
    expect(job?.environment).toEqual({ name: 'production', url: '${{ steps.deploy.outputs.space-url }}' });
    const step = job?.steps.find((s) => s.uses === './actions/deploy-space');
    expect(step?.with?.['hf-token']).toBe('${{ secrets.HF_TOKEN }}');
  });
});

describe('preview.yml', () => {
  const preview = workflow('preview.yml');

  it('never uses pull_request_target and is opt-in', () => {
    expect(Object.keys(preview.on)).not.toContain('pull_request_target');
    for (const [name, job] of Object.entries(preview.jobs)) {
      expect(job.if, name).toContain("vars.SUMOPS_PREVIEWS == 'true'");
    }
  });

  it('runs no PR code in jobs that hold HF_TOKEN', () => {
    for (const [name, job] of Object.entries(preview.jobs)) {
      const holdsToken = job.steps.some((step) =>
        JSON.stringify(step.with ?? {}).includes('secrets.HF_TOKEN'),
      );
      if (!holdsToken) continue;
      if (!job.if?.includes("github.event_name != 'pull_request'")) {
        expect(job.if, name).toContain('github.event.pull_request.head.repo.full_name == github.repository');
      }
      // Secret-holding jobs run no shell steps and only actions from the default branch checkout.
      expect(
        job.steps.filter((step) => step.run !== undefined),
        name,
      ).toEqual([]);
      for (const step of job.steps.filter((s) => s.uses?.startsWith('./'))) {
        expect(step.uses, name).toMatch(/^\.\/(trusted\/)?actions\//);
      }
      const prCheckout = job.steps.find((step) => step.with?.ref?.includes('pull_request.head.sha'));
      if (prCheckout) {
        expect(prCheckout.with?.path).toBe('pr');
        expect(job.steps.some((step) => step.uses?.startsWith('./pr/'))).toBe(false);
      }
    }
  });

  it('gives fork PRs a notice job without secrets', () => {
    const notice = preview.jobs['fork-notice'];
    expect(notice?.if).toContain('!= github.repository');
    expect(notice?.permissions).toEqual({});
    expect(JSON.stringify(notice)).not.toContain('secrets.');
  });
});
