// The elements' API, read from their JSDoc into custom-elements.json. Run through
// `npm run analyze` (scripts/generate.ts), which also adds the parts each element forwards from the
// elements inside it and writes what is generated from the manifest; the manifest itself is
// git-ignored.
export default {
  globs: ['src/components/**/*.component.ts', 'src/internal/sayso-element.ts', 'src/events/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  // package.json names the manifest already; when run from another directory (the drift test),
  // the analyzer would add the field to that directory's package.json.
  packagejson: false,
  litelement: true,
  plugins: [
    {
      // `this.dispatchEvent(new SaysoVoteEvent(...))` is seen as an event with no name; the
      // JSDoc `@event sayso-vote` entry already describes it, so drop the nameless duplicate.
      name: 'sayso-drop-nameless-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
    {
      // `@exportparts sayso-vote-button` (every part under its own name) or
      // `@exportparts sayso-post-detail heading:detail-heading ...` (renamed where names would
      // clash): the element forwards the parts of the elements it renders. Kept as `exportParts`
      // on the declaration for scripts/generate.ts, which derives the `exportparts` attributes and
      // the forwarded part list from it.
      name: 'sayso-exportparts',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const forwards = ts
          .getJSDocTags(node)
          .filter((tag) => tag.tagName.text === 'exportparts')
          .map((tag) => {
            const [tagName, ...renames] = (ts.getTextOfJSDocComment(tag.comment) ?? '').trim().split(/\s+/);
            return { tagName, renames: Object.fromEntries(renames.map((rename) => rename.split(':'))) };
          });
        if (forwards.length === 0) return;
        const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
        if (declaration) declaration.exportParts = forwards;
      },
    },
  ],
};
