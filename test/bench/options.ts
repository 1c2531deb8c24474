/** The command line of `npm run bench`, parsed without side effects. */

export const SECTIONS = ['bytes', 'signin', 'warm', 'scale', 'lighthouse'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  runs: number;
  quick: boolean;
  /** Null: every section the mode includes. */
  only: Section | null;
  /** Where the JSON goes. */
  out: string;
}

export const DEFAULT_RUNS = 5;
export const QUICK_RUNS = 2;
export const DEFAULT_OUT = 'test/bench/results/latest.json';
/** A partial run (--quick or --only) must not overwrite the committed full figures. */
export const PARTIAL_OUT = 'test/bench/results/partial.json';

export function parseOptions(argv: readonly string[]): BenchOptions {
  let runs: number | null = null;
  let quick = false;
  let only: Section | null = null;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') quick = true;
    else if (arg === '--runs') {
      runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs takes a whole number from 1 to 50');
    } else if (arg === '--only') {
      const section = value();
      if (!(SECTIONS as readonly string[]).includes(section)) throw new Error(`--only takes one of ${SECTIONS.join(', ')}`);
      only = section as Section;
    } else if (arg === '--out') out = value();
    else throw new Error(`unknown option ${arg} (known: --runs N, --quick, --only <${SECTIONS.join('|')}>, --out <file>)`);
  }
  return { runs: runs ?? (quick ? QUICK_RUNS : DEFAULT_RUNS), quick, only, out: out ?? (quick || only !== null ? PARTIAL_OUT : DEFAULT_OUT) };
}

/** The sections a run measures: --only wins; --quick leaves out scale and lighthouse. */
export function sectionsToRun(options: BenchOptions): Section[] {
  if (options.only !== null) return [options.only];
  return SECTIONS.filter((s) => !(options.quick && (s === 'scale' || s === 'lighthouse')));
}
