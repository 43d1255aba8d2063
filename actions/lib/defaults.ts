// Defaults that the CLI, the library and the actions' action.yml all state. They live here once; the actions'
// inputs.ts fall back to these, and test/unit/build/action-defaults.test.ts checks every action.yml default
// against the entry's fallback, so a default changed in one place and not the other fails the tests.

/** The Hugging Face Hub that Space ids (`owner/name`) resolve against. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

/** Fixture files, relative to the repository root: every JSONL and YAML file in test/eval. */
export const DEFAULT_FIXTURE_GLOBS: readonly string[] = ['test/eval/*.{jsonl,yaml,yml}'];

/** Cases summarized at once: enough to overlap a Space's network waits without queueing on a free CPU Space. */
export const DEFAULT_EVAL_CONCURRENCY = 4;
