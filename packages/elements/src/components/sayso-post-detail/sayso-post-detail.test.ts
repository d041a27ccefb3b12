import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SaysoError, createDemandView, type Post, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import type { SeedPost } from '@sayso/adapter-memory';
import type { SaysoCommentEvent } from '../../events/sayso-comment.js';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import type { SaysoFollow } from '../sayso-follow/sayso-follow.component.js';
import type { SaysoVoteButton } from '../sayso-vote-button/sayso-vote-button.component.js';
import { clientWithEvidence, clientWithMergedIdea, deferred, loadDemo, memoryClient, rejectWith } from '../../internal/test-fixtures.js';
import { setLocale } from '../../localization.js';
import './sayso-post-detail.js';
import type { SaysoPostDetail } from './sayso-post-detail.component.js';

const part = (el: SaysoPostDetail, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: SaysoPostDetail, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const textarea = (el: SaysoPostDetail) => part(el, 'textarea') as HTMLTextAreaElement;
const submit = (el: SaysoPostDetail) => part(el, 'submit') as HTMLButtonElement;

/** Types `text` into the comment field, as a visitor does, and submits it. */
async function typeAndSubmit(el: SaysoPostDetail, text: string) {
  textarea(el).focus();
  await sendKeys({ type: text });
  submit(el).click();
}

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();

/** The count on the detail's vote button, once it rendered. */
async function voteCount(el: SaysoPostDetail) {
  const vote = el.shadowRoot!.querySelector<SaysoVoteButton>('sayso-vote-button')!;
  await vote.updateComplete;
  return text(vote.shadowRoot!.querySelector('[part="count"]'));
}

/** A detail of `postId` in `client`, once it shows its comments and, if anything was merged into it, its people. */
async function shown(client: SaysoClient, postId: string) {
  const el = await fixture<SaysoPostDetail>(html`<sayso-post-detail post-id=${postId} .client=${client}></sayso-post-detail>`);
  await until(() => part(el, 'comments-loading') === null, 'comments loaded');
  return el;
}

/** A detail of the first demo idea, with `comments` already posted on it. */
async function detail(options: { comments?: number; overrides?: Partial<SaysoAdapter>; posts?: SeedPost[] } = {}) {
  const client: SaysoClient = memoryClient(options.overrides ?? {}, options.posts);
  const [post] = await loadDemo(client);
  const add = client.adapter.addComment;
  for (let i = 1; i <= (options.comments ?? 0); i++) {
    await add({ postId: post!.id, body: `Comment **${i}**` });
  }
  const el = await fixture<SaysoPostDetail>(html`<sayso-post-detail post-id=${post!.id} .client=${client}></sayso-post-detail>`);
  await until(() => part(el, 'comments-loading') === null, 'comments loaded');
  await until(() => part(el, 'body')?.querySelector('p:not(.plain)') != null || !post!.body, 'markdown loaded');
  return { el, client, post: post! };
}

describe('<sayso-post-detail>', () => {
  describe('defaults', () => {
    it('shows the idea with its details rendered as markdown', async () => {
      const { el } = await detail({
        posts: [{ board: 'demo', title: 'Dark mode', body: 'Please **really** add it.\n\n- [spec](https://example.com)', tags: ['UI'], status: 'planned' }],
      });
      expect(part(el, 'heading')!.textContent).to.equal('Dark mode');
      expect(part(el, 'heading')!.localName).to.equal('h2');
      expect(part(el, 'body')!.querySelector('strong')!.textContent).to.equal('really');
      const link = part(el, 'body')!.querySelector('a')!;
      expect(link.href).to.equal('https://example.com/');
      expect(link.rel).to.equal('noopener noreferrer nofollow ugc');
      expect(part(el, 'status')!.textContent!.trim()).to.equal('Planned');
      expect(parts(el, 'tag').map((t) => t.textContent)).to.deep.equal(['UI']);
      expect(part(el, 'vote')).to.not.be.null;
      expect(part(el, 'comments-empty')!.textContent).to.contain('No comments yet');
      await expect(el).to.be.accessible();
    });

    it('keeps hostile details inert', async () => {
      const hostile = '<img src=x onerror="window.__saysoDetailXss = 1">[x](javascript:window.__saysoDetailXss=2)<script>window.__saysoDetailXss=3</script>';
      const { el } = await detail({ posts: [{ board: 'demo', title: hostile, body: hostile }] });
      await new Promise((r) => setTimeout(r, 50));
      expect(part(el, 'heading')!.textContent).to.equal(hostile);
      expect(el.shadowRoot!.querySelector('img, script, a[href^="javascript"]')).to.be.null;
      expect((window as { __saysoDetailXss?: unknown }).__saysoDetailXss).to.be.undefined;
    });

    it('says so for an idea the client does not know', async () => {
      const el = await fixture<SaysoPostDetail>(html`<sayso-post-detail post-id="nope" .client=${memoryClient()}></sayso-post-detail>`);
      expect(part(el, 'missing')!.textContent).to.contain('could not be found');
    });
  });

  describe('comments', () => {
    it('lists comments oldest first as markdown, and loads more', async () => {
      const { el } = await detail({ comments: 25 });
      expect(parts(el, 'comment')).to.have.length(20);
      expect(parts(el, 'comment-body')[0]!.querySelector('strong')!.textContent).to.equal('1');
      const more = part(el, 'load-more') as HTMLButtonElement;
      expect(more.textContent).to.contain('Load more comments');
      more.click();
      await until(() => parts(el, 'comment').length === 25);
      expect(part(el, 'load-more')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('posts a comment, clears the field, announces it and fires sayso-comment', async () => {
      const { el, client, post } = await detail();
      textarea(el).focus();
      await sendKeys({ type: 'Me _too_' });
      const fired = oneEvent(el, 'sayso-comment') as Promise<SaysoCommentEvent>;
      submit(el).click();
      const event = await fired;
      expect(event.detail.comment.body).to.equal('Me _too_');
      expect(event.bubbles && event.composed).to.be.true;
      await el.updateComplete;
      expect(textarea(el).value).to.equal('');
      expect(part(el, 'form-status')!.textContent).to.contain('your comment was posted');
      expect(part(el, 'form-status')!.getAttribute('role')).to.equal('status');
      expect(parts(el, 'comment-body').at(-1)!.querySelector('em')!.textContent).to.equal('too');
      expect(client.$posts.get()[post.id]!.commentCount).to.equal(1);
      expect(part(el, 'comments-heading')!.textContent).to.equal('1 comment');
      await expect(el).to.be.accessible();
    });

    it('refuses an empty comment without a request, and says why', async () => {
      let calls = 0;
      const { el } = await detail({ overrides: { addComment: () => (calls++, Promise.reject(new Error('no'))) } });
      await typeAndSubmit(el, '   ');
      await until(() => part(el, 'field-error') !== null);
      expect(part(el, 'field-error')!.textContent).to.contain('cannot be empty');
      expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
      expect(textarea(el).getAttribute('aria-describedby')).to.equal('comment-error');
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
      expect(calls).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('keeps the text and says what happened when posting fails', async () => {
      const { el } = await detail({ overrides: { addComment: rejectWith('network') } });
      await typeAndSubmit(el, 'Important thought');
      await until(() => part(el, 'error') !== null);
      expect(part(el, 'error')!.textContent).to.contain('offline');
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(textarea(el).value).to.equal('Important thought');
      expect(parts(el, 'comment')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('shows what the server found wrong under the field, keeping the text', async () => {
      const refusal = new SaysoError('invalid_input', 'Links are not allowed here.', {
        problems: [{ field: 'body', message: 'Links are not allowed here.' }],
      });
      const { el } = await detail({ overrides: { addComment: () => Promise.reject(refusal) } });
      await typeAndSubmit(el, 'See https://example.com');
      await until(() => part(el, 'field-error') !== null);
      expect(part(el, 'field-error')!.textContent).to.equal('Links are not allowed here.');
      expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
      expect(textarea(el).value).to.equal('See https://example.com');
      expect(part(el, 'error')).to.equal(null);
      await sendKeys({ type: '!' });
      await until(() => part(el, 'field-error') === null, 'the problem goes as the visitor edits');
    });

    it('disables the button while posting', async () => {
      const gate = deferred<void>();
      const client = memoryClient();
      const add = client.adapter.addComment;
      (client.adapter as { addComment: SaysoAdapter['addComment'] }).addComment = async (p) => (await gate.promise, add(p));
      const [post] = await loadDemo(client);
      const el = await fixture<SaysoPostDetail>(html`<sayso-post-detail post-id=${post!.id} .client=${client}></sayso-post-detail>`);
      await typeAndSubmit(el, 'Hi');
      await until(() => submit(el).disabled);
      expect(el.matches(':state(sending)')).to.be.true;
      gate.resolve();
      await until(() => !submit(el).disabled);
    });

    it('shows a calm error when comments cannot be loaded, with Try again', async () => {
      let fail = true;
      const client = memoryClient();
      const list = client.adapter.listComments;
      (client.adapter as { listComments: SaysoAdapter['listComments'] }).listComments = (p) => (fail ? rejectWith('server')() : list(p));
      const [post] = await loadDemo(client);
      const el = await fixture<SaysoPostDetail>(html`<sayso-post-detail post-id=${post!.id} .client=${client}></sayso-post-detail>`);
      await until(() => part(el, 'comments-error') !== null);
      expect(part(el, 'comments-error')!.textContent).to.contain('could not be loaded');
      await expect(el).to.be.accessible();
      fail = false;
      (part(el, 'retry') as HTMLButtonElement).click();
      await until(() => part(el, 'comments-empty') !== null);
    });
  });

  describe('merged ideas', () => {
    it('shows the idea a merged one was merged into, with a polite banner that says so', async () => {
      const { client, nightTheme } = await clientWithMergedIdea();
      await client.post(nightTheme).load();
      const el = await shown(client, nightTheme);
      expect(part(el, 'heading')!.textContent).to.equal('Dark mode');
      expect(text(part(el, 'merged-banner'))).to.equal('“Night theme” was merged into this idea. Your vote counts here.');
      expect(part(el, 'merged-banner')!.getAttribute('role')).to.equal('status');
      expect(part(el, 'merged-banner')!.getAttribute('aria-live')).to.equal('polite');
      expect(await voteCount(el)).to.equal('8');
      await expect(el).to.be.accessible();
    });

    it('shows no banner on the idea opened by its own id', async () => {
      const { client, darkMode } = await clientWithMergedIdea();
      await client.post(darkMode).load();
      const el = await shown(client, darkMode);
      expect(part(el, 'heading')!.textContent).to.equal('Dark mode');
      expect(part(el, 'merged-banner')).to.be.null;
    });

    it('keeps a hostile merged title as text in the banner', async () => {
      const hostile = '<img src=x onerror="window.__saysoMergedXss = 1">';
      const canonical: Post = {
        id: 'canonical', board: 'demo', title: 'Dark mode', body: '', status: 'open', voteCount: 1, peopleCount: 1,
        commentCount: 0, voted: false, author: { id: 'a', name: null }, tags: [], createdAt: '2026-01-01T00:00:00Z',
        editedAt: null, shippedAt: null, mergedInto: null, mergedFrom: { id: 'duplicate', title: hostile },
      };
      const client = memoryClient({ getPost: async () => canonical });
      await client.post('duplicate').load();
      const el = await shown(client, 'duplicate');
      expect(text(part(el, 'merged-banner'))).to.contain(hostile);
      expect(el.shadowRoot!.querySelector('img')).to.be.null;
      expect((window as { __saysoMergedXss?: unknown }).__saysoMergedXss).to.be.undefined;
    });

    it('says where the people come from and lists the ideas merged into it', async () => {
      const { client, darkMode } = await clientWithMergedIdea();
      await loadDemo(client);
      const el = await shown(client, darkMode);
      await until(() => part(el, 'demand') !== null, 'demand shown');
      expect(text(part(el, 'demand-heading'))).to.equal('8 people want this');
      expect(text(part(el, 'breakdown'))).to.equal('5 direct + 4 via merged ideas (1 in both)');
      expect(parts(el, 'merged-idea').map(text)).to.deep.equal(['Night theme 4 people']);
      expect(await voteCount(el)).to.equal('8');
      await expect(el).to.be.accessible();
    });

    it('says through which channels feedback backs the idea, most people first', async () => {
      const client = clientWithEvidence();
      await loadDemo(client);
      const el = await shown(client, 'seed-1');
      await until(() => part(el, 'evidence') !== null, 'evidence shown');
      expect(text(part(el, 'evidence'))).to.equal('3 people via email, 2 via Slack, 1 via CSV, 1 via Zendesk');
      // Five voters and the seven people who wrote in.
      expect(text(part(el, 'demand-heading'))).to.equal('12 people want this');
      expect(part(el, 'breakdown')).to.be.null;
      expect(part(el, 'merged-list')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('says it in German', async () => {
      await setLocale('de');
      try {
        const client = clientWithEvidence();
        await loadDemo(client);
        const el = await shown(client, 'seed-1');
        await until(() => part(el, 'evidence') !== null, 'evidence shown');
        expect(text(part(el, 'evidence'))).to.equal('3 Personen per E-Mail, 2 per Slack, 1 per CSV und 1 per Zendesk');
      } finally {
        await setLocale('en');
      }
    });

    it('shows no evidence line for an idea only posted through the widget', async () => {
      const client = memoryClient();
      await loadDemo(client);
      const post = await client.adapter.createPost({ board: 'demo', title: 'Widgets everywhere', body: '' });
      const demand = await client.adapter.getDemand({ postId: post.id });
      expect(demand.evidence).to.deep.equal([{ source: 'widget', people: 1, items: 1 }]);
      const el = await shown(client, post.id);
      await el.updateComplete;
      expect(part(el, 'demand')).to.be.null;
    });

    it('shows no breakdown for an idea nothing was merged into', async () => {
      const client = memoryClient();
      const [post] = await loadDemo(client);
      const el = await shown(client, post!.id);
      const demand = client.view(createDemandView, { postId: post!.id });
      await until(() => demand.$state.get().status === 'ready', 'demand loaded');
      await el.updateComplete;
      expect(demand.$state.get().demand!.people.total).to.equal(5);
      expect(part(el, 'demand')).to.be.null;
    });

    it('follows the visitor’s vote in the breakdown', async () => {
      const { client, darkMode } = await clientWithMergedIdea({ visitor: 'zoe' });
      await loadDemo(client);
      const el = await shown(client, darkMode);
      await until(() => part(el, 'breakdown') !== null, 'demand shown');
      const vote = el.shadowRoot!.querySelector<SaysoVoteButton>('sayso-vote-button')!;
      vote.shadowRoot!.querySelector<HTMLButtonElement>('[part="vote-button"]')!.click();
      await until(() => text(part(el, 'breakdown')) === '6 direct + 4 via merged ideas (1 in both)', 'breakdown updated');
      expect(text(part(el, 'demand-heading'))).to.equal('9 people want this');
      expect(await voteCount(el)).to.equal('9');
    });

    it('marks a comment of a merged idea, whose mark shows that idea among the merged ones', async () => {
      const { client, darkMode, nightTheme } = await clientWithMergedIdea();
      await loadDemo(client);
      const el = await shown(client, darkMode);
      await until(() => part(el, 'comment-merged-from-button') !== null, 'demand shown');
      expect(parts(el, 'comment')).to.have.length(1);
      expect(text(part(el, 'comment-merged-from'))).to.equal('merged from “Night theme”');
      part(el, 'comment-merged-from-button')!.click();
      const focused = el.shadowRoot!.activeElement as HTMLElement;
      expect(focused.getAttribute('part')).to.equal('merged-idea');
      expect(focused.dataset.postId).to.equal(nightTheme);
      await expect(el).to.be.accessible();
    });

    it('marks a comment of a merged idea as plain text while the merged ideas are not known', async () => {
      const { client, darkMode } = await clientWithMergedIdea({ overrides: { getDemand: rejectWith('server') } });
      await loadDemo(client);
      const el = await shown(client, darkMode);
      expect(text(part(el, 'comment-merged-from'))).to.equal('merged from “Night theme”');
      expect(part(el, 'comment-merged-from-button')).to.be.null;
      expect(part(el, 'demand')).to.be.null;
    });

    it('names the idea a merged idea was merged into, and opens it', async () => {
      const { client, nightTheme, darkMode } = await clientWithMergedIdea();
      const merged = client.board('demo');
      await merged.setFilters({ status: 'merged' });
      expect(merged.$posts.get().map((post) => post.id)).to.deep.equal([nightTheme]);
      const el = await shown(client, nightTheme);
      expect(part(el, 'heading')!.textContent).to.equal('Night theme');
      expect(text(part(el, 'merged-into'))).to.equal('Merged into “Dark mode”');
      expect(part(el, 'comments'), 'its discussion goes on where it was merged').to.be.null;
      const opened = oneEvent(el, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      part(el, 'merged-into-button')!.click();
      expect((await opened).detail).to.deep.equal({ postId: darkMode, board: 'demo' });
      expect(el.shadowRoot!.querySelector('sayso-follow'), 'it is followed where it was merged').to.be.null;
      await expect(el).to.be.accessible();
    });
  });

  describe('following', () => {
    /** The follow control inside the detail, once it rendered its control. */
    async function followOf(el: SaysoPostDetail) {
      const follow = el.shadowRoot!.querySelector<SaysoFollow>('sayso-follow')!;
      await until(() => follow.shadowRoot!.querySelector('[part~="loading"]') === null, 'follow loaded');
      return follow;
    }

    it('shows the follow control, which follows the visitor’s vote', async () => {
      const { el } = await detail();
      const follow = await followOf(el);
      expect(follow.postId).to.equal(el.postId);
      expect(follow.shadowRoot!.querySelector('[part~="form"]'), 'an anonymous visitor is asked for an address').to.not.be.null;

      const vote = el.shadowRoot!.querySelector<SaysoVoteButton>('sayso-vote-button')!;
      vote.shadowRoot!.querySelector<HTMLButtonElement>('[part="vote-button"]')!.click();
      await until(() => (follow.shadowRoot!.querySelector('[part~="toggle"]')?.textContent ?? '').includes('Following'), 'following by vote');
      await expect(el).to.be.accessible();
    });
  });
});
