// Everything that restates the elements' API is generated from their JSDoc, through the custom
// elements manifest, so it cannot drift from the code:
//   custom-elements.json          the manifest (git-ignored), with the parts each element forwards
//   src/generated/exportparts.ts  the `exportparts` attribute of every nested element
//   README.md                     the API tables, between the `<!-- api:start -->` markers
//   ../react/src/*                the React components (@lit/react), their event props and index
//
//   npm run analyze                     writes all of them (run it after changing an element's API)
//   tsx scripts/generate.ts --check     writes the manifest and fails if another file is stale (the build)
// scripts/generate.test.ts fails when a committed file differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const elementsDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(dirname(elementsDir));
const reactSrc = join(repoDir, 'packages/react/src');

const REGENERATE = 'node scripts/pnpm.mjs --filter @sayso/elements run analyze';
const README_START = '<!-- api:start -->';
const README_END = '<!-- api:end -->';

// The parts of the manifest (schema: custom-elements-manifest) this script reads.
interface Described {
  name: string;
  description?: string;
  summary?: string;
}
interface TypeRef {
  text: string;
}
interface Member extends Described {
  kind: 'field' | 'method';
  type?: TypeRef;
  default?: string;
  attribute?: string;
  static?: boolean;
  readonly?: boolean;
  privacy?: 'public' | 'private' | 'protected';
  inheritedFrom?: { name: string };
  parameters?: Array<{ name: string; optional?: boolean; type?: TypeRef }>;
}
interface ForwardedParts {
  /** The nested element whose parts are forwarded. */
  tagName: string;
  /** Inner part name → the name it has outside; parts not listed keep their name. */
  renames: Record<string, string>;
}
interface Declaration extends Described {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  members?: Member[];
  events?: Array<Described & { type?: TypeRef }>;
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
  cssStates?: Described[];
  /** From `@exportparts` (custom-elements-manifest.config.mjs). */
  exportParts?: ForwardedParts[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
}
export interface Manifest {
  modules: Module[];
}

type Element = Declaration & { tagName: string };

/** Runs the analyzer over the elements' sources, in memory, and adds the forwarded parts. */
export async function analyzeElements(): Promise<Manifest> {
  const manifest = (await cli({ argv: ['analyze', '--quiet'], cwd: elementsDir, noWrite: true })) as Manifest;
  forwardParts(manifest);
  return manifest;
}

function elementsOf(manifest: Manifest): Element[] {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((d): d is Element => Boolean(d.customElement && d.tagName))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** Where a part really is: the element that renders it, its name there, and what it is. */
interface PartOrigin {
  tagName: string;
  name: string;
  description: string;
  /** The elements it is forwarded through, outermost last. */
  via: string[];
}
const sameOrigin = (a: PartOrigin, b: PartOrigin) => a.tagName === b.tagName && a.name === b.name;

function forwardedDescription(origin: PartOrigin, outerName: string): string {
  const name = origin.name === outerName ? '' : ` \`${origin.name}\``;
  const via = origin.via.length > 0 ? ` (through ${origin.via.map((tag) => `\`<${tag}>\``).join(', ')})` : '';
  return `From \`<${origin.tagName}>\`${name}${via}: ${origin.description}`;
}

/**
 * Adds to each element's `cssParts` the parts it forwards (`@exportparts`), nested ones included,
 * so the manifest, the README and IDEs list every part a page can style. Throws when one name
 * outside would mean two different parts.
 */
export function forwardParts(manifest: Manifest): void {
  const byTag = new Map(elementsOf(manifest).map((element) => [element.tagName, element]));
  const resolved = new Map<string, Map<string, PartOrigin>>();
  const resolve = (element: Element, trail: string[]): Map<string, PartOrigin> => {
    const known = resolved.get(element.tagName);
    if (known) return known;
    if (trail.includes(element.tagName)) throw new Error(`@exportparts loops: ${[...trail, element.tagName].join(' → ')}`);
    const own = element.cssParts ?? [];
    const all = new Map<string, PartOrigin>(
      own.map((part) => [part.name, { tagName: element.tagName, name: part.name, description: part.description ?? '', via: [] }]),
    );
    for (const forward of element.exportParts ?? []) {
      const inner = byTag.get(forward.tagName);
      if (!inner) throw new Error(`<${element.tagName}> @exportparts names an unknown element <${forward.tagName}>`);
      for (const [innerName, innerOrigin] of resolve(inner, [...trail, element.tagName])) {
        const name = forward.renames[innerName] ?? innerName;
        const origin = innerOrigin.tagName === inner.tagName ? innerOrigin : { ...innerOrigin, via: [...innerOrigin.via, inner.tagName] };
        const taken = all.get(name);
        if (taken && !sameOrigin(taken, origin)) {
          throw new Error(
            `<${element.tagName}> would export two parts as "${name}" (<${taken.tagName}> ${taken.name}; <${origin.tagName}> ${origin.name}): rename one in @exportparts`,
          );
        }
        if (taken) continue;
        all.set(name, origin);
        (element.cssParts ??= []).push({ name, description: forwardedDescription(origin, name) });
      }
    }
    resolved.set(element.tagName, all);
    return all;
  };
  for (const element of byTag.values()) resolve(element, []);
}

/** `on` + the event name in PascalCase: `sayso-open-post` → `onSaysoOpenPost`. */
const eventProp = (event: string) => `on${pascal(event)}`;
const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase());
const camel = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** One line, for a table cell or a one-line comment. */
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
/** The first paragraph. */
const firstParagraph = (text = '') => oneLine(text.split(/\n\s*\n/)[0]);
/** Wraps `text` into lines of at most `width` characters, each starting with `prefix`. */
function wrap(text: string, prefix: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ')) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].map((l) => `${prefix}${l}`.trimEnd()).join('\n');
}
const cell = (text = '') => oneLine(text).replace(/\|/g, '\\|') || '—';
const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;

function header(comment: '//' | 'html'): string {
  const text = `Generated by packages/elements/scripts/generate.ts from the elements' JSDoc (custom-elements.json); do not edit. Regenerate: ${REGENERATE}`;
  return comment === '//' ? `${wrap(text, '// ')}\n` : `<!-- ${text} -->`;
}

/**
 * The events an element's React component takes: those it documents (`@event`, also the ones that
 * bubble up from elements inside it). An element with a default slot, `<sayso-provider>`, can hold
 * any element, so it takes every event.
 */
function eventsOf(element: Element, every: Map<string, string>): string[] {
  if (element.slots?.some((slot) => slot.name === '')) return [...every.keys()];
  return (element.events ?? []).map((event) => event.name);
}

/** Event name → its class (`sayso-vote` → `SaysoVoteEvent`), from what the elements document. */
function eventClasses(elements: Element[]): Map<string, string> {
  const classes = new Map<string, string>();
  for (const element of elements) {
    for (const event of element.events ?? []) {
      if (event.type?.text) classes.set(event.name, event.type.text);
    }
  }
  return new Map([...classes].sort(([a], [b]) => a.localeCompare(b)));
}

/** Event class → its JSDoc. */
function eventClassDescriptions(manifest: Manifest): Map<string, string> {
  return new Map(
    manifest.modules
      .filter((module) => module.path.startsWith('src/events/'))
      .flatMap((module) => module.declarations ?? [])
      .map((declaration) => [declaration.name, declaration.description ?? '']),
  );
}

/** Types the event modules export besides the classes (`SaysoCloseReason`), for the React index. */
function eventDetailTypes(manifest: Manifest): string[] {
  return manifest.modules
    .filter((module) => module.path.startsWith('src/events/'))
    .flatMap((module) => [...readFileSync(join(elementsDir, module.path), 'utf8').matchAll(/^export type (\w+)/gm)].map((m) => m[1]!))
    .sort();
}

function reactEvents(classes: Map<string, string>, described: Map<string, string>): string {
  const constants = [...classes].map(([event, eventClass]) => {
    const description = oneLine(described.get(eventClass));
    return `/**\n${wrap(`\`${event}\`: ${description}`, ' * ')}\n */\nexport const ${eventProp(event)} = '${event}' as EventName<${eventClass}>;\n`;
  });
  return `${header('//')}import type { EventName } from '@lit/react';
import type {
${[...new Set(classes.values())].sort().map((eventClass) => `  ${eventClass},`).join('\n')}
} from '@sayso/elements';

// Each constant is the React prop name of one \`sayso-*\` event, typed with its event class, so a
// component's \`events: { onSaysoVote }\` gives it an \`onSaysoVote(event: SaysoVoteEvent)\` prop.

${constants.join('\n')}`;
}

function reactComponent(element: Element, events: string[]): string {
  const name = pascal(element.tagName);
  const props = events.map(eventProp).sort();
  const eventsLine = props.length > 0 ? `  events: { ${props.join(', ')} },\n` : '';
  const eventsDoc =
    element.slots?.some((slot) => slot.name === '')
      ? 'Every `sayso-*` event bubbles through it, so its `onSayso…` props hear the events of all the elements inside it.'
      : props.length > 0
        ? `Events: ${props.map((prop) => `\`${prop}\``).join(', ')}.`
        : 'It fires no events.';
  const imports = [
    `import { createComponent } from '@lit/react';`,
    `import * as React from 'react';`,
    `import { ${name} as ${name}Element } from '@sayso/elements/components/${element.tagName}/${element.tagName}.js';`,
    ...(props.length > 0 ? [`import { ${props.join(', ')} } from './events.js';`] : []),
  ];
  return `${header('//')}${imports.join('\n')}

/**
${wrap(`\`<${element.tagName}>\`: ${firstParagraph(element.summary)}`, ' * ')}
 *
${wrap(`${eventsDoc} Props are the element's properties; objects are set as properties, never as attributes.`, ' * ')}
 */
export const ${name} = createComponent({
  react: React,
  tagName: '${element.tagName}',
  elementClass: ${name}Element,
${eventsLine}  displayName: '${name}',
});
`;
}

function reactIndex(elements: Element[], classes: Map<string, string>, detailTypes: string[]): string {
  const components = elements.map((element) => `export { ${pascal(element.tagName)} } from './${element.tagName}.js';`);
  const types = [...new Set([...classes.values(), ...detailTypes])].sort();
  return `${header('//')}// One React component per Sayso element. Each lives in its own module, which registers only its
// own element: with "sideEffects": false, a bundler leaves out the elements an app never renders.
${components.join('\n')}
export { ${[...classes.keys()].map(eventProp).join(', ')} } from './events.js';
export type {
${types.map((type) => `  ${type},`).join('\n')}
} from '@sayso/elements';
`;
}

/** `vote-button, count: similar-vote-count`: how `outer` forwards the parts of `inner`. */
function exportpartsValue(inner: Element, renames: Record<string, string>): string {
  return (inner.cssParts ?? []).map(({ name }) => (renames[name] && renames[name] !== name ? `${name}: ${renames[name]}` : name)).join(', ');
}

function exportpartsModule(elements: Element[]): string {
  const byTag = new Map(elements.map((element) => [element.tagName, element]));
  const constants = elements
    .filter((element) => element.exportParts?.length)
    .map((outer) => {
      const entries = outer.exportParts!.map(
        ({ tagName, renames }) => `  '${tagName}': '${exportpartsValue(byTag.get(tagName)!, renames)}',`,
      );
      return `/** The \`exportparts\` of each element \`<${outer.tagName}>\` renders (its \`@exportparts\` JSDoc). */
export const ${camel(outer.tagName)}Exportparts = {
${entries.join('\n')}
} as const;
`;
    });
  return `${header('//')}// A part added to an element's \`@csspart\` JSDoc is forwarded by every element that renders it.

${constants.join('\n')}`;
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Public API members, without what every element inherits from SaysoElement (`lang`, `dir`, `define`). */
function publicMembers(element: Element, kind: Member['kind']): Member[] {
  return (element.members ?? []).filter(
    (member) =>
      member.kind === kind &&
      !member.static &&
      !member.inheritedFrom &&
      !member.name.startsWith('#') &&
      (member.privacy ?? 'public') === 'public',
  );
}

function elementSection(element: Element, events: Map<string, string>, eventDescriptions: Map<string, string>): string {
  const properties = table(
    ['Property', 'Attribute', 'Type', 'Default', 'Description'],
    publicMembers(element, 'field').map((field) => [
      code(field.name) + (field.readonly ? ' (read-only)' : ''),
      field.attribute ? code(field.attribute) : '—',
      field.type ? code(field.type.text) : '—',
      field.default ? code(field.default) : '—',
      cell(field.description),
    ]),
  );
  const methods = table(
    ['Method', 'Description'],
    publicMembers(element, 'method').map((method) => [
      code(`${method.name}(${(method.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}`).join(', ')})`),
      cell(method.description),
    ]),
  );
  const provided = eventsOf(element, events);
  const eventRows = provided.map((name) => {
    const documented = element.events?.find((event) => event.name === name);
    const eventClass = events.get(name) ?? 'CustomEvent';
    const description = documented?.description ?? `From an element inside. ${eventDescriptions.get(eventClass) ?? ''}`;
    return [code(name), code(eventClass), cell(description)];
  });
  const sections = [
    [`### \`<${element.tagName}>\``, oneLine(element.summary?.split(/\n\s*\n/)[0])],
    ['**Properties**', properties],
    ['**Methods**', methods],
    ['**Events**', table(['Event', 'Class', 'Description'], eventRows)],
    ['**Slots**', table(['Slot', 'Description'], (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]))],
    ['**Parts**', table(['Part', 'Description'], (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]))],
    ['**CSS properties**', table(['Property', 'Description'], (element.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)]))],
    ['**Custom states**', table(['State', 'Description'], (element.cssStates ?? []).map((s) => [code(`:state(${s.name})`), cell(s.description)]))],
  ];
  return sections
    .filter(([, body]) => body)
    .map(([title, body]) => `${title}\n\n${body}`)
    .join('\n\n');
}

function readmeApi(elements: Element[], events: Map<string, string>, eventDescriptions: Map<string, string>): string {
  const overview = table(
    ['Element', 'What it is'],
    elements.map((element) => [`[\`<${element.tagName}>\`](#${element.tagName})`, cell(oneLine(element.summary).split(/(?<=\.)\s/)[0])]),
  );
  return [header('html'), overview, ...elements.map((element) => elementSection(element, events, eventDescriptions))].join('\n\n');
}

function spliceReadme(readme: string, api: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} markers`);
  return `${readme.slice(0, start + README_START.length)}\n${api}\n${readme.slice(end)}`;
}

/** Every generated file (absolute path → content), from a manifest with forwarded parts. */
export function generateFiles(manifest: Manifest): Map<string, string> {
  const elements = elementsOf(manifest);
  const events = eventClasses(elements);
  const eventDescriptions = eventClassDescriptions(manifest);
  const files = new Map<string, string>();
  for (const element of elements) files.set(join(reactSrc, `${element.tagName}.ts`), reactComponent(element, eventsOf(element, events)));
  files.set(join(reactSrc, 'events.ts'), reactEvents(events, eventDescriptions));
  files.set(join(reactSrc, 'index.ts'), reactIndex(elements, events, eventDetailTypes(manifest)));
  files.set(join(elementsDir, 'src/generated/exportparts.ts'), exportpartsModule(elements));
  const readmePath = join(elementsDir, 'README.md');
  files.set(readmePath, spliceReadme(readFileSync(readmePath, 'utf8'), readmeApi(elements, events, eventDescriptions)));
  return files;
}

/** The generated files whose committed content differs from what they would be now. */
export function staleFiles(files: Map<string, string>): string[] {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  return [...files].filter(([path, content]) => read(path) !== content).map(([path]) => relative(repoDir, path));
}

async function main(check: boolean): Promise<void> {
  const manifest = await analyzeElements();
  writeFileSync(join(elementsDir, 'custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = generateFiles(manifest);
  const stale = staleFiles(files);
  if (check) {
    if (stale.length === 0) return;
    console.error(`These files are out of date with the elements' JSDoc:\n  ${stale.join('\n  ')}\nRegenerate them: ${REGENERATE}`);
    process.exit(1);
  }
  for (const [path, content] of files) writeFileSync(path, content);
  console.log(stale.length > 0 ? `Regenerated:\n  ${stale.join('\n  ')}` : 'Every generated file was up to date.');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.includes('--check'));
