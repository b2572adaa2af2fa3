/**
 * The command kit: the same parse → usage-on-error → --help → execute sequence, and the same
 * words for the same mistake, for every command.
 */
import { UsageError, choice, defineCommand } from '../../src/cli/kit';
import { capture } from './capture';

const USAGE = 'usage: linkforge demo [--name NAME] [--loud] [--format text|json] [ID...]\n';

function demo(
  execute = async (_args: unknown, out: { stdout(s: string): void }) => (out.stdout('ran\n'), 0),
) {
  return defineCommand({
    name: 'demo',
    usage: USAGE,
    options: { name: { type: 'string' }, loud: { type: 'boolean', short: 'l' }, format: { type: 'string' } },
    positionals: true,
    args: (values, ids) => {
      if (ids.includes('bad')) throw new Error("'bad' is not an id");
      return {
        name: values.name,
        loud: values.loud ?? false,
        ids,
        format: choice('--format', values.format, ['text', 'json'], 'text'),
      };
    },
    execute,
  });
}

describe('defineCommand', () => {
  it('parses declared options and positionals into the arguments', () => {
    expect(demo().parse(['a', '--name', 'x', '-l', 'b', '--format=json'])).toEqual({
      name: 'x',
      loud: true,
      ids: ['a', 'b'],
      format: 'json',
    });
    expect(demo().parse(['--name', 'x', '--help'])).toBe('help');
  });

  it('--help and -h: the usage on stdout, exit 0, nothing executed', async () => {
    for (const flag of ['--help', '-h']) {
      const io = capture();
      expect(await demo().run([flag], io)).toBe(0);
      expect(io).toMatchObject({ out: USAGE, err: '' });
    }
  });

  it.each([
    [['--name'], '--name needs a value'],
    [['--name', ''], '--name needs a value'],
    [['--nope'], "Unknown option '--nope'"],
    [['--format', 'yaml'], "--format must be text or json, not 'yaml'"],
    [['bad'], "'bad' is not an id"],
  ])('%j: one line naming the mistake, then the usage, on stderr; exit 1', async (argv, message) => {
    const io = capture();
    expect(await demo().run(argv, io)).toBe(1);
    expect(io.out).toBe('');
    const [first, ...rest] = io.err.split('\n');
    expect(first.slice(0, `linkforge demo: ${message}`.length)).toBe(`linkforge demo: ${message}`);
    expect(rest.join('\n')).toBe(USAGE);
  });

  it('an argument where none is taken is named', () => {
    const none = defineCommand({
      name: 'none',
      usage: 'usage: linkforge none\n',
      options: {},
      args: () => ({}),
      execute: async () => 0,
    });
    expect(() => none.parse(['extra'])).toThrow(new UsageError("unknown argument 'extra'"));
  });

  it('a UsageError from execute is reported as a usage error; any other error is not caught', async () => {
    const late = demo(async () => {
      throw new UsageError('cannot read --name file');
    });
    const io = capture();
    expect(await late.run([], io)).toBe(1);
    expect(io.err).toBe(`linkforge demo: cannot read --name file\n${USAGE}`);

    const bug = demo(async () => {
      throw new TypeError('a bug');
    });
    await expect(bug.run([], capture())).rejects.toThrow('a bug');
  });

  it('executes with the injected output and returns its status', async () => {
    const io = capture();
    expect(await demo().run(['a'], io)).toBe(0);
    expect(io.out).toBe('ran\n');
  });
});
