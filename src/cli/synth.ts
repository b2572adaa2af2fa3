// Placeholder until the 'synth' command lands; replaced by its real implementation.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('linkforge synth: not implemented yet\n');
  return 2;
}
