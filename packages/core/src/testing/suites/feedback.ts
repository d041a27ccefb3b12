import { expect, it } from 'vitest';
import type { SaysoAdminApi } from '../../adapter.js';
import type { FeedbackItem, NewFeedbackItem } from '../../types.js';
import { describeNeeding, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let deliveries = 0;
/** A source id no other test (or earlier run against the same database) used. */
const uniqueSourceId = () => `suite-${Date.now().toString(36)}-${++deliveries}`;

/** Feedback through the API channel on `board`, received at `minute` minutes past a fixed hour (to order the inbox). */
const submit = (admin: SaysoAdminApi, board: string, item: Partial<NewFeedbackItem> & { minute?: number }) => {
  const { minute = 0, ...rest } = item;
  return admin.submitFeedback({
    board,
    sourceId: uniqueSourceId(),
    text: 'Please add single sign-on with Okta.',
    receivedAt: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString(),
    ...rest,
  });
};

/** A fresh board with one idea by alice, and the admin. */
async function boardWithIdea(suite: SuiteContext) {
  const { adapter, admin } = suite.admin();
  const visitors = await suite.freshBoard();
  const post = await visitors.alice.createPost({ board: visitors.board, title: 'Single sign-on with Okta', body: 'Our IT team requires SSO.' });
  return { ...visitors, adapter, admin, post };
}

/** The evidence of one source on an idea, as anyone reads it. */
const evidenceFrom = async (suite: SuiteContext, postId: string, source: string) =>
  (await suite.visitors().bob.getDemand({ postId })).evidence.find((count) => count.source === source);

const idsOf = (items: FeedbackItem[]) => items.map((item) => item.id);

export const feedback: SuiteArea = {
  name: 'feedback',
  tests: (suite) => {
    it('shows a visitor no feedback on an idea until an admin makes some public', async () => {
      const { board, alice } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
      expect(await alice.listPostFeedback({ postId: post.id })).toEqual({ items: [], nextCursor: null });
      await rejectsWith(alice.listPostFeedback({ postId: UNKNOWN }), 'not_found');
    });

    describeNeeding(suite, ['admin'], 'as an admin', () => {
      it('records an idea posted by a visitor as widget feedback linked to it, counted once', async () => {
        const { adapter, post } = await boardWithIdea(suite);
        const { items } = await adapter.listPostFeedback({ postId: post.id });
        expect(items).toEqual([
          expect.objectContaining({ source: 'widget', sourceId: post.id, state: 'linked', postId: post.id, title: 'Single sign-on with Okta', public: false }),
        ]);
        expect(await evidenceFrom(suite, post.id, 'widget')).toEqual({ source: 'widget', people: 1, items: 1 });
        expect((await adapter.getPost({ postId: post.id })).peopleCount).toBe(1);
      });

      it('keeps submitted feedback once: the same source id, or the same words from the same author, answer the first item', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const sourceId = uniqueSourceId();
        const first = await admin.submitFeedback({
          board,
          sourceId,
          title: '  SSO  ',
          text: '  We need Okta.  ',
          author: { name: 'Dana', email: 'Dana@Acme.test', company: 'Acme' },
          link: 'https://support.example/tickets/1',
          receivedAt: '2026-01-01T09:00:00.000Z',
        });
        expect(first).toEqual({
          id: expect.any(String),
          board,
          source: 'api',
          sourceId,
          title: 'SSO',
          text: 'We need Okta.',
          author: { name: 'Dana', email: 'dana@acme.test', company: 'Acme' },
          link: 'https://support.example/tickets/1',
          attachments: [],
          state: 'new',
          filtered: null,
          postId: null,
          public: false,
          receivedAt: '2026-01-01T09:00:00.000Z',
          createdAt: expect.any(String),
        });
        expect(await admin.submitFeedback({ board, sourceId, text: 'Changed words, same ticket' })).toEqual(first);
        const words = `Okta please, ${uniqueSourceId()}`;
        const unsourced = await admin.submitFeedback({ board, text: words, author: { email: 'erin@acme.test' } });
        expect(await admin.submitFeedback({ board, text: ` ${words} `, author: { email: 'ERIN@acme.test' } })).toEqual(unsourced);
        expect((await admin.submitFeedback({ board, text: words, author: { email: 'finn@acme.test' } })).id).not.toBe(unsourced.id);
      });

      it('refuses feedback without words, with a bad email or link, or for an unknown board', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        await rejectsWith(admin.submitFeedback({ board, text: '   ' }), 'invalid_input');
        await rejectsWith(admin.submitFeedback({ board, text: 'Okta', author: { email: 'not an address' } }), 'invalid_input');
        await rejectsWith(admin.submitFeedback({ board, text: 'Okta', link: 'javascript:alert(1)' }), 'invalid_input');
        await rejectsWith(admin.submitFeedback({ board: 'no-such-board-anywhere', text: 'Okta' }), 'not_found');
        expect((await admin.listInbox({ board })).items).toEqual([]);
      });

      it('lists the inbox newest received first, a page at a time, with the ideas each item may be about', async () => {
        const { admin, board, post } = await boardWithIdea(suite);
        const older = await submit(admin, board, { minute: 1, text: 'Single sign-on with Okta would help our IT team' });
        const newer = await submit(admin, board, { minute: 2, text: 'Exports to PDF are blurry', author: { name: 'Erin' } });
        const first = await admin.listInbox({ board, limit: 1 });
        expect(idsOf(first.items)).toEqual([newer.id]);
        const second = await admin.listInbox({ board, limit: 1, cursor: first.nextCursor });
        expect(idsOf(second.items)).toEqual([older.id]);
        expect(second.nextCursor).toBeNull();
        expect(second.items[0]!.similar.map((idea) => idea.id)).toEqual([post.id]);
        expect(second.items[0]!.similar.length).toBeLessThanOrEqual(3);
        expect(idsOf((await admin.listInbox({ board, q: 'erin' })).items)).toEqual([newer.id]);
        expect(idsOf((await admin.listInbox({ board, q: 'BLURRY' })).items)).toEqual([newer.id]);
        expect((await admin.listInbox({ board, source: 'email' })).items).toEqual([]);
        await rejectsWith(admin.listInbox({ board, state: 'lost' as never }), 'invalid_input');
        await rejectsWith(admin.listInbox({ board, source: 'carrier pigeon' as never }), 'invalid_input');
      });

      it('keeps auto-replies and bulk mail out of the inbox unless asked for', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const kept = await submit(admin, board, { text: 'Okta, please' });
        const autoReply = await submit(admin, board, { text: 'I am out of office until Monday.', filtered: 'auto_reply' });
        expect(idsOf((await admin.listInbox({ board })).items)).toEqual([kept.id]);
        expect(idsOf((await admin.listInbox({ board, filtered: true })).items)).toEqual([autoReply.id]);
      });

      it('links feedback as evidence: its author counts once among the idea\'s people, as a request, and follows the idea', async () => {
        const { adapter, admin, board, post } = await boardWithIdea(suite);
        const dana = { name: 'Dana', email: 'dana@acme.test', company: 'Acme' };
        const byMail = await submit(admin, board, { minute: 1, text: 'We need Okta SSO', author: dana, link: 'https://mail.example/1' });
        const again = await submit(admin, board, { minute: 2, text: 'Any news on Okta?', author: { email: 'DANA@acme.test' } });
        const anonymous = await submit(admin, board, { minute: 3, text: 'SSO please' });
        const linked = await admin.linkFeedback({ itemIds: [byMail.id, again.id, anonymous.id], postId: post.id });
        expect(linked.map((item) => [item.id, item.state, item.postId])).toEqual([
          [byMail.id, 'linked', post.id],
          [again.id, 'linked', post.id],
          [anonymous.id, 'linked', post.id],
        ]);
        expect((await adapter.getPost({ postId: post.id })).peopleCount).toBe(2);
        const demand = await adapter.getDemand({ postId: post.id });
        expect(demand.requests).toEqual([
          expect.objectContaining({ person: { name: 'Dana', email: 'dana@acme.test' }, company: 'Acme', sourceUrl: 'https://mail.example/1', note: 'via api' }),
        ]);
        expect(await evidenceFrom(suite, post.id, 'api')).toEqual({ source: 'api', people: 2, items: 3 });
        expect((await admin.listInbox({ board })).items).toEqual([]);
        expect(idsOf((await admin.listInbox({ board, state: 'linked', source: 'api' })).items)).toEqual(idsOf([anonymous, again, byMail]));
        expect(idsOf((await adapter.listPostFeedback({ postId: post.id })).items)).toEqual(expect.arrayContaining(idsOf(linked)));
        const preview = await admin.previewStatusChange({ postId: post.id, status: 'shipped' });
        expect(preview.people.some((member) => member.reasons.includes('request'))).toBe(true);
      });

      it('unlinks: the request a link made goes with the last item standing on it, a request an admin typed stays', async () => {
        const { adapter, admin, board, post } = await boardWithIdea(suite);
        const first = await submit(admin, board, { text: 'Okta SSO', author: { email: 'dana@acme.test' } });
        const second = await submit(admin, board, { text: 'Okta SSO, again', author: { email: 'dana@acme.test' } });
        const typed = await submit(admin, board, { text: 'Okta for us too', author: { name: 'Gus' } });
        await admin.addCustomerRequest({ postId: post.id, name: 'Gus', note: 'asked on a call' });
        await admin.linkFeedback({ itemIds: [first.id, second.id, typed.id], postId: post.id });
        expect((await adapter.getPost({ postId: post.id })).peopleCount).toBe(3);
        expect(await admin.unlinkFeedback({ itemIds: [first.id] })).toEqual([expect.objectContaining({ id: first.id, state: 'new', postId: null })]);
        expect((await adapter.getPost({ postId: post.id })).peopleCount).toBe(3);
        await admin.unlinkFeedback({ itemIds: [second.id, typed.id] });
        expect((await adapter.getPost({ postId: post.id })).peopleCount).toBe(2);
        expect((await adapter.getDemand({ postId: post.id })).requests).toEqual([expect.objectContaining({ person: { name: 'Gus', email: null }, note: 'asked on a call' })]);
        expect(await evidenceFrom(suite, post.id, 'api')).toBeUndefined();
      });

      it('links to the canonical of a merged idea, and counts merged ideas\' evidence on the canonical', async () => {
        const { adapter, admin, board, alice, post } = await boardWithIdea(suite);
        const duplicate = await alice.createPost({ board, title: 'Okta login', body: '' });
        const early = await submit(admin, board, { text: 'Okta login', author: { email: 'erin@acme.test' } });
        await admin.linkFeedback({ itemIds: [early.id], postId: duplicate.id });
        await admin.mergePost({ postId: duplicate.id, into: post.id });
        const late = await submit(admin, board, { text: 'Okta login please', author: { email: 'finn@acme.test' } });
        expect(await admin.linkFeedback({ itemIds: [late.id], postId: duplicate.id })).toEqual([expect.objectContaining({ postId: post.id })]);
        expect(await evidenceFrom(suite, post.id, 'api')).toEqual({ source: 'api', people: 2, items: 2 });
        expect(await evidenceFrom(suite, duplicate.id, 'api')).toEqual({ source: 'api', people: 2, items: 2 });
        expect(idsOf((await adapter.listPostFeedback({ postId: post.id })).items)).toEqual(expect.arrayContaining([early.id, late.id]));
      });

      it('takes bulk actions all or nothing: an unknown item, no items or too many change nothing', async () => {
        const { admin, board, post } = await boardWithIdea(suite);
        const item = await submit(admin, board, { text: 'Okta', author: { name: 'Dana' } });
        await rejectsWith(admin.linkFeedback({ itemIds: [item.id, UNKNOWN], postId: post.id }), 'not_found');
        await rejectsWith(admin.linkFeedback({ itemIds: [item.id], postId: UNKNOWN }), 'not_found');
        await rejectsWith(admin.linkFeedback({ itemIds: [], postId: post.id }), 'invalid_input');
        await rejectsWith(admin.archiveFeedback({ itemIds: Array.from({ length: 101 }, () => item.id) }), 'invalid_input');
        await rejectsWith(admin.archiveFeedback({ itemIds: [item.id, UNKNOWN] }), 'not_found');
        expect(idsOf((await admin.listInbox({ board })).items)).toEqual([item.id]);
        expect((await admin.listInbox({ board })).items[0]).toMatchObject({ state: 'new', postId: null });
      });

      it('archives: a linked item is unlinked first, and comes back as new', async () => {
        const { adapter, admin, board, post } = await boardWithIdea(suite);
        const item = await submit(admin, board, { text: 'Okta', author: { email: 'dana@acme.test' } });
        await admin.linkFeedback({ itemIds: [item.id], postId: post.id });
        expect(await admin.archiveFeedback({ itemIds: [item.id] })).toEqual([expect.objectContaining({ state: 'archived', postId: null })]);
        expect((await adapter.getPost({ postId: post.id })).peopleCount).toBe(1);
        expect(idsOf((await admin.listInbox({ board, state: 'archived' })).items)).toEqual([item.id]);
        expect(await admin.archiveFeedback({ itemIds: [item.id], archived: false })).toEqual([expect.objectContaining({ state: 'new' })]);
        expect(idsOf((await admin.listInbox({ board })).items)).toEqual([item.id]);
      });

      it('makes a new idea from an item, linked to it, its author counted', async () => {
        const { adapter, admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const item = await submit(admin, board, { title: 'Calendar sync', text: 'Sync reminders with Google Calendar.', author: { email: 'dana@acme.test' } });
        const { post, item: linked } = await admin.createPostFromFeedback({ itemId: item.id });
        expect(post).toMatchObject({ board, title: 'Calendar sync', body: 'Sync reminders with Google Calendar.' });
        expect(linked).toMatchObject({ id: item.id, state: 'linked', postId: post.id });
        expect((await adapter.getDemand({ postId: post.id })).requests).toEqual([expect.objectContaining({ person: { name: null, email: 'dana@acme.test' } })]);
        const untitled = await submit(admin, board, { text: 'Tables in notes\nSimple ones are enough.' });
        expect((await admin.createPostFromFeedback({ itemId: untitled.id, title: 'Tables' })).post.title).toBe('Tables');
        await rejectsWith(admin.createPostFromFeedback({ itemId: UNKNOWN }), 'not_found');
      });

      it('shows visitors the items an admin made public, and only those', async () => {
        const { admin, board, post, bob } = await boardWithIdea(suite);
        const shown = await submit(admin, board, { minute: 1, text: 'Okta SSO is a must for us', author: { name: 'Dana', email: 'dana@acme.test' } });
        const hidden = await submit(admin, board, { minute: 2, text: 'Internal: Acme churns without SSO', author: { name: 'Erin' } });
        await admin.linkFeedback({ itemIds: [shown.id, hidden.id], postId: post.id });
        expect(await admin.setFeedbackPublic({ itemId: shown.id, public: true })).toMatchObject({ id: shown.id, public: true });
        const { items: seen } = await bob.listPostFeedback({ postId: post.id });
        expect(idsOf(seen)).toEqual([shown.id]);
        // Who said it, never their address.
        expect(seen[0]!.author).toEqual({ name: 'Dana', email: null, company: null });
        await admin.setFeedbackPublic({ itemId: shown.id, public: false });
        expect((await bob.listPostFeedback({ postId: post.id })).items).toEqual([]);
        await rejectsWith(admin.setFeedbackPublic({ itemId: UNKNOWN, public: true }), 'not_found');
      });
    });
  },
};
