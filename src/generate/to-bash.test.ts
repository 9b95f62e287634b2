import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { stopText, stopWord } from '../test-support/failure-text';
import { describe, expect, it } from 'vitest';
import {
  cmd,
  command,
  eachLine,
  join,
  lit,
  orStop,
  retry,
  stop,
  v,
  versionAtLeast,
  when,
  type Script,
  type ScriptLine,
} from './script-model';
import { commandEffect } from './script-queries';
import { guard } from './setup/steps';
import { quoteLiteral, renderWord } from './bash/quoting';
import { toBash } from './to-bash';

/** Runs Bash and returns what it printed, so quoting is checked by the real shell, not by eye. */
function bashEcho(script: string): string {
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const HOSTILE = [
  "it's",
  '$(touch /tmp/pwned)',
  '`id`',
  'a"b',
  'back\\slash',
  'new\nline',
  '${HOME}',
  '!event',
  '*',
  ' leading space',
  'ünïcødé ✓',
  '',
];

describe('quoteLiteral', () => {
  it('leaves plain words bare and quotes everything else', () => {
    expect(quoteLiteral('rg-orders')).toBe('rg-orders');
    expect(quoteLiteral('api://AzureADTokenExchange')).toBe('api://AzureADTokenExchange');
    expect(quoteLiteral('Contoso Production')).toBe("'Contoso Production'");
  });

  it.each(HOSTILE)('Bash reads %j back unchanged', (value) => {
    expect(bashEcho(`printf '%s' ${quoteLiteral(value)}`)).toBe(value);
  });
});

describe('renderWord', () => {
  it('double-quotes variables and joins', () => {
    expect(renderWord(v('NAMESPACE'))).toBe('"$NAMESPACE"');
    expect(renderWord(join('system:serviceaccount:', v('NS'), ':', v('SA')))).toBe(
      '"system:serviceaccount:${NS}:${SA}"',
    );
  });

  it.each(HOSTILE)('a join keeps %j literal around a variable', (value) => {
    const word = renderWord(join(value, v('X'), value));
    expect(bashEcho(`X='mid'; printf '%s' ${word}`)).toBe(`${value}mid${value}`);
  });
});

describe('toBash', () => {
  const script = (content: string): Script => ({
    header: ['test'],
    variables: [{ name: 'VALUE', value: "o'brien $(id)" }],
    steps: [
      {
        comment: 'write',
        lines: [
          { kind: 'write-file', path: 'out.yaml', content, substitutions: { MARKER: 'VALUE' } },
          command(['cat', 'out.yaml']),
        ],
      },
    ],
  });

  it('writes fixed file content without expanding anything in it', () => {
    const content = 'a: $(id)\nb: `id`\nc: ${HOME}\nYAML\n';
    const out = bashEcho(`cd "$(mktemp -d)" && ${toBash(script(content))}`);
    expect(out).toBe(content);
  });

  it('fills marker lines with the variable value, literally', () => {
    const out = bashEcho(`cd "$(mktemp -d)" && ${toBash(script('before\n  key: MARKER %s\nafter\n'))}`);
    expect(out).toBe("before\n  key: o'brien $(id) %s\nafter\n");
  });

  it('breaks long commands one option per line, and Bash still reads the same words', () => {
    const long = cmd('printf [%s] --first', v('VALUE'), '--second', 'x'.repeat(60), '--third z');
    const text = toBash({
      header: [],
      variables: [{ name: 'VALUE', value: 'v' }],
      steps: [{ comment: 'c', lines: [long] }],
    });
    expect(text).toContain(' \\\n    --second');
    expect(bashEcho(text)).toBe(`[--first][v][--second][${'x'.repeat(60)}][--third][z]`);
  });

  it('starts with the shebang, the values, set -euo pipefail, then the dry-run functions', () => {
    const text = toBash(script('x\n'));
    expect(text.split('\n\n').map((block) => block.split('\n')[0])).toEqual([
      '#!/usr/bin/env bash',
      "VALUE='o'\\''brien $(id)'",
      'set -euo pipefail',
      '# With DRY_RUN=1 in the environment, each command that would change something is printed, not run.',
      '# write',
    ]);
  });

  describe('conditional lines', () => {
    const conditional = (value: string, operator: '=' | '!=' = '='): string =>
      toBash({
        header: [],
        variables: [{ name: 'MODE', value }],
        steps: [
          {
            comment: 'c',
            lines: [
              when('MODE', operator, "Man'ual", [
                cmd('printf [%s] inside --long', 'y'.repeat(90)),
                guard('MODE', '=', 'never', stopText('not printed')),
              ]),
              cmd('printf [%s] after'),
            ],
          },
        ],
      });

    it('runs its lines only when the variable matches, compared literally', () => {
      expect(bashEcho(conditional("Man'ual"))).toBe(`[inside][--long][${'y'.repeat(90)}][after]`);
      expect(bashEcho(conditional('Manual'))).toBe('[after]');
      expect(bashEcho(conditional('*'))).toBe('[after]');
      expect(bashEcho(conditional('Manual', '!='))).toBe(`[inside][--long][${'y'.repeat(90)}][after]`);
    });

    it('indents every line of its body, long commands and guards included', () => {
      const block = conditional('x').split('\n\n')[4] ?? '';
      const lines = block.split('\n').slice(1);
      expect(lines[0]).toBe(`if [ "$MODE" = 'Man'\\''ual' ]; then`);
      expect(lines.slice(1, lines.indexOf('fi')).every((line) => line.startsWith('  '))).toBe(true);
    });
  });
});

describe('when', () => {
  it.each(HOSTILE)('runs its commands only when the variable differs from %j', (value) => {
    const text = toBash({
      header: ['test'],
      variables: [],
      steps: [
        {
          comment: 'check before change',
          lines: [
            { kind: 'if', variable: 'SAME', operator: '!=', value, lines: [cmd('echo changed-same')] },
            { kind: 'if', variable: 'OTHER', operator: '!=', value, lines: [cmd('echo changed-other')] },
          ],
        },
      ],
    });
    const other = value === 'x' ? 'y' : 'x';
    const script = `SAME=${quoteLiteral(value)}; OTHER=${quoteLiteral(other)}\n${text.replace('#!/usr/bin/env bash', '')}`;
    expect(bashEcho(script)).toBe('changed-other\n');
  });
});

describe('eachLine', () => {
  const loop = (list: string, inner: Parameters<typeof eachLine>[2]) =>
    `LIST=${quoteLiteral(list)}\n` +
    toBash({
      header: ['test'],
      variables: [],
      steps: [{ comment: 'each', lines: [eachLine('LIST', 'ITEM', inner)] }],
    }).replace('#!/usr/bin/env bash', '');

  it('runs its lines once for each non-empty line, each line one word, never expanded', () => {
    const values = HOSTILE.filter((value) => value !== '' && !value.includes('\n'));
    const output = bashEcho(loop(values.join('\n') + '\n\n', [command(['printf', '<%s>\\n', v('ITEM')])]));
    expect(output).toBe(values.map((value) => `<${value}>\n`).join(''));
  });

  it('runs nothing for an empty list', () => {
    expect(bashEcho(loop('', [cmd('echo ran')]))).toBe('');
  });

  it('keeps the list from the standard input of the commands inside', () => {
    expect(bashEcho(loop('a\nb', [command(['cat'], { stdinFrom: '/dev/null' }), cmd('echo next')]))).toBe(
      'next\nnext\n',
    );
    // cat without a file reads the loop's standard input, not the list: each item still runs.
    expect(bashEcho(`${loop('a\nb', [cmd('cat'), cmd('echo next')])} < /dev/null`)).toBe('next\nnext\n');
  });
});

describe('when, with a long command', () => {
  it('indents the command, never the inside of a quoted value', () => {
    const value = 'first line\n  second line';
    const long = 'x'.repeat(90);
    const text = toBash({
      header: ['test'],
      variables: [],
      steps: [
        {
          comment: 'long',
          lines: [
            {
              kind: 'if',
              variable: 'FLAG',
              operator: '=',
              value: '',
              lines: [command(['printf', '%s|%s', join(value), join(long)])],
            },
          ],
        },
      ],
    });
    expect(text).toContain('\n  printf');
    expect(bashEcho(text.replace('#!/usr/bin/env bash', 'FLAG='))).toBe(`${value}|${long}`);
  });
});

describe('retry', () => {
  /** A script of one step; VALUE names a counter file the command under test reads. */
  const once = (...lines: ScriptLine[]): string =>
    toBash({ header: [], variables: [], steps: [{ comment: 'c', lines }] });
  // Fails until it has run `n` times: appends a line to the file, then succeeds once it has n lines.
  const succeedsOnTry = (n: number) =>
    cmd('bash -c', lit(`echo x >> tries; [ "$(wc -l < tries)" -ge ${n} ]`));

  it('stops retrying as soon as the command succeeds', () => {
    const text = once(
      retry(succeedsOnTry(3), { attempts: 5, delaySeconds: 0, message: stopText('never') }),
      command(['wc', '-l', 'tries']),
    );
    expect(bashEcho(`cd "$(mktemp -d)" && ${text}`).trim()).toBe('3 tries');
  });

  it('stops the script with the message after the last failed try', () => {
    const text = once(
      retry(succeedsOnTry(9), { attempts: 2, delaySeconds: 0, message: stopText("it's not there") }),
      command(['echo', 'not reached']),
    );
    const result = spawnSync('bash', ['-c', `cd "$(mktemp -d)" && ${text}`], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("it's not there");
  });

  it('says what it waits for before each wait, and not after the last try', () => {
    const text = once(
      retry(succeedsOnTry(3), {
        attempts: 5,
        delaySeconds: 0,
        message: stopText('never'),
        waiting: 'waiting...',
      }),
    );
    const result = spawnSync('bash', ['-c', `cd "$(mktemp -d)" && ${text}`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('waiting...\nwaiting...\n');
    const failing = once(
      retry(succeedsOnTry(9), {
        attempts: 2,
        delaySeconds: 0,
        message: stopText('gave up'),
        waiting: 'waiting...',
      }),
    );
    const failed = spawnSync('bash', ['-c', `cd "$(mktemp -d)" && ${failing}`], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('waiting...\ngave up\n');
  });

  it('with retryOnly, tries again only on matching output, stops at once on any other, and shows the output', () => {
    // Prints "wait" (a failure to wait out) until its n-th run, then "done"; "refused" fails at once.
    const printsOnTry = (n: number, failure: string) =>
      cmd(
        'bash -c',
        lit(
          `echo x >> tries; if [ "$(wc -l < tries)" -ge ${n} ]; then echo done; else echo ${failure}; exit 1; fi`,
        ),
      );
    const only = { outputTo: 'OUT', pattern: 'Msg.(1|2),', otherwise: stopText('not waited for') };
    const run = (line: ScriptLine) =>
      spawnSync('bash', ['-c', `cd "$(mktemp -d)" && ${once(line)}`], { encoding: 'utf8' });
    const waited = run(
      retry(printsOnTry(3, "'Msg 2, Level 16'"), {
        attempts: 5,
        delaySeconds: 0,
        message: stopText('never'),
        retryOnly: only,
      }),
    );
    expect(waited.status).toBe(0);
    expect(waited.stdout).toBe('done\n');
    expect(waited.stderr).toBe('Msg 2, Level 16\nMsg 2, Level 16\n');
    const refused = run(
      retry(printsOnTry(3, "'Msg 18456, Level 14'"), {
        attempts: 5,
        delaySeconds: 0,
        message: stopText('never'),
        retryOnly: only,
      }),
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('Msg 18456, Level 14\nnot waited for\n');
    const exhausted = run(
      retry(printsOnTry(9, "'Msg 1, Level 16'"), {
        attempts: 2,
        delaySeconds: 0,
        message: stopText('gave up'),
        retryOnly: only,
      }),
    );
    expect(exhausted.status).toBe(1);
    expect(exhausted.stderr).toBe('Msg 1, Level 16\nMsg 1, Level 16\ngave up\n');
    expect(() =>
      once(
        retry(printsOnTry(1, 'x'), { attempts: 1, delaySeconds: 0, message: stopText('m'), retryOnly: only }),
      ),
    ).toThrow();
    // A tolerated failure would end the retry at its first try.
    expect(() =>
      once(
        retry(
          { ...printsOnTry(2, 'x'), tolerateFailure: true },
          { attempts: 2, delaySeconds: 0, message: stopText('m'), retryOnly: only },
        ),
      ),
    ).toThrow(/fails when it fails/);
    expect(() =>
      once(
        retry(printsOnTry(1, 'x'), {
          attempts: 2,
          delaySeconds: 0,
          message: stopText('m'),
          retryOnly: { ...only, pattern: 'a b' },
        }),
      ),
    ).toThrow();
  });

  it('with an ambiguous failure, tries it again only its own few times, then says both causes', () => {
    // Prints its failure on every try; "Msg 3" is the one of two readings.
    const failsWith = (failure: string) => cmd('bash -c', lit(`echo x >> tries; echo ${failure}; exit 1`));
    const only = {
      outputTo: 'OUT',
      pattern: 'Msg.(1|3),',
      otherwise: stopText('not waited for'),
      ambiguous: { pattern: 'Msg.3,', attempts: 2, message: stopText('both causes') },
    };
    const run = (failure: string) =>
      spawnSync(
        'bash',
        [
          '-c',
          `cd "$(mktemp -d)" && ${once(retry(failsWith(failure), { attempts: 4, delaySeconds: 0, message: stopText('gave up'), retryOnly: only }))}`,
        ],
        { encoding: 'utf8' },
      );
    const ambiguous = run("'Msg 3, Level 16'");
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toBe('Msg 3, Level 16\nMsg 3, Level 16\nboth causes\n');
    // The other failure the pattern matches is still tried every time.
    const transient = run("'Msg 1, Level 16'");
    expect(transient.status).toBe(1);
    expect(transient.stderr).toBe(`${'Msg 1, Level 16\n'.repeat(4)}gave up\n`);
    expect(() =>
      once(
        retry(failsWith('x'), {
          attempts: 2,
          delaySeconds: 0,
          message: stopText('m'),
          retryOnly: { ...only, ambiguous: { ...only.ambiguous, attempts: 2 } },
        }),
      ),
    ).toThrow();
  });

  it('runs a one-try check without a loop: on, or stopped with the message', () => {
    const passing = once(orStop(succeedsOnTry(1), stopText('never')), command(['echo', 'reached']));
    expect(passing).not.toContain('for attempt');
    expect(bashEcho(`cd "$(mktemp -d)" && ${passing}`).trim()).toBe('reached');
    const failing = once(
      orStop(succeedsOnTry(2), stopText("it's not ready")),
      command(['echo', 'not reached']),
    );
    const result = spawnSync('bash', ['-c', `cd "$(mktemp -d)" && ${failing}`], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("it's not ready\n");
  });

  it('with a flag, says why, sets the flag and goes on (one try or many), the flag starting at 0', () => {
    for (const attempts of [1, 2]) {
      const text = toBash({
        header: [],
        variables: [],
        flags: ['KEPT'],
        steps: [
          {
            comment: 'c',
            lines: [
              command(['echo', v('KEPT')]),
              retry(succeedsOnTry(9), {
                attempts,
                delaySeconds: 0,
                message: stopText('kept'),
                flagOnFailure: 'KEPT',
              }),
              command(['echo', v('KEPT')]),
            ],
          },
        ],
      });
      const result = spawnSync('bash', ['-c', `cd "$(mktemp -d)" && ${text}`], {
        encoding: 'utf8',
        env: { ...process.env, KEPT: '1' },
      });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toBe('0\n1\n');
      expect(result.stderr).toBe('kept\n');
    }
  });

  it('refuses a loop that would never run', () => {
    expect(() =>
      once(retry(cmd('true'), { attempts: 0, delaySeconds: 0, message: stopText('m') })),
    ).toThrow();
  });
});

describe('stop', () => {
  const script = (...lines: ScriptLine[]): Script => ({
    header: [],
    variables: [],
    steps: [
      { comment: 'first', lines },
      { comment: 'second', lines: [command(['echo', 'not reached'])] },
    ],
  });

  it.each(HOSTILE.filter((message) => message !== ''))(
    'stops the whole script with the message, literally: %j',
    (message) => {
      const result = spawnSync('bash', ['-c', toBash(script(stop(stopText(message))))], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${message}\n`);
    },
  );

  it('stops inside a conditional only when it holds', () => {
    const text = (value: string): string =>
      toBash({
        ...script(when('X', '=', 'yes', [stop(stopText('stopped'))])),
        variables: [{ name: 'X', value }],
      });
    expect(spawnSync('bash', ['-c', text('yes')], { encoding: 'utf8' }).status).toBe(1);
    expect(bashEcho(text('no'))).toBe('not reached\n');
  });
});

describe('guard', () => {
  it('compares with another variable when the value is one', () => {
    const text = (other: string): string =>
      toBash({
        header: [],
        variables: [
          { name: 'A', value: 'same value' },
          { name: 'B', value: other },
        ],
        steps: [
          {
            comment: 'c',
            lines: [
              { kind: 'guard', variable: 'A', operator: '!=', value: v('B'), message: stopText('differ') },
              command(['echo', 'passed']),
            ],
          },
        ],
      });
    expect(bashEcho(text('same value'))).toBe('passed\n');
    const result = spawnSync('bash', ['-c', text('other')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('differ\n');
  });

  it('prints its detail, with the values the script read, before its message', () => {
    const found = "a 'quoted' $type";
    const text = toBash({
      header: [],
      variables: [{ name: 'FOUND', value: found }],
      steps: [
        {
          comment: 'c',
          lines: [
            guard('FOUND', '!=', '', stopText('It stops.'), { detail: join('Found: ', v('FOUND'), '.') }),
            command(['echo', 'not reached']),
          ],
        },
      ],
    });
    const result = spawnSync('bash', ['-c', text], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Found: ${found}.\nIt stops.\n`);
  });
});

describe('versionAtLeast', () => {
  /** Runs the check against VERSION=`value` under real Bash: status, stdout and stderr. */
  function check(value: string, minimum = '1.17') {
    const text = toBash({
      header: [],
      variables: [{ name: 'VERSION', value }],
      steps: [
        {
          comment: 'c',
          lines: [
            versionAtLeast('VERSION', minimum, {
              tooOld: stopWord(join('runs ', v('VERSION'), "; it's too old")),
              unknown: 'could not read the version',
            }),
            cmd('echo went on'),
          ],
        },
      ],
    });
    return spawnSync('bash', ['-c', text], { encoding: 'utf8' });
  }

  it.each(['1.17', '1.17.0', '1.17.3', '1.18.3', '1.100.0', '2.0.0', '1.17.0-rc.1'])(
    'goes on when %s is at least 1.17',
    (value) => {
      const result = check(value);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toBe('went on\n');
      expect(result.stderr).toBe('');
    },
  );

  it.each(['1.16.9', '1.9.0', '1.16', '0.99', '1.1.17'])('stops when %s is older than 1.17', (value) => {
    const result = check(value);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`runs ${value}; it's too old\n`);
  });

  it.each(['', 'latest', 'edge', '1.17 1.18', 'v1.18.0'])(
    'says it could not read %j and goes on',
    (value) => {
      const result = check(value);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('could not read the version\n');
      expect(result.stdout).toBe('went on\n');
    },
  );

  it('keeps a hostile value a value', () => {
    for (const value of HOSTILE.filter((text) => text !== '')) {
      const result = check(value, '99');
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('could not read the version\n');
    }
  });

  it('refuses a minimum that is not a version', () => {
    expect(() =>
      versionAtLeast('VERSION', "1.17'; rm -rf /", { tooOld: stopText('x'), unknown: 'y' }),
    ).toThrow();
  });
});

describe('a capture that tolerates failure', () => {
  /** A directory holding a `kubectl` stand-in that prints `stdout`, complains on stderr and exits `status`. */
  function standIn(status: number, stdout = ''): string {
    const dir = mkdtempSync(joinPath(tmpdir(), 'tolerate-'));
    const path = joinPath(dir, 'kubectl');
    writeFileSync(
      path,
      `#!/usr/bin/env bash\nprintf '%s' ${quoteLiteral(stdout)}\necho 'Error from server (Forbidden)' >&2\nexit ${status}\n`,
    );
    chmodSync(path, 0o755);
    return dir;
  }
  const lookup = (tolerateFailure: boolean): string =>
    toBash({
      header: [],
      variables: [],
      steps: [
        {
          comment: 'c',
          lines: [
            command(['kubectl', 'get', 'deployment', 'x'], {
              captureTo: 'IMAGE',
              pipeTo: ['sed', '-nE', 's/^.*:([0-9.]+)$/\\1/p'],
              tolerateFailure,
            }),
            command(['printf', '[%s] went on\\n', v('IMAGE')]),
          ],
        },
      ],
    });
  const runWith = (dir: string, text: string) =>
    spawnSync('bash', ['-c', text], {
      encoding: 'utf8',
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });

  it('renders || true inside the capture, after the pipe', () => {
    expect(lookup(true)).toContain(
      "IMAGE=$(kubectl get deployment x | sed -nE 's/^.*:([0-9.]+)$/\\1/p' || true)",
    );
  });

  it('goes on with an empty value when the command fails under set -euo pipefail', () => {
    const result = runWith(standIn(1), lookup(true));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('[] went on\n');
    expect(result.stderr).toContain('Forbidden');
  });

  it('keeps what the pipe printed when the command succeeds', () => {
    const result = runWith(standIn(0, 'ghcr.io/dapr/dapr:1.16.2'), lookup(true));
    expect(result.stdout).toBe('[1.16.2] went on\n');
  });

  it('without it, the failing capture stops the script (the trap it avoids)', () => {
    const result = runWith(standIn(1), lookup(false));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
  });
});

describe('dry run', () => {
  /** A directory with an `az` stand-in that logs its argv to calls.log and prints "answer". */
  function azStandIn(): string {
    const dir = mkdtempSync(joinPath(tmpdir(), 'dry-run-'));
    writeFileSync(
      joinPath(dir, 'az'),
      `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${quoteLiteral(joinPath(dir, 'calls.log'))}\n[ "$1" = fail ] && exit 4\necho answer\n`,
    );
    chmodSync(joinPath(dir, 'az'), 0o755);
    return dir;
  }
  const lines = (...body: ScriptLine[]): string =>
    toBash({
      header: [],
      variables: [{ name: 'NAME', value: "it's $(id)" }],
      steps: [{ comment: 'c', lines: body }],
    });
  const runIn = (dir: string, text: string, dryRun: boolean) => {
    const result = spawnSync('bash', ['-c', text], {
      encoding: 'utf8',
      env: { PATH: `${dir}:/usr/bin:/bin`, ...(dryRun ? { DRY_RUN: '1' } : {}) },
    });
    let calls = '';
    try {
      calls = readFileSync(joinPath(dir, 'calls.log'), 'utf8');
    } catch {
      calls = '';
    }
    return { ...result, calls };
  };
  const script = lines(
    command(['az', 'keyvault', 'show', '--name', v('NAME')], { captureTo: 'FOUND' }),
    command(['az', 'role', 'assignment', 'create', '--scope', v('NAME')]),
    command(['az', 'vm', 'identity', 'assign'], { captureTo: 'PRINCIPAL_ID' }),
    command(['az', 'identity', 'show'], { captureTo: 'CLIENT_ID', readsChange: true }),
    guard('PRINCIPAL_ID', '=', 'dry-run:PRINCIPAL_ID', stopText('checked in a dry run'), {
      checksChange: true,
    }),
    command(['printf', '%s|%s|%s\\n', v('FOUND'), v('PRINCIPAL_ID'), v('CLIENT_ID')]),
  );

  it('runs every command without DRY_RUN', () => {
    const result = runIn(azStandIn(), script, false);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('answer\nanswer|answer|answer\n');
    expect(result.calls.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('prints changing commands shell-quoted instead of running them, and still runs the reads', () => {
    const result = runIn(azStandIn(), script, true);
    expect(result.status, result.stderr).toBe(0);
    expect(result.calls).toBe("keyvault show --name it's $(id)\nidentity show\n");
    const printed = result.stderr.split('\n').filter((line) => line.startsWith('DRY RUN, not run: '));
    expect(printed).toHaveLength(2);
    const words = bashEcho(`printf '[%s]' ${(printed[0] ?? '').slice('DRY RUN, not run: '.length)}`);
    expect(words).toBe("[az][role][assignment][create][--scope][it's $(id)]");
    expect(result.stdout).toBe('answer|dry-run:PRINCIPAL_ID|answer\n');
    expect(result.stderr).toContain('DRY RUN: PRINCIPAL_ID stands in as dry-run:PRINCIPAL_ID');
  });

  it('a read of what a skipped command makes stands in as a placeholder when it fails', () => {
    const text = lines(
      command(['az', 'fail'], { captureTo: 'X', readsChange: true, effect: 'read-only' }),
      command(['az', 'fail', 'list'], { readsChange: true }),
      command(['printf', '%s\\n', v('X')]),
    );
    const dry = runIn(azStandIn(), text, true);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe('dry-run:X\n');
    expect(dry.stderr).toContain('DRY RUN: not there before the skipped commands run: az fail list');
    expect(runIn(azStandIn(), text, false).status).toBe(4);
  });

  it('keeps a failing changing capture fatal outside a dry run', () => {
    const result = runIn(
      azStandIn(),
      lines(command(['az', 'fail', 'create'], { captureTo: 'X' }), command(['echo', 'not reached'])),
      false,
    );
    expect(result.status).toBe(4);
    expect(result.stdout).toBe('');
  });

  it('reads the effect from the words unless a command says', () => {
    expect(commandEffect(cmd('az keyvault show --name x'))).toBe('read-only');
    expect(commandEffect(cmd('az account set --subscription x'))).toBe('read-only');
    expect(commandEffect(cmd('kubectl get pods'))).toBe('read-only');
    expect(commandEffect(cmd('mkdir -p components'))).toBe('read-only');
    expect(commandEffect(cmd('az role assignment create --scope x'))).toBe('changing');
    expect(commandEffect(cmd('kubectl apply -f x'))).toBe('changing');
    expect(commandEffect(cmd('psql x -c y'))).toBe('changing');
    expect(commandEffect(command(['psql', 'x'], { effect: 'read-only' }))).toBe('read-only');
  });

  it('refuses a pipe into a command that changes something', () => {
    expect(() => lines(command(['echo', 'x'], { pipeTo: ['kubectl', 'apply', '-f', '-'] }))).toThrow();
  });
});

describe('when, against another variable', () => {
  it.each(HOSTILE)('runs its lines only when both variables hold %j', (value) => {
    const text = (other: string): string =>
      toBash({
        header: [],
        variables: [
          { name: 'A', value },
          { name: 'B', value: other },
        ],
        steps: [{ comment: 'c', lines: [when('A', '=', v('B'), [cmd('echo same')]), cmd('echo after')] }],
      });
    expect(bashEcho(text(value))).toBe('same\nafter\n');
    expect(bashEcho(text(`${value}x`))).toBe('after\n');
  });
});

describe('environment options', () => {
  const script: Script = {
    header: [],
    variables: [],
    options: [{ name: 'DELETE_IDENTITY', defaultValue: '0' }],
    steps: [{ comment: 'c', lines: [cmd('printf [%s]', v('DELETE_IDENTITY'))] }],
  };

  it('take the value set in the environment, else the default (also when set but empty)', () => {
    const text = toBash(script);
    const run = (env: Record<string, string>): string =>
      spawnSync('bash', ['-c', text], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } })
        .stdout;
    expect(run({})).toBe('[0]');
    expect(run({ DELETE_IDENTITY: '' })).toBe('[0]');
    expect(run({ DELETE_IDENTITY: '1' })).toBe('[1]');
    expect(run({ DELETE_IDENTITY: '$(touch /tmp/pwned) *' })).toBe('[$(touch /tmp/pwned) *]');
  });

  it('refuse a name or a default that is not plain', () => {
    const withOption = (name: string, defaultValue: string): Script => ({
      ...script,
      options: [{ name, defaultValue }],
    });
    expect(() => toBash(withOption('X; rm', '0'))).toThrow('Not an option name');
    expect(() => toBash(withOption('X', '$(id)'))).toThrow('Not a plain option default');
    expect(() => toBash(withOption('X', 'a}b'))).toThrow('Not a plain option default');
  });
});
