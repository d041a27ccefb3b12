import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SaysoClient, SaysoErrorCode, VoteResult } from '@sayso/core';
import { deferred, loadDemo, memoryClient, rejectWith } from '../../internal/test-fixtures.js';
import type { SaysoVoteEvent } from '../../events/sayso-vote.js';
import './sayso-vote-button.js';
import type { SaysoVoteButton } from './sayso-vote-button.component.js';

async function voteButton(client: SaysoClient, postId?: string) {
  const posts = await loadDemo(client);
  const id = postId ?? posts[0]!.id;
  const el = await fixture<SaysoVoteButton>(html`<sayso-vote-button post-id=${id} .client=${client}></sayso-vote-button>`);
  return { el, id };
}

const buttonOf = (el: SaysoVoteButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="vote-button"]')!;
const countOf = (el: SaysoVoteButton) => el.shadowRoot!.querySelector('[part="count"]')!.textContent!.trim();
const messageOf = (el: SaysoVoteButton) => el.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();

describe('<sayso-vote-button>', () => {
  describe('defaults', () => {
    it('shows the live vote count, not pressed, named after the idea', async () => {
      const { el } = await voteButton(memoryClient());
      expect(countOf(el)).to.equal('5');
      expect(buttonOf(el).getAttribute('aria-pressed')).to.equal('false');
      expect(buttonOf(el).textContent).to.contain('Vote for “Dark mode”');
      expect(messageOf(el)).to.equal('');
      expect(el.matches(':state(voted)')).to.be.false;
    });

    it('is disabled and shows 0 while its post is unknown', async () => {
      const el = await fixture<SaysoVoteButton>(
        html`<sayso-vote-button post-id="nope" .client=${memoryClient()}></sayso-vote-button>`,
      );
      expect(buttonOf(el).disabled).to.be.true;
      expect(countOf(el)).to.equal('0');
    });

    it('follows changes made to the post elsewhere in the client', async () => {
      const client = memoryClient();
      const { el, id } = await voteButton(client);
      client.$posts.setKey(id, { ...client.$posts.get()[id]!, voteCount: 42 });
      await el.updateComplete;
      expect(countOf(el)).to.equal('42');
    });

    it('stops listening to the client once removed from the page', async () => {
      const client = memoryClient();
      const { el, id } = await voteButton(client);
      el.remove();
      client.$posts.setKey(id, { ...client.$posts.get()[id]!, voteCount: 42 });
      await el.updateComplete;
      expect(el.isUpdatePending).to.be.false;
      expect(countOf(el)).to.equal('5');
    });
  });

  describe('events', () => {
    it('votes optimistically, then fires sayso-vote with the saved result', async () => {
      const gate = deferred<void>();
      const client = memoryClient();
      const realVote = client.adapter.vote;
      (client.adapter as { vote: typeof realVote }).vote = async (params) => {
        await gate.promise;
        return realVote(params);
      };
      const { el, id } = await voteButton(client);
      buttonOf(el).click();
      await el.updateComplete;
      expect(countOf(el)).to.equal('6');
      expect(buttonOf(el).getAttribute('aria-pressed')).to.equal('true');
      expect(el.matches(':state(pending)')).to.be.true;
      const fired = oneEvent(el, 'sayso-vote') as Promise<SaysoVoteEvent>;
      gate.resolve();
      const event = await fired;
      expect(event.detail).to.deep.equal({ postId: id, voted: true, voteCount: 6, peopleCount: 6 });
      expect(event.bubbles).to.be.true;
      expect(event.composed).to.be.true;
      await el.updateComplete;
      expect(el.matches(':state(voted)')).to.be.true;
      expect(el.matches(':state(pending)')).to.be.false;
    });

    it('announces a saved vote and a vote taken back to screen readers', async () => {
      const { el } = await voteButton(memoryClient());
      const announced = () =>
        [...el.shadowRoot!.querySelectorAll('.visually-hidden[role="status"]')].map((n) => n.textContent!.trim()).join('');
      buttonOf(el).click();
      await oneEvent(el, 'sayso-vote');
      await el.updateComplete;
      expect(announced()).to.equal('Vote saved. 6 votes.');
      buttonOf(el).click();
      await oneEvent(el, 'sayso-vote');
      await el.updateComplete;
      expect(announced()).to.equal('Vote taken back. 5 votes.');
    });

    it('takes the vote back on a second click', async () => {
      const { el } = await voteButton(memoryClient());
      buttonOf(el).click();
      await oneEvent(el, 'sayso-vote');
      buttonOf(el).click();
      const event = (await oneEvent(el, 'sayso-vote')) as SaysoVoteEvent;
      expect(event.detail.voted).to.be.false;
      expect(event.detail.voteCount).to.equal(5);
      await el.updateComplete;
      expect(buttonOf(el).getAttribute('aria-pressed')).to.equal('false');
    });

    it('fires nothing when the post changes by code', async () => {
      const client = memoryClient();
      const { el, id } = await voteButton(client);
      let fired = 0;
      el.addEventListener('sayso-vote', () => fired++);
      await client.setVote(id, true);
      await el.updateComplete;
      expect(countOf(el)).to.equal('6');
      expect(fired).to.equal(0);
    });
  });

  describe('keyboard', () => {
    for (const key of ['Enter', 'Space']) {
      it(`votes with ${key}`, async () => {
        const { el } = await voteButton(memoryClient());
        buttonOf(el).focus();
        const fired = oneEvent(el, 'sayso-vote') as Promise<SaysoVoteEvent>;
        await sendKeys({ press: key });
        expect((await fired).detail.voted).to.be.true;
      });
    }

    it('is reached with Tab', async () => {
      const { el } = await voteButton(memoryClient());
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(buttonOf(el));
      before.remove();
    });
  });

  describe('accessibility', () => {
    it('is accessible before voting', async () => {
      const { el } = await voteButton(memoryClient());
      await expect(el).to.be.accessible();
    });

    it('is accessible when voted', async () => {
      const { el } = await voteButton(memoryClient());
      buttonOf(el).click();
      await oneEvent(el, 'sayso-vote');
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible while the post is unknown', async () => {
      const el = await fixture<SaysoVoteButton>(
        html`<sayso-vote-button post-id="nope" .client=${memoryClient()}></sayso-vote-button>`,
      );
      await expect(el).to.be.accessible();
    });

    it('is accessible showing a failure message', async () => {
      const { el } = await voteButton(memoryClient({ vote: rejectWith('forbidden') }));
      buttonOf(el).click();
      await waitForMessage(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('errors', () => {
    const cases = [
      { code: 'forbidden', text: 'Your vote could not be saved. Try again.' },
      { code: 'not_found', text: 'Your vote could not be saved. Try again.' },
    ] as const;
    for (const { code, text } of cases) {
      it(`rolls back and says so politely when the vote fails (${code})`, async () => {
        const { el } = await voteButton(memoryClient({ vote: rejectWith(code) }));
        let fired = 0;
        el.addEventListener('sayso-vote', () => fired++);
        buttonOf(el).click();
        await el.updateComplete;
        expect(countOf(el)).to.equal('6');
        await waitForMessage(el);
        expect(countOf(el)).to.equal('5');
        expect(buttonOf(el).getAttribute('aria-pressed')).to.equal('false');
        const message = el.shadowRoot!.querySelector('[part="message"]')!;
        expect(message.textContent).to.contain(text);
        expect(message.getAttribute('role')).to.equal('status');
        expect(message.getAttribute('aria-live')).to.equal('polite');
        expect(getComputedStyle(message).display).to.not.equal('none');
        expect((message as HTMLElement).offsetHeight).to.be.greaterThan(0);
        expect(el.matches(':state(error)')).to.be.true;
        expect(fired).to.equal(0);
      });
    }

    it('clears the message on the next attempt', async () => {
      let fail = true;
      const client = memoryClient();
      const realVote = client.adapter.vote;
      (client.adapter as { vote: typeof realVote }).vote = (params) =>
        fail ? rejectWith('forbidden')() : realVote(params);
      const { el } = await voteButton(client);
      buttonOf(el).click();
      await waitForMessage(el);
      fail = false;
      buttonOf(el).click();
      await el.updateComplete;
      expect(messageOf(el)).to.equal('');
      await oneEvent(el, 'sayso-vote');
    });
  });
});

describe('<sayso-vote-button> offline', () => {
  /** A client whose backend the test takes away (`fail`) and gives back (`null`). */
  function unreliable() {
    const client = memoryClient();
    const line = { fail: null as SaysoErrorCode | null };
    const realVote = client.adapter.vote;
    (client.adapter as { vote: typeof realVote }).vote = (params) => (line.fail ? rejectWith(line.fail)() : realVote(params));
    return { client, line };
  }

  // The browser's own word on being offline; the test browser is always online.
  afterEach(() => void delete (navigator as { onLine?: boolean }).onLine);
  const pretendOffline = () => Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });

  async function voteWhile(fail: SaysoErrorCode) {
    const { client, line } = unreliable();
    line.fail = fail;
    const { el } = await voteButton(client);
    let fired = 0;
    el.addEventListener('sayso-vote', () => fired++);
    buttonOf(el).click();
    await waitForMessage(el);
    return { el, client, line, fired: () => fired };
  }

  it('keeps a vote that cannot be sent yet, pressed and counted, with a calm note instead of an error', async () => {
    pretendOffline();
    const { el, fired } = await voteWhile('network');
    expect(countOf(el)).to.equal('6');
    expect(buttonOf(el).getAttribute('aria-pressed')).to.equal('true');
    expect(messageOf(el)).to.equal("You're offline. Your vote is saved here and will be sent when you're back online.");
    expect(el.matches(':state(queued)')).to.be.true;
    expect(el.matches(':state(pending)')).to.be.true;
    expect(el.matches(':state(error)')).to.be.false;
    expect(fired()).to.equal(0);
  });

  it('says the server cannot be reached when the browser is online', async () => {
    const { el } = await voteWhile('server');
    expect(messageOf(el)).to.equal("The server can't be reached right now. Your vote is saved here and will be sent when it can.");
    expect(countOf(el)).to.equal('6');
  });

  it('says the vote will be sent in a moment when the server asks to slow down', async () => {
    const { el } = await voteWhile('rate_limited');
    expect(messageOf(el)).to.equal('You are voting very quickly. Your vote is saved here and will be sent in a moment.');
  });

  it('announces the vote and fires sayso-vote once it was sent at last', async () => {
    const { el, client, line, fired } = await voteWhile('network');
    line.fail = null;
    const event = oneEvent(el, 'sayso-vote') as Promise<SaysoVoteEvent>;
    void client.outbox.flush();
    expect((await event).detail).to.deep.include({ voted: true, voteCount: 6 });
    await el.updateComplete;
    expect(messageOf(el)).to.equal('');
    expect(el.shadowRoot!.textContent).to.contain('Vote saved. 6 votes.');
    expect(el.matches(':state(queued)')).to.be.false;
    expect(fired()).to.equal(1);
  });

  it('rolls back with the usual message when the server refuses a vote that waited', async () => {
    const { el, client, line } = await voteWhile('network');
    line.fail = 'forbidden';
    await client.outbox.flush();
    await until(() => countOf(el) === '5');
    expect(messageOf(el)).to.equal('Your vote could not be saved. Try again.');
    expect(buttonOf(el).getAttribute('aria-pressed')).to.equal('false');
    expect(el.matches(':state(error)')).to.be.true;
  });

  it('is accessible while a vote waits', async () => {
    const { el } = await voteWhile('network');
    await expect(el).to.be.accessible();
  });
});

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).to.be.true;
}

async function waitForMessage(el: SaysoVoteButton) {
  for (let i = 0; i < 50 && messageOf(el) === ''; i++) await new Promise((r) => setTimeout(r, 10));
  await el.updateComplete;
  expect(messageOf(el)).to.not.equal('');
}

export type { VoteResult };
