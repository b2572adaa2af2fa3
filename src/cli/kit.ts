/**
 * The one way to write a linkforge command: declare the options (Node's `util.parseArgs`), the
 * usage text, how the parsed values become the command's arguments, and what it does with them.
 * The kit does the rest the same way for every command:
 *
 *   parse → on a bad argument: `linkforge <name>: <what>` and the usage on stderr, exit 1
 *         → `--help` / `-h`: the usage on stdout, exit 0
 *         → execute with the injected Output (tests pass a capture, the CLI the process streams).
 *
 * Messages for the common mistakes are worded once here, so every command says the same thing for
 * the same mistake: a flag without its value, an argument a command does not take, an unknown
 * `--format`.
 */
import { parseArgs } from 'util';
import { orList } from '../text/or-list';
import { PROCESS_OUTPUT, type Output } from './output';

/**
 * A mistake in how the command was called: reported with the usage, exit 1. Thrown by `args`
 * (any error there is one) or by `execute` when a mistake only shows later (a file named by a flag
 * that cannot be read).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One option as util.parseArgs takes it (`--help`/`-h` is added by the kit). */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
}

/** The parsed values of `O`: strings, booleans or lists of strings, absent when not given. */
export type OptionValues<O extends Readonly<Record<string, OptionSpec>>> = {
  readonly [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? O[K]['multiple'] extends true
      ? boolean[]
      : boolean
    : O[K]['multiple'] extends true
      ? string[]
      : string;
};

export interface CommandSpec<O extends Readonly<Record<string, OptionSpec>>, A> {
  /** The word after `linkforge`; prefixes every message. */
  readonly name: string;
  /** Printed for --help (stdout) and after a usage error (stderr); starts `usage: linkforge <name>`. */
  readonly usage: string;
  readonly options: O;
  /** Whether the command takes positional arguments (ids, directories). @default false */
  readonly positionals?: boolean;
  /**
   * From the parsed values to the command's arguments. Pure: check combinations and formats here;
   * anything thrown is a usage error.
   */
  readonly args: (values: OptionValues<O>, positionals: readonly string[]) => A;
  readonly execute: (args: A, out: Output) => Promise<number>;
}

export interface Command<A> {
  readonly name: string;
  readonly usage: string;
  /** The arguments `argv` stands for, `'help'` for --help; throws a UsageError for a mistake. */
  parse(argv: readonly string[]): A | 'help';
  /** Parse and execute: the exit status. */
  run(argv: readonly string[], out?: Output): Promise<number>;
}

export function defineCommand<const O extends Readonly<Record<string, OptionSpec>>, A>(
  spec: CommandSpec<O, A>,
): Command<A> {
  const parse = (argv: readonly string[]): A | 'help' => {
    let parsed: { values: Record<string, unknown>; positionals: string[] };
    try {
      parsed = parseArgs({
        args: [...argv],
        options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: spec.positionals ?? false,
      });
    } catch (e) {
      throw new UsageError(parseErrorMessage(e));
    }
    if (parsed.values.help === true) return 'help';
    for (const [key, value] of Object.entries(parsed.values)) {
      // `--customers ""` is almost always an unset shell variable, never a wish for the cwd.
      if (value === '') throw new UsageError(`--${key} needs a value`);
    }
    try {
      return spec.args(parsed.values as OptionValues<O>, parsed.positionals);
    } catch (e) {
      throw e instanceof UsageError ? e : new UsageError(messageOf(e));
    }
  };
  const usageError = (out: Output, e: UsageError) => {
    out.stderr(`linkforge ${spec.name}: ${e.message}\n${spec.usage}`);
    return 1;
  };
  return {
    name: spec.name,
    usage: spec.usage,
    parse,
    async run(argv, out = PROCESS_OUTPUT) {
      let args: A | 'help';
      try {
        args = parse(argv);
      } catch (e) {
        if (e instanceof UsageError) return usageError(out, e);
        throw e;
      }
      if (args === 'help') {
        out.stdout(spec.usage);
        return 0;
      }
      try {
        return await spec.execute(args, out);
      } catch (e) {
        if (e instanceof UsageError) return usageError(out, e);
        throw e;
      }
    },
  };
}

/**
 * `value` if it is one of `allowed` (or `fallback` when the option was not given); a usage error
 * naming the choices otherwise: `--format must be text, json or md, not 'yaml'`.
 */
export function choice<const T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be ${orList([...allowed])}, not '${value}'`);
}

/** util.parseArgs's messages, in the words every linkforge command uses. */
function parseErrorMessage(e: unknown): string {
  const message = messageOf(e);
  const code = (e as { code?: unknown }).code;
  // "Option '--base <value>' argument missing"
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(message)) {
    const flag = /'(-[^ ']+)/.exec(message)?.[1];
    if (flag) return `${flag} needs a value`;
  }
  // "Unexpected argument 'extra'. This command does not take positional arguments"
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /argument '([^']*)'/.exec(message)?.[1];
    if (arg !== undefined) return `unknown argument '${arg}'`;
  }
  return message;
}

/** An error's message; not by `instanceof Error`: util's errors come from another realm under jest's vm. */
function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(e);
}
