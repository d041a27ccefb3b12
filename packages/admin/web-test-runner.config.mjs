// Real-browser tests of the admin console's elements (scripts/web-test-runner.mjs has what both packages share).
//   pnpm --filter @sayso/admin test            (or: cd packages/admin && npx web-test-runner)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserTestConfig } from '../../scripts/web-test-runner.mjs';

export default browserTestConfig({
  rootDir: dirname(fileURLToPath(import.meta.url)),
  tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
});
