// The admin elements' API, read from their JSDoc into custom-elements.json (`npm run analyze`;
// the manifest is generated, git-ignored, and feeds Storybook's docs pages and controls).
export default {
  globs: ['src/components/**/*.component.ts', 'src/events/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  packagejson: false,
  litelement: true,
};
