#!/usr/bin/env node
/**
 * linkforge CLI: `linkforge <command> [options]`. Each command lives in its own module and returns
 * an exit status; this file only dispatches. Unexpected exceptions are reported in one line (never
 * a stack trace unless LINKFORGE_DEBUG is set) and exit 2, distinct from "input is invalid" (1).
 */
import * as fs from 'fs';
import * as path from 'path';
import { suggest } from '../config/suggest';

import { PROCESS_OUTPUT, type Output } from './output';

/** A command module's entry point: every module defines it with the kit (./kit.ts). */
type Run = (argv: string[], out?: Output) => Promise<number>;

/**
 * Every command: its line in the overview and its module, loaded only when the command runs (a
 * `validate` need not load cdktf or the AWS SDK).
 */
const COMMANDS: Record<string, { readonly summary: string; readonly load: () => Promise<Run> }> = {
  validate: {
    summary: 'check every customer file (--customers DIR, --format text|github|json)',
    load: async () => (await import('./validate')).run,
  },
  synth: {
    summary: 'validate, then write cdktf.out/stacks/<id>/cdk.tf.json ([ID...])',
    load: async () => (await import('./synth')).run,
  },
  plan: {
    summary:
      'synth, then terraform init + plan per stack ([ID...] [--affected-since REF] [--shard K/N] [--jobs N] [--offline])',
    load: async () => (await import('./plan')).run,
  },
  summarize: {
    summary: 'merge the output directories of plan --shard runs into one summary (DIR... [--outdir DIR])',
    load: async () => (await import('./summarize')).run,
  },
  'shard-matrix': {
    summary: 'the CI job matrix of plan shards for an affected set (--affected-from FILE [--threshold N])',
    load: async () => (await import('./shard-matrix')).run,
  },
  affected: {
    summary: 'customers added, changed or removed since --base REF',
    load: async () => (await import('./affected')).run,
  },
  generate: {
    summary:
      'regenerate committed artefacts (schema/customer.schema.json, docs/fields.md, compiled validators)',
    load: async () => (await import('./generate')).run,
  },
  handoff: {
    summary:
      "the customer's handoff document: cdktf.out/handoff/<id>.md (ID [--format md|json] [--device TYPE] [--live])",
    load: async () => (await import('./handoff')).run,
  },
  status: {
    summary: 'live state of every link in AWS, compared with the files ([ID...] [--format text|json|md])',
    load: async () => (await import('./status')).run,
  },
  list: {
    summary: 'every customer: id, type, region, plan, accepted/decommissioned (--format text|json)',
    load: async () => (await import('./list')).run,
  },
};

const USAGE = `usage: linkforge <command> [options]      (linkforge <command> --help for its options)
       linkforge --version

commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(9)}  ${summary}\n`)
  .join('')}`;

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

async function main(argv: string[], out: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.stdout(USAGE);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    out.stdout(`linkforge ${version()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const near = suggest(name, Object.keys(COMMANDS));
    out.stderr(`linkforge: unknown command '${name}'${near ? `; did you mean '${near}'?` : ''}\n${USAGE}`);
    return 1;
  }
  return (await command.load())(rest, out);
}

main(process.argv.slice(2), PROCESS_OUTPUT).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    PROCESS_OUTPUT.stderr(`linkforge: internal error: ${msg}\n`);
    if (process.env.LINKFORGE_DEBUG && err instanceof Error) PROCESS_OUTPUT.stderr(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
