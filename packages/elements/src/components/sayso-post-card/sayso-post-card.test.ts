import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type Post } from '@sayso/core';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import type { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { loadDemo, memoryClient } from '../../internal/test-fixtures.js';
import './sayso-post-card.js';
import type { SaysoPostCard } from './sayso-post-card.component.js';

const part = (el: SaysoPostCard, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function card(post?: Partial<Post>) {
  const client = memoryClient();
  const posts = await loadDemo(client);
  const shown = { ...posts[0]!, ...post };
  client.$posts.setKey(shown.id, shown);
  const el = await fixture<SaysoPostCard>(html`<sayso-post-card .post=${shown} .client=${client}></sayso-post-card>`);
  return { el, client, post: shown };
}

describe('<sayso-post-card>', () => {
  describe('defaults', () => {
    it('renders nothing without a post', async () => {
      const el = await fixture<SaysoPostCard>(html`<sayso-post-card></sayso-post-card>`);
      expect(el.shadowRoot!.children.length).to.equal(0);
    });

    it('shows title, body, status name, comment count and a vote button', async () => {
      const { el, post } = await card({ commentCount: 2 });
      expect(part(el, 'title')!.textContent).to.equal('Dark mode');
      expect(part(el, 'body')!.textContent).to.equal('Please add a dark theme.\nMy eyes hurt at night.');
      expect(getComputedStyle(part(el, 'body')!).whiteSpace).to.equal('pre-line');
      expect(part(el, 'status')!.textContent).to.equal('Open');
      expect(part(el, 'comments')!.textContent).to.equal('2 comments');
      const vote = el.shadowRoot!.querySelector('sayso-vote-button')!;
      expect(vote.postId).to.equal(post.id);
      await vote.updateComplete;
      expect(vote.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('5');
    });

    it('says "1 comment" and leaves out an empty body', async () => {
      const { el } = await card({ commentCount: 1, body: '' });
      expect(part(el, 'comments')!.textContent).to.equal('1 comment');
      expect(part(el, 'body')).to.be.null;
    });

    it('names the status as the post\'s board does, in a custom workflow too', async () => {
      const data = createMemoryData({
        boards: [{ slug: 'custom', statuses: [{ id: 'triage', name: 'Waiting for triage', kind: 'open', position: 0 }] }],
        posts: [{ board: 'custom', title: 'Custom workflow idea' }],
      });
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data }) });
      const [post] = await client.board('custom').load().then(() => client.board('custom').$posts.get());
      const el = await fixture<SaysoPostCard>(html`<sayso-post-card .post=${post} .client=${client}></sayso-post-card>`);
      expect(part(el, 'status')!.textContent).to.equal('Waiting for triage');
    });

    it('makes a status key readable while the board\'s workflow is not known yet', async () => {
      const { el, client, post } = await card({ status: 'needs_design' });
      client.$boards.set({});
      await el.updateComplete;
      expect(part(el, 'status')!.textContent).to.equal('Needs design');
      expect(post.status).to.equal('needs_design');
    });

    it('shows user text as text, never as HTML', async () => {
      const hostile = '<img src=x onerror="window.__saysoXss = true"><script>window.__saysoXss = true</script>';
      const { el } = await card({ title: hostile, body: `**bold** ${hostile}` });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(part(el, 'title')!.textContent).to.equal(hostile);
      expect(part(el, 'body')!.textContent).to.equal(`bold ${hostile}`);
      expect(el.shadowRoot!.querySelector('img, script')).to.be.null;
      expect((window as { __saysoXss?: boolean }).__saysoXss).to.be.undefined;
    });
  });

  describe('events', () => {
    it('lets sayso-vote from its button reach the page', async () => {
      const { el, post } = await card();
      const vote = el.shadowRoot!.querySelector('sayso-vote-button')!;
      await vote.updateComplete;
      const fired = oneEvent(document.body, 'sayso-vote') as Promise<SaysoVoteEvent>;
      vote.shadowRoot!.querySelector('button')!.click();
      expect((await fired).detail).to.deep.equal({ postId: post.id, voted: true, voteCount: 6, peopleCount: 6 });
    });
  });

  describe('opening', () => {
    it('shows the title as text unless openable', async () => {
      const { el } = await card();
      expect(part(el, 'title-button')).to.be.null;
    });

    it('fires a cancelable sayso-open-post from the title button, with the keyboard too', async () => {
      const client = memoryClient();
      const [post] = await loadDemo(client);
      const el = await fixture<SaysoPostCard>(html`<sayso-post-card openable .post=${post} .client=${client}></sayso-post-card>`);
      const button = part(el, 'title-button') as HTMLButtonElement;
      expect(button.localName).to.equal('button');
      expect(button.textContent).to.equal('Dark mode');
      expect(part(el, 'title')!.textContent).to.equal('Dark mode');
      let fired = oneEvent(document.body, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      button.click();
      const event = await fired;
      expect(event.detail).to.deep.equal({ postId: post!.id, board: 'demo' });
      expect(event.cancelable && event.composed && event.bubbles).to.be.true;
      fired = oneEvent(document.body, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      el.focusTitle();
      expect(el.shadowRoot!.activeElement).to.equal(button);
      await sendKeys({ press: 'Enter' });
      expect((await fired).detail.postId).to.equal(post!.id);
      await expect(el).to.be.accessible();
    });
  });

  describe('accessibility', () => {
    it('is accessible', async () => {
      const { el } = await card({ commentCount: 3 });
      await expect(el).to.be.accessible();
    });

    it('is accessible without a body, in a non-default status', async () => {
      const { el } = await card({ body: '', status: 'shipped' });
      await expect(el).to.be.accessible();
    });

    it('is labelled by its title', async () => {
      const { el } = await card();
      const article = part(el, 'card')!;
      expect(article.localName).to.equal('article');
      expect(el.shadowRoot!.getElementById(article.getAttribute('aria-labelledby')!)!.textContent).to.equal('Dark mode');
    });
  });
});
