#!/usr/bin/env node
/**
 * linkforge CLI: `linkforge <command> [options]`. Each command lives in its own module and returns
 * an exit status; this file only dispatches. Unexpected exceptions are reported in one line (never
 * a stack trace unless LINKFORGE_DEBUG is set) and exit 2, distinct from "input is invalid" (1).
 */
type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate')).run,
  synth: async () => (await import('./synth')).run,
  plan: async () => (await import('./plan')).run,
  affected: async () => (await import('./affected')).run,
  generate: async () => (await import('./generate')).run,
  summarize: async () => (await import('./summarize')).run,
  handoff: async () => (await import('./handoff')).run,
  status: async () => (await import('./status')).run,
};

const USAGE = `usage: linkforge <command> [options]

commands:
  validate   check every customer file (--customers DIR, --format text|github|json)
  synth      validate, then write cdktf.out/stacks/<id>/cdk.tf.json ([ID...])
  plan       synth, then terraform init + plan per stack ([ID...] [--affected-since REF] [--shard K/N] [--jobs N] [--offline])
  summarize  merge the output directories of plan --shard runs into one summary (DIR... [--outdir DIR])
  affected   customers added, changed or removed since --base REF
  generate   regenerate committed artefacts (schema/customer.schema.json, docs/fields.md)
  handoff    the customer's handoff document: cdktf.out/handoff/<id>.md (ID [--format md|json] [--device TYPE] [--live])
  status     live state of every link in AWS, compared with the files ([ID...] [--format text|json|md])
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`linkforge: unknown command '${name}'\n${USAGE}`);
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
