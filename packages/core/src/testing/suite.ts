// What every area of the conformance suite shares: the fixture, the visitors, and the checks.
import { describe, expect } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../adapter.js';
import { SaysoError, type SaysoErrorCode } from '../errors.js';
import type { NewPost, Post } from '../types.js';

/** What an adapter under test must provide to the conformance suite. */
export interface AdapterSuiteFixture {
  /** Creates a new, empty board with the default workflow and returns its slug. */
  createBoard(): Promise<string>;
  /** An adapter acting for the given visitor; the same id means the same visitor. */
  adapterFor(visitorId: string): SaysoAdapter;
  /**
   * An adapter acting as a board admin (with `admin` and `capabilities.admin`). Required when
   * the suite is told the adapter offers `admin`, refused otherwise.
   */
  adminAdapter?(): SaysoAdapter;
  /** Releases servers, databases or anything else the fixture started. */
  close?(): Promise<void>;
}

/**
 * The optional parts of the contract an adapter offers. The suite tests the areas it offers
 * and skips the others, saying which capability they need, in the skipped block's name.
 */
export interface SuiteCapabilities {
  /** Triage as a board admin: `adminAdapter` of the fixture (statuses, tags, anyone's text). */
  admin?: boolean;
  /** Visitors are told of replies and shipped ideas (`listNotifications`). */
  notifications?: boolean;
  /** Changes by others are pushed as they happen (`watch`, `capabilities.realtime`). */
  realtime?: boolean;
}

/** What an adapter that declares nothing offers: the contract's required part, notifications included. */
export const REQUIRED_CAPABILITIES: SuiteCapabilities = { notifications: true };

/**
 * What is wrong with a fixture for the capabilities the suite was told of, if anything: an admin
 * adapter the suite was not told about would leave the admin areas skipped unseen, and one it
 * was told about but not given cannot be tested.
 */
export function fixtureMismatch(fixture: AdapterSuiteFixture, capabilities: SuiteCapabilities): string | undefined {
  if (fixture.adminAdapter && !capabilities.admin) {
    return 'The fixture has an adminAdapter: pass { admin: true } in the capabilities of runAdapterSuite to test it.';
  }
  if (!fixture.adminAdapter && capabilities.admin) return 'The adapter offers admin, but the fixture has no adminAdapter.';
  return undefined;
}

/** Three visitors, as three browsers would be. */
export interface SuiteVisitors {
  alice: SaysoAdapter;
  bob: SaysoAdapter;
  carol: SaysoAdapter;
}

/** What each area of the suite gets: the fixture once it is set up, fresh boards, the admin. */
export interface SuiteContext {
  readonly capabilities: SuiteCapabilities;
  /** The fixture; only inside tests (it is set up before the first one runs). */
  readonly fixture: AdapterSuiteFixture;
  /** The three visitors of the suite, for tests that need no board of their own. */
  visitors(): SuiteVisitors;
  /** A new, empty board, and the three visitors. */
  freshBoard(): Promise<SuiteVisitors & { board: string }>;
  /** The admin adapter and its admin part; only in areas that need `admin`. */
  admin(): { adapter: SaysoAdapter; admin: SaysoAdminApi };
}

export function createSuiteContext(capabilities: SuiteCapabilities, fixtureOf: () => AdapterSuiteFixture | undefined): SuiteContext {
  const suite: SuiteContext = {
    capabilities,
    get fixture() {
      const fixture = fixtureOf();
      if (!fixture) throw new Error('The suite fixture is set up before the first test; use it inside tests.');
      return fixture;
    },
    visitors: () => ({
      alice: suite.fixture.adapterFor('suite-alice'),
      bob: suite.fixture.adapterFor('suite-bob'),
      carol: suite.fixture.adapterFor('suite-carol'),
    }),
    freshBoard: async () => ({ board: await suite.fixture.createBoard(), ...suite.visitors() }),
    admin: () => {
      if (!capabilities.admin) throw new Error('This test needs the admin capability: put it under describeNeeding(suite, ["admin"], …).');
      const adapter = suite.fixture.adminAdapter!();
      expect(adapter.capabilities?.admin).toBe(true);
      expect(adapter.admin).toBeDefined();
      return { adapter, admin: adapter.admin! };
    },
  };
  return suite;
}

/**
 * A `describe` block that runs when the adapter offers every capability in `needs`, and is
 * skipped otherwise, its name saying what it would need: never silently left out.
 */
export function describeNeeding(
  suite: SuiteContext,
  needs: ReadonlyArray<keyof SuiteCapabilities>,
  name: string,
  body: () => void,
): void {
  const missing = needs.filter((capability) => !suite.capabilities[capability]);
  if (missing.length === 0) describe(name, body);
  else describe.skip(`${name} (skipped: the adapter does not offer ${missing.join(' and ')})`, body);
}

/** An area of the suite: one file in `suites/`, listed once in `areas.ts`. */
export interface SuiteArea {
  /** The capabilities the whole area needs; none for the contract's required part. */
  needs?: ReadonlyArray<keyof SuiteCapabilities>;
  name: string;
  /** Declares the area's tests (inside its `describe`). */
  tests(suite: SuiteContext): void;
}

/** Expects the call to fail with a {@link SaysoError} of this code, and returns the error. */
export async function rejectsWith(promise: Promise<unknown>, code: SaysoErrorCode): Promise<SaysoError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a SaysoError "${code}", but the call succeeded`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SaysoError);
  expect((error as SaysoError).code).toBe(code);
  return error as SaysoError;
}

/** Every post of a list, following its cursors to the end. */
export async function allPages(fetchPage: (cursor: string | null) => Promise<{ items: Post[]; nextCursor: string | null }>) {
  const seen: Post[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await fetchPage(cursor);
    seen.push(...page.items);
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end after 100 pages');
}

/** A fresh board where alice, bob and carol each posted one of three ideas, in that order. */
export async function boardWithIdeas(suite: SuiteContext, ideas: readonly [NewPost, NewPost, NewPost]) {
  const visitors = await suite.freshBoard();
  const { board, alice, bob, carol } = visitors;
  const posts = [
    await alice.createPost({ board, ...ideas[0] }),
    await bob.createPost({ board, ...ideas[1] }),
    await carol.createPost({ board, ...ideas[2] }),
  ] as const;
  return { ...visitors, posts };
}

let newcomers = 0;
/** Visitors no other test has seen, so what other tests did never shows up in their notifications. */
export function newVisitors<Name extends string>(suite: SuiteContext, names: readonly Name[]): Record<Name, SaysoAdapter> {
  const tag = `suite-newcomer-${++newcomers}`;
  return Object.fromEntries(names.map((name) => [name, suite.fixture.adapterFor(`${tag}-${name}`)])) as Record<Name, SaysoAdapter>;
}

/** A visitor's notifications, newest first, each as its kind and the idea's title. */
export const kindsOf = async (adapter: SaysoAdapter) => (await adapter.listNotifications()).items.map((n) => `${n.kind} ${n.post?.title ?? n.backlogItem?.title}`);

/**
 * The input fields an `invalid_input` error names, from its `details.problems` (or, from simpler
 * backends, `details.field`); a path into a field (`events.0`) names the field.
 */
export function refusedFields(error: SaysoError): string[] {
  const problems = error.details.problems;
  const fields = Array.isArray(problems) ? problems.map((problem: { field?: unknown }) => problem.field) : [error.details.field];
  return fields.map((field) => String(field).split('.')[0]!);
}
