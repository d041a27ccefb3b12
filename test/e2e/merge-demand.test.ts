// The second promise, "duplicates merged so the true demand behind every idea shows", end to end:
// three ideas saying the same thing, voted by overlapping people, reach the admin's duplicate
// queue; merging two into the third shows the right number of distinct people and where they
// come from on the plain-HTML host page; a link to a merged idea shows the canonical; unmerging
// restores every count.
import { createHttpAdapter } from '@sayso/adapter-http';
import type { Post, SaysoAdapter } from '@sayso/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { countOf, voteButtonFor } from '../support/vote-buttons.js';

const ADMIN_KEY = 'sayso_admin_e2e-merge-key-0123456789abcdef';
const site = useE2eSite('sayso-e2e-merge-', { SAYSO_ADMIN_KEY: ADMIN_KEY });

/** A new anonymous person, as a second browser would be. */
const person = (): SaysoAdapter => createHttpAdapter({ baseUrl: site.server.url });

/** The count the board shows on an idea's card. */
const shownCount = (page: Page, title: string) => countOf(voteButtonFor(page, title));

describe('merging duplicates on the real server, seen on the vanilla host page', () => {
  it('finds three ideas that mean the same, merges two into the third with honest counts, and unmerges exactly', async () => {
    const [ann, bo, cy, dee] = [person(), person(), person(), person()];
    const admin = createHttpAdapter({ baseUrl: site.server.url, adminKey: ADMIN_KEY }).admin!;
    // Each author's idea starts with their own vote.
    const a = await ann.createPost({ board: 'demo', title: 'Export notes as PDF', body: 'I need to send notes to clients as PDF files.' });
    const b = await bo.createPost({ board: 'demo', title: 'Save a note as a PDF file', body: '' });
    const c = await cy.createPost({ board: 'demo', title: 'PDF export for notes', body: 'Printing to PDF by hand loses the formatting.' });
    await ann.vote({ postId: b.id });
    await bo.vote({ postId: c.id });
    await dee.vote({ postId: a.id });
    await dee.vote({ postId: c.id });
    // People: A {ann, dee}, B {bo, ann}, C {cy, bo, dee}.

    const ours = new Set([a.id, b.id, c.id]);
    const queue = (await admin.listDuplicateCandidates({ board: 'demo', limit: 50 })).filter((pair) => pair.posts.every((post) => ours.has(post.id)));
    const pairKeys = queue.map((pair) => pair.posts.map((post) => post.id).sort().join('+'));
    expect(pairKeys).toEqual(expect.arrayContaining([[a.id, c.id].sort().join('+'), [b.id, c.id].sort().join('+')]));
    // C has the most people: it is the suggested canonical of every pair it is in.
    for (const pair of queue.filter((candidate) => candidate.posts.some((post) => post.id === c.id))) {
      expect(pair.suggestedCanonical).toBe(c.id);
      expect(pair.posts[0].id).toBe(c.id);
    }

    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const board = page.locator('main sayso-board');

    const newestFirst = async () => {
      await page.goto(site.server.url);
      // Newest first: the three fresh ideas are on the first page, whatever the seeded ideas' votes.
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await voteButtonFor(page, c.title).waitFor();
    };
    await newestFirst();
    expect([await shownCount(page, a.title), await shownCount(page, b.title), await shownCount(page, c.title)]).toEqual([2, 2, 3]);

    await admin.mergePost({ postId: a.id, into: c.id });
    const merged = await admin.mergePost({ postId: b.id, into: c.id });
    expect(merged.canonical).toMatchObject({ id: c.id, peopleCount: 4, voteCount: 3 });

    await newestFirst();
    expect(await shownCount(page, c.title)).toBe(4);
    await expect.poll(() => voteButtonFor(page, a.title).count()).toBe(0);
    await expect.poll(() => voteButtonFor(page, b.title).count()).toBe(0);

    // The canonical's detail says where its four people come from.
    await page.getByRole('button', { name: c.title, exact: true }).click();
    await page.getByRole('heading', { name: c.title }).waitFor();
    await page.getByText('3 direct + 3 via merged ideas (2 in both)').waitFor();

    // An old link to a merged idea shows the canonical, saying so.
    await page.goto(`${site.server.url}/#idea=${a.id}`);
    await page.getByRole('heading', { name: c.title }).waitFor();
    await page.getByText(`“${a.title}” was merged into this idea`).waitFor();
    await expect.poll(() => board.getAttribute('post')).toBe(a.id);

    await admin.unmergePost({ postId: a.id });
    await admin.unmergePost({ postId: b.id });
    await newestFirst();
    expect([await shownCount(page, a.title), await shownCount(page, b.title), await shownCount(page, c.title)]).toEqual([2, 2, 3]);
    const restored: Post = await dee.getPost({ postId: a.id });
    expect(restored).toMatchObject({ id: a.id, status: 'open', peopleCount: 2, voted: true, mergedInto: null, mergedFrom: null });

    expect(errors).toEqual([]);
    await context.close();
  });
});
