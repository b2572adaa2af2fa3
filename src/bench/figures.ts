/**
 * The figures the benchmark reports, in report order, with what each means for both tools.
 */
import type { FigureId } from './types';

export interface FigureDef {
  readonly id: FigureId;
  readonly title: string;
  /** What linkforge runs. */
  readonly linkforge: string;
  /** What the plain cdktf app runs for the same figure. */
  readonly plain: string;
}

export const FIGURES: readonly FigureDef[] = [
  {
    id: 'validate',
    title: 'Validation of every customer file',
    linkforge: '`linkforge validate --customers DIR`',
    plain:
      '`npx cdktf synth`: a plain cdktf app has no separate validation step; the only check it offers is ' +
      'running the app (YAML parse, then synthesis), so its figure repeats its synthesis',
  },
  {
    id: 'synth-all',
    title: 'Synthesis of every stack',
    linkforge: '`linkforge synth --customers DIR --outdir X`',
    plain: '`npx cdktf synth` (app command `npx ts-node main.ts`)',
  },
  {
    id: 'synth-one',
    title: 'Synthesis of one selected stack',
    linkforge: '`linkforge synth --customers DIR --outdir X ID`',
    plain:
      '`npx cdktf synth`: cdktf synthesizes every stack of the app whatever is selected, so its figure repeats its synthesis',
  },
  {
    id: 'pr-path',
    title: 'Pull request changing one customer',
    linkforge:
      'in a git repository holding the fleet, one customer changed in the last commit: `linkforge validate`, ' +
      '`linkforge affected --base HEAD~1`, `linkforge plan --affected-since HEAD~1 --offline` (synthesis, ' +
      '`terraform init` + `plan` of that one stack), end to end',
    plain:
      '`npx cdktf diff ID --skip-provider-lock` for the changed customer (the user has to know which one)',
  },
  {
    id: 'plan-all-jobs1',
    title: 'Plan of every customer, one at a time',
    linkforge: '`linkforge plan --offline --jobs 1`',
    plain: '`npx cdktf diff ID --skip-provider-lock` for each stack, one after another',
  },
  {
    id: 'plan-all-jobs2',
    title: 'Plan of every customer, two at a time',
    linkforge: '`linkforge plan --offline --jobs 2`',
    plain:
      'the same serial `cdktf diff` loop: `cdktf diff` takes one stack and every run rewrites the shared ' +
      '`cdktf.out`, so two cannot safely run side by side',
  },
  {
    id: 'status',
    title: 'Live status of every link (mocked AWS, 100 ms per call)',
    linkforge:
      '`linkforge status --format json` against a mocked EC2 client answering each call after 100 ms ' +
      '(`node dist/src/bench/status-fleet.js`), every link healthy; the table gives the AWS calls made',
    plain: 'no equivalent: plain cdktf has no status command (one would call AWS per stack)',
  },
];
