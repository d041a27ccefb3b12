import { afterAll, beforeAll, describe } from 'vitest';
import { SUITE_AREAS } from './areas.js';
import { REQUIRED_CAPABILITIES, createSuiteContext, describeNeeding, fixtureMismatch, type AdapterSuiteFixture, type SuiteCapabilities } from './suite.js';

export { runMergeProperty } from './merge-property.js';
export { REQUIRED_CAPABILITIES, allPages, describeNeeding, rejectsWith } from './suite.js';
export type { AdapterSuiteFixture, SuiteArea, SuiteCapabilities, SuiteContext, SuiteVisitors } from './suite.js';

/**
 * The definition of "an adapter works": run it against any `SaysoAdapter`. Each area of
 * the contract (`SUITE_AREAS`, one file each in `suites/`) is a `describe` block; the areas that
 * need a capability the adapter does not offer are skipped, their names saying which.
 *
 * @example
 * runAdapterSuite(
 *   'my adapter',
 *   async () => ({
 *     createBoard: () => myBackend.createEmptyBoard(),
 *     adapterFor: (visitorId) => createMyAdapter({ visitorId }),
 *     adminAdapter: () => createMyAdapter({ visitorId: 'admin', admin: true }), // with admin: true
 *   }),
 *   { admin: true, notifications: true }, // default: { notifications: true }
 * );
 */
export function runAdapterSuite(
  name: string,
  setup: () => Promise<AdapterSuiteFixture>,
  capabilities: SuiteCapabilities = REQUIRED_CAPABILITIES,
): void {
  describe(`adapter conformance: ${name}`, () => {
    let fixture: AdapterSuiteFixture | undefined;
    beforeAll(async () => {
      fixture = await setup();
      const mismatch = fixtureMismatch(fixture, capabilities);
      if (mismatch) throw new Error(mismatch);
    });
    afterAll(async () => {
      await fixture?.close?.();
    });
    const suite = createSuiteContext(capabilities, () => fixture);
    for (const area of SUITE_AREAS) describeNeeding(suite, area.needs ?? [], area.name, () => area.tests(suite));
  });
}
