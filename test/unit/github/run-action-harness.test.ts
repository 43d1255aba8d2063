import { describe, expect, it } from 'vitest';
import { inputVariable, parseAnnotations, parseOutputFile } from '../../harness/run-action';

describe('run-action harness parsing', () => {
  it('names inputs as the runner does: upper-case, spaces to underscores, hyphens kept', () => {
    expect(inputVariable('fail-on-regression')).toBe('INPUT_FAIL-ON-REGRESSION');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('parses heredoc and single-line outputs, including multi-line values', () => {
    const text = [
      'passed<<ghadelimiter_1',
      'true',
      'ghadelimiter_1',
      'report<<EOF_x',
      'line one',
      '',
      'line three',
      'EOF_x',
      'plain=a=b',
      '',
    ].join('\n');
    expect(parseOutputFile(text)).toEqual({ passed: 'true', report: 'line one\n\nline three', plain: 'a=b' });
    expect(() => parseOutputFile('x<<END\nvalue\n')).toThrow(/no closing delimiter for "x"/);
  });

  it('decodes %-escaped annotation data', () => {
    const stdout = 'hello\n::error::first%0Asecond 100%25\n::notice title=fork::skipped\n::debug::d\n';
    expect(parseAnnotations(stdout)).toEqual([
      { level: 'error', message: 'first\nsecond 100%' },
      { level: 'notice', message: 'skipped' },
      { level: 'debug', message: 'd' },
    ]);
  });
});
