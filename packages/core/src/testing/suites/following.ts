import { expect, it } from 'vitest';
import { describeNeeding, kindsOf, newVisitors, refusedFields, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

/** Visitors of their own, so notifications from other tests never show up in the counts. */
const newPeople = (suite: SuiteContext) => newVisitors(suite, ['author', 'voter', 'commenter', 'quitter', 'bystander']);

/**
 * Following ideas (issue 11): who is subscribed and why, unsubscribing that sticks, email
 * settings, which status changes tell whom, and the dry run that says so before anything is sent.
 */
export const following: SuiteArea = {
  name: 'following',
  needs: ['notifications'],
  tests: (suite) => {
    it('subscribes whoever writes, votes for or discusses an idea, each with their reason', async () => {
      const { board } = await suite.freshBoard();
      const { author, voter, commenter, bystander } = newPeople(suite);
      const post = await author.createPost({ board, title: 'Calendar sync', body: '' });
      await voter.vote({ postId: post.id });
      await commenter.addComment({ postId: post.id, body: 'Google Calendar first, please' });
      expect(await author.getSubscription({ postId: post.id })).toEqual({ postId: post.id, subscribed: true, reason: 'author', emailPending: false });
      expect(await voter.getSubscription({ postId: post.id })).toMatchObject({ subscribed: true, reason: 'vote' });
      expect(await commenter.getSubscription({ postId: post.id })).toMatchObject({ subscribed: true, reason: 'comment' });
      expect(await bystander.getSubscription({ postId: post.id })).toEqual({ postId: post.id, subscribed: false, reason: null, emailPending: false });
      // Taking the vote back is no longer asking for it.
      await voter.unvote({ postId: post.id });
      expect(await voter.getSubscription({ postId: post.id })).toMatchObject({ subscribed: false, reason: null });
      await rejectsWith(bystander.getSubscription({ postId: 'no-such-idea' }), 'not_found');
    });

    it('keeps an unsubscribe: voting or commenting again does not subscribe again; subscribing does', async () => {
      const { board } = await suite.freshBoard();
      const { author, quitter } = newPeople(suite);
      const post = await author.createPost({ board, title: 'Bulk edit', body: '' });
      await quitter.vote({ postId: post.id });
      expect(await quitter.setSubscription({ postId: post.id, subscribed: false })).toMatchObject({ subscribed: false });
      await quitter.addComment({ postId: post.id, body: 'Still want it, just no mail' });
      expect(await quitter.getSubscription({ postId: post.id })).toMatchObject({ subscribed: false });
      expect(await quitter.setSubscription({ postId: post.id, subscribed: true })).toMatchObject({ subscribed: true });
    });

    it('refuses a malformed address and keeps the visitor\'s settings', async () => {
      const { board } = await suite.freshBoard();
      const { author, bystander } = newPeople(suite);
      const post = await author.createPost({ board, title: 'Export to CSV', body: '' });
      const refused = await rejectsWith(bystander.setSubscription({ postId: post.id, subscribed: true, email: 'not an address' }), 'invalid_input');
      expect(refusedFields(refused)).toContain('email');
      expect(await bystander.getSubscription({ postId: post.id })).toMatchObject({ subscribed: false });
      expect(await bystander.getEmailPreferences()).toMatchObject({ emailOff: false });
      expect(await bystander.setEmailPreferences({ emailOff: true })).toMatchObject({ emailOff: true });
      expect(await bystander.getEmailPreferences()).toMatchObject({ emailOff: true });
    });

    describeNeeding(suite, ['admin'], 'telling followers of a status change', () => {
      it('tells every follower of the idea and of the ideas merged into it once, never the admin or who left', async () => {
        const { adapter: adminAdapter, admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { author, voter, commenter, quitter, bystander } = newPeople(suite);
        const post = await author.createPost({ board, title: 'Two-factor login', body: '' });
        const duplicate = await voter.createPost({ board, title: '2FA with an app', body: '' });
        await commenter.addComment({ postId: duplicate.id, body: 'TOTP please' });
        await voter.vote({ postId: post.id });
        await quitter.vote({ postId: post.id });
        await quitter.setSubscription({ postId: post.id, subscribed: false });
        await admin.mergePost({ postId: duplicate.id, into: post.id });

        const preview = await admin.previewStatusChange({ postId: post.id, status: 'shipped' });
        expect(preview.counts.in_app).toBe(3);
        expect(preview.truncated).toBe(false);
        const reasons = Object.fromEntries(preview.people.map((member) => [member.person.id, [...member.reasons].sort()]));
        expect(Object.values(reasons).sort()).toEqual([['author', 'vote'], ['author'], ['comment']].map((r) => r.sort()).sort());
        // A dry run changes and sends nothing.
        expect((await bystander.getPost({ postId: post.id })).status).toBe('open');
        expect(await kindsOf(author)).toEqual([]);

        await admin.setPostStatus({ postId: post.id, status: 'shipped', note: 'Shipped in 4.2: Settings → Security.' });
        for (const person of [author, voter, commenter]) {
          const [news, ...more] = (await person.listNotifications()).items.filter((n) => n.kind === 'shipped');
          expect(more).toEqual([]);
          expect(news).toMatchObject({ post: { id: post.id }, status: { id: 'shipped', name: 'Shipped' }, note: 'Shipped in 4.2: Settings → Security.' });
        }
        for (const person of [quitter, bystander, adminAdapter]) expect(await kindsOf(person)).toEqual([]);
        expect((await admin.previewStatusChange({ postId: post.id, status: 'shipped', limit: 1 })).counts.in_app).toBe(0);
      });

      it('tells of moves into other kinds only when the board says so, and refuses leaving out done', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { author, voter } = newPeople(suite);
        const post = await author.createPost({ board, title: 'Offline drafts', body: '' });
        await voter.vote({ postId: post.id });
        expect(await admin.getNotificationSettings({ board })).toEqual({ notifyKinds: ['done'] });
        expect((await admin.previewStatusChange({ postId: post.id, status: 'planned' })).counts.in_app).toBe(0);
        await admin.setPostStatus({ postId: post.id, status: 'planned' });
        expect(await kindsOf(voter)).toEqual([]);

        const refused = await rejectsWith(admin.setNotificationSettings({ board, notifyKinds: ['active'] }), 'invalid_input');
        expect(refused.details).toMatchObject({ problems: [expect.objectContaining({ field: 'notifyKinds' })] });
        expect(await admin.setNotificationSettings({ board, notifyKinds: ['active', 'done'] })).toEqual({ notifyKinds: ['active', 'done'] });
        expect(await admin.getNotificationSettings({ board })).toEqual({ notifyKinds: ['active', 'done'] });
        await admin.setPostStatus({ postId: post.id, status: 'in-progress' });
        expect((await voter.listNotifications()).items).toEqual([
          expect.objectContaining({ kind: 'status', post: expect.objectContaining({ id: post.id }), status: { id: 'in-progress', name: 'In progress' }, note: null }),
        ]);
        await rejectsWith(admin.previewStatusChange({ postId: post.id, status: 'no-such-status' }), 'invalid_input');
      });

      it('logs what the bell was told, per idea and per person', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { author, voter } = newPeople(suite);
        const post = await author.createPost({ board, title: 'Audit log', body: '' });
        await voter.vote({ postId: post.id });
        await admin.setPostStatus({ postId: post.id, status: 'shipped' });
        const log = await admin.listDeliveries({ postId: post.id, channel: 'in_app' });
        expect(log.items).toHaveLength(2);
        for (const delivery of log.items) {
          expect(delivery).toMatchObject({ channel: 'in_app', status: 'sent', post: { id: post.id, title: 'Audit log' }, event: { type: 'post.status_changed' } });
        }
        const [one] = log.items;
        expect((await admin.listDeliveries({ personId: one!.person!.id, postId: post.id })).items.map((d) => d.id)).toEqual([one!.id]);
        await rejectsWith(admin.replayDelivery({ deliveryId: one!.id }), 'invalid_input');
        await rejectsWith(admin.replayDelivery({ deliveryId: 'no-such-delivery' }), 'not_found');
      });
    });
  },
};
