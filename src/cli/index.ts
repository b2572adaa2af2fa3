#!/usr/bin/env node
/**
 * linkforge CLI: `linkforge <command> [options]`. Each command lives in its own module and returns
 * an exit status; this file only dispatches. Unexpected exceptions are reported in one line (never
 * a stack trace unless LINKFORGE_DEBUG is set) and exit 2, distinct from "input is invalid" (1).
 */
import * as fs from 'fs';
import * as path from 'path';
import { suggest } from '../config/suggest';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate')).run,
  synth: async () => (await import('./synth')).run,
  plan: async () => (await import('./plan')).run,
  affected: async () => (await import('./affected')).run,
  generate: async () => (await import('./generate')).run,
  summarize: async () => (await import('./summarize')).run,
  'shard-matrix': async () => (await import('./shard-matrix')).run,
  handoff: async () => (await import('./handoff')).run,
  status: async () => (await import('./status')).run,
  list: async () => (await import('./list')).run,
};

const USAGE = `usage: linkforge <command> [options]      (linkforge <command> --help for its options)
       linkforge --version

commands:
  validate   check every customer file (--customers DIR, --format text|github|json)
  synth      validate, then write cdktf.out/stacks/<id>/cdk.tf.json ([ID...])
  plan       synth, then terraform init + plan per stack ([ID...] [--affected-since REF] [--shard K/N] [--jobs N] [--offline])
  summarize  merge the output directories of plan --shard runs into one summary (DIR... [--outdir DIR])
  shard-matrix  the CI job matrix of plan shards for an affected set (--affected-from FILE [--threshold N])
  affected   customers added, changed or removed since --base REF
  generate   regenerate committed artefacts (schema/customer.schema.json, docs/fields.md)
  handoff    the customer's handoff document: cdktf.out/handoff/<id>.md (ID [--format md|json] [--device TYPE] [--live])
  status     live state of every link in AWS, compared with the files ([ID...] [--format text|json|md])
  list       every customer: id, type, region, plan, accepted/decommissioned (--format text|json)
`;

/** The package's version, from the package.json above this file (src/cli or dist/src/cli). */
export function version(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'linkforge') return pkg.version ?? 'unknown';
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`linkforge ${version()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    const near = suggest(name, Object.keys(COMMANDS));
    process.stderr.write(
      `linkforge: unknown command '${name}'${near ? `; did you mean '${near}'?` : ''}\n${USAGE}`,
    );
    return 1;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`linkforge: internal error: ${msg}\n`);
    if (process.env.LINKFORGE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
