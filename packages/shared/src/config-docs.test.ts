import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_GROUPS, defaultOf, PROCESS_VARIABLES } from './config';

/** The README's configuration tables and .env.example are kept alike with the schema: a variable missing, extra, in another group, or with another default fails here. */
const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const everyVariable = CONFIG_GROUPS.flatMap((group) => group.variables);

/** Each row of the tables under `## Configuration`: its variable, the `###` group it sits under, and its cells. */
function configurationRows(): { name: string; group: string; usedBy: string; defaultCell: string }[] {
  const section = readme.slice(readme.indexOf('\n## Configuration\n'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration\n') + 1));
  let group = '';
  const rows: { name: string; group: string; usedBy: string; defaultCell: string }[] = [];
  for (const line of section.split('\n')) {
    if (line.startsWith('### ')) group = line.slice(4).trim();
    const row = /^\| `([A-Z0-9_]+)` \| ([^|]+) \| ([^|]+) \|/.exec(line);
    if (row) rows.push({ name: row[1]!, group, usedBy: row[2]!.trim(), defaultCell: row[3]!.trim() });
  }
  return rows;
}

function usedByOf(name: string): string {
  const processes = (['api', 'worker', 'migration'] as const).filter((process) => (PROCESS_VARIABLES[process] as readonly string[]).includes(name));
  return processes.length === 3 ? 'all' : processes.join(', ');
}

/** How the README shows a default: the value in backticks; WORKER_ID's depends on the machine. */
const documentedDefault = (name: string): string | undefined =>
  name === 'WORKER_ID' ? '<hostname>-<pid>' : defaultOf(name) === undefined ? undefined : String(defaultOf(name));

describe('README configuration tables', () => {
  const rows = configurationRows();

  it('list every variable of the schema once, and nothing else', () => {
    expect(rows.map((row) => row.name).sort()).toEqual([...everyVariable].sort());
  });

  it('put each variable under its group\'s heading, with the processes that read it', () => {
    for (const group of CONFIG_GROUPS) {
      for (const name of group.variables) {
        expect({ name, group: rows.find((row) => row.name === name)?.group }).toEqual({ name, group: group.title });
        expect({ name, usedBy: rows.find((row) => row.name === name)?.usedBy }).toEqual({ name, usedBy: usedByOf(name) });
      }
    }
  });

  it('give the schema\'s default, or — where there is none', () => {
    for (const { name, defaultCell } of rows) {
      const expected = documentedDefault(name);
      const shown = defaultCell.startsWith('—') ? undefined : /^`([^`]+)`/.exec(defaultCell)?.[1];
      expect({ name, default: shown }).toEqual({ name, default: expected });
    }
  });
});

describe('.env.example', () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const listed = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((match) => ({ name: match[1]!, value: match[2]!, commented: match[0].startsWith('#') }));

  it('lists every variable once, and nothing else', () => {
    expect(listed.map((entry) => entry.name).sort()).toEqual([...everyVariable].sort());
  });

  it('sets every variable it sets to its default, but for the local connections and secret', () => {
    for (const { name, value, commented } of listed) {
      if (commented || ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET'].includes(name)) continue;
      expect({ name, value }).toEqual({ name, value: String(defaultOf(name)) });
    }
  });
});
