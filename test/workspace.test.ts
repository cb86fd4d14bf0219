import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Every workspace package runs the same scripts, and its exports map points at files that exist
// (after `pnpm build`, which `pnpm test` runs first).
const root = join(__dirname, '..');
const packageDirs = ['apps', 'packages']
  .flatMap((parent) => readdirSync(join(root, parent)).map((name) => join(root, parent, name)))
  .concat(join(root, 'scripts'))
  .filter((dir) => existsSync(join(dir, 'package.json')));

interface PackageJson {
  name: string;
  scripts?: Record<string, string>;
  main?: string;
  types?: string;
  exports?: ExportTarget;
}

/** A target, or conditions (`import`, `require`, `types`, …) nested to any depth, as Node resolves them. */
type ExportTarget = string | { [condition: string]: ExportTarget };

const targetsOf = (exports: ExportTarget = {}): string[] =>
  typeof exports === 'string' ? [exports] : Object.values(exports).flatMap((target) => targetsOf(target));

/** Whether a target exists; a `*` target must match at least one file of its folder. */
const exists = (dir: string, target: string): boolean => {
  if (!target.includes('*')) return existsSync(join(dir, target));
  const [prefix = '', suffix = ''] = target.split('*');
  const folder = join(dir, prefix.slice(0, prefix.lastIndexOf('/') + 1));
  const start = prefix.slice(prefix.lastIndexOf('/') + 1);
  return existsSync(folder) && readdirSync(folder).some((name) => name.startsWith(start) && name.endsWith(suffix));
};

describe.each(packageDirs.map((dir) => [relative(root, dir), dir]))('%s', (_name, dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

  it('has the build, typecheck, lint, test and clean scripts', () => {
    expect(Object.keys(pkg.scripts ?? {})).toEqual(expect.arrayContaining(['build', 'typecheck', 'lint', 'test', 'clean']));
  });

  it('exports files that exist', () => {
    const targets = [...targetsOf(pkg.exports), pkg.main, pkg.types].filter((target) => target !== undefined);
    expect(targetsOf(pkg.exports).length).toBeGreaterThan(0);
    expect(targets.filter((target) => !exists(dir, target))).toEqual([]);
  });
});

// A package's public surface is the list of names its index gives: `export *` would pass on
// whatever any of its modules exports (internals included) without anyone deciding to.
const indexes = packageDirs.map((dir) => join(dir, 'src', 'index.ts')).filter((file) => existsSync(file));

it.each(indexes.map((file) => [relative(root, file), file]))('%s names its exports (no export *)', (_name, file) => {
  const wildcards = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^\s*export\s+(type\s+)?\*/.test(line));
  expect(wildcards).toEqual([]);
});
