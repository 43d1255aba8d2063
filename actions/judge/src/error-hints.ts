import type { ActionHint } from '#action-support/error-hints';
import { FixtureSetMismatchError, NoFixturesError } from '#lib/evaluate/errors';
import { JudgeSettingError } from '#lib/judge/errors';

/** The judge action's words for library errors: its inputs and the workflow's secret and variables. */
export const judgeHint: ActionHint = (error) => {
  if (error instanceof JudgeSettingError) {
    switch (error.setting) {
      case 'apiKey':
        return error.status === 403
          ? 'the api-key input (secret SUMOPS_JUDGE_API_KEY) may not use this model: use a key that may, or another model input'
          : 'check the api-key input (the repository secret SUMOPS_JUDGE_API_KEY in evaluate.yml)';
      case 'model':
        return 'check the model input (the SUMOPS_JUDGE_MODEL variable in evaluate.yml)';
      case 'baseUrl':
        return 'check the base-url input (the SUMOPS_JUDGE_BASE_URL variable in evaluate.yml)';
      case 'contextTokens':
        return "raise the context-tokens input to the judge model's context window";
    }
  }
  if (error instanceof FixtureSetMismatchError)
    return 'fixtures-dir must hold the fixture files the evaluation scored (the eval-fixtures artifact of the same run), and fixtures the globs it used';
  if (error instanceof NoFixturesError)
    return 'fixtures-dir must hold the fixture files (the eval-fixtures artifact), matched by the fixtures input';
  return undefined;
};
