// Every string of @sayso/elements has a translation in every shipped locale, and the committed
// locale modules are what `npm run localize:build` makes from the committed xliff. lit-localize
// itself finds the strings (its analyzer reads every msg() call), writing into a temporary copy
// so the tree stays untouched.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const elements = fileURLToPath(new URL('../packages/elements/', import.meta.url));
const litLocalize = join(elements, 'node_modules/.bin/lit-localize');

interface LocalizeConfig {
  targetLocales: string[];
  tsConfig: string;
  output: { outputDir: string; localeCodesModule: string };
  interchange: { xliffDir: string };
}

/** The trans-units of an xliff file: id, source text and target text (if any). */
function transUnits(xliff: string) {
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, unit]) => ({
    id: id!,
    source: /<source>([\s\S]*?)<\/source>/.exec(unit!)?.[1] ?? '',
    target: /<target>([\s\S]*?)<\/target>/.exec(unit!)?.[1],
  }));
}

describe('localization of @sayso/elements', () => {
  let work: string;
  let config: LocalizeConfig;

  beforeAll(async () => {
    config = JSON.parse(await readFile(join(elements, 'lit-localize.json'), 'utf8')) as LocalizeConfig;
    work = await mkdtemp(join(tmpdir(), 'sayso-localize-'));
    for (const locale of config.targetLocales) {
      await copyFile(join(elements, config.interchange.xliffDir, `${locale}.xlf`), join(work, `${locale}.xlf`));
    }
    const scratch: LocalizeConfig = {
      ...config,
      tsConfig: join(elements, config.tsConfig),
      output: { ...config.output, outputDir: join(work, 'locales'), localeCodesModule: join(work, 'locale-codes.ts') },
      interchange: { ...config.interchange, xliffDir: work },
    };
    const configPath = join(work, 'lit-localize.json');
    await writeFile(configPath, JSON.stringify(scratch));
    const run = promisify(execFile);
    await run(litLocalize, [`--config=${configPath}`, 'extract'], { cwd: elements });
    await run(litLocalize, [`--config=${configPath}`, 'build'], { cwd: elements });
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('has a translation for every string in every shipped locale', async () => {
    for (const locale of config.targetLocales) {
      const units = transUnits(await readFile(join(work, `${locale}.xlf`), 'utf8'));
      expect(units.length, 'strings found in the source').toBeGreaterThan(50);
      const untranslated = units.filter((unit) => !unit.target?.trim()).map((unit) => `${unit.id}: ${unit.source}`);
      expect(untranslated, `strings without a ${locale} translation: add them to xliff/${locale}.xlf`).toEqual([]);
    }
  });

  it('keeps placeholders intact in every translation', async () => {
    for (const locale of config.targetLocales) {
      for (const unit of transUnits(await readFile(join(work, `${locale}.xlf`), 'utf8'))) {
        if (unit.target === undefined) continue;
        const placeholders = (text: string) => [...text.matchAll(/<x id="(\d+)"/g)].map((match) => match[1]).sort();
        expect(placeholders(unit.target), `${unit.id}: ${unit.source}`).toEqual(placeholders(unit.source));
      }
    }
  });

  it('commits the locale modules built from the committed translations', async () => {
    for (const locale of config.targetLocales) {
      const built = await readFile(join(work, 'locales', `${locale}.ts`), 'utf8');
      const committed = await readFile(join(elements, config.output.outputDir, `${locale}.ts`), 'utf8');
      expect(committed === built, `src/generated/locales/${locale}.ts is stale: run npm run localize:build`).toBe(true);
    }
  });
});
