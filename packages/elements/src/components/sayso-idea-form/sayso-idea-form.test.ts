import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type Post, type SaysoAdapter, type SaysoClient, type SaysoErrorCode } from '@sayso/core';
import type { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import { deferred, memoryClient, rejectWith, seededData } from '../../internal/test-fixtures.js';
import './sayso-idea-form.js';
import type { SaysoIdeaForm } from './sayso-idea-form.component.js';

const $ = <T extends Element = HTMLElement>(el: SaysoIdeaForm, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;
const titleInput = (el: SaysoIdeaForm) => $<HTMLInputElement>(el, '[part="input"]');
const bodyInput = (el: SaysoIdeaForm) => $<HTMLTextAreaElement>(el, '[part="textarea"]');
const submitButton = (el: SaysoIdeaForm) => $<HTMLButtonElement>(el, '[part="submit"]');
const statusText = (el: SaysoIdeaForm) => $(el, '[part="status"]').textContent!.trim();

async function form(client: SaysoClient = memoryClient()) {
  return fixture<SaysoIdeaForm>(html`<sayso-idea-form board="demo" .client=${client}></sayso-idea-form>`);
}

/** Types into a field the way a visitor does, so the element sees real input events. */
async function type(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).to.be.true;
}

/** Forgets every saved draft, so no test sees another's text. */
function forgetDrafts() {
  for (const key of Object.keys(localStorage)) if (key.startsWith('sayso:draft:')) localStorage.removeItem(key);
}

const savedDraft = (board: string) => JSON.parse(localStorage.getItem(`sayso:draft:${board}`) ?? 'null') as unknown;

describe('<sayso-idea-form>', () => {
  beforeEach(forgetDrafts);
  afterEach(forgetDrafts);

  describe('defaults', () => {
    it('has a labelled title input, details textarea and submit button', async () => {
      const el = await form();
      expect($(el, 'label[for="title"]').textContent).to.contain('Title');
      expect($(el, 'label[for="body"]').textContent).to.contain('Details');
      expect(titleInput(el).id).to.equal('title');
      expect(bodyInput(el).id).to.equal('body');
      expect(submitButton(el).type).to.equal('submit');
      expect(submitButton(el).disabled).to.be.false;
      expect(titleInput(el).getAttribute('aria-invalid')).to.equal('false');
      expect(statusText(el)).to.equal('');
    });

    it('takes its heading from the heading attribute', async () => {
      const el = await fixture<SaysoIdeaForm>(html`<sayso-idea-form heading="Tell us"></sayso-idea-form>`);
      expect($(el, '[part="heading"]').textContent).to.equal('Tell us');
    });
  });

  describe('events', () => {
    it('posts the idea, fires sayso-submit, clears and says thanks', async () => {
      const client = memoryClient();
      const el = await form(client);
      await type(titleInput(el), 'Keyboard shortcuts');
      await type(bodyInput(el), 'Like Gmail.');
      const fired = oneEvent(el, 'sayso-submit') as Promise<SaysoSubmitEvent>;
      submitButton(el).click();
      const event = await fired;
      expect(event.bubbles && event.composed).to.be.true;
      expect(event.detail.post.title).to.equal('Keyboard shortcuts');
      expect(event.detail.post.body).to.equal('Like Gmail.');
      expect(client.$posts.get()[event.detail.post.id]).to.deep.equal(event.detail.post);
      await el.updateComplete;
      expect(titleInput(el).value).to.equal('');
      expect(bodyInput(el).value).to.equal('');
      expect(statusText(el)).to.equal('Thanks — your idea was posted.');
      expect($(el, '[part="status"]').getAttribute('role')).to.equal('status');
    });

    it('disables submit while sending, and sends once', async () => {
      const gate = deferred<void>();
      const client = memoryClient();
      let calls = 0;
      const create = client.adapter.createPost;
      (client.adapter as { createPost: typeof create }).createPost = async (params) => {
        calls++;
        await gate.promise;
        return create(params);
      };
      const el = await form(client);
      await type(titleInput(el), 'Slow idea');
      submitButton(el).click();
      await el.updateComplete;
      expect(submitButton(el).disabled).to.be.true;
      expect(submitButton(el).textContent!.trim()).to.equal('Posting…');
      expect(el.matches(':state(sending)')).to.be.true;
      el.shadowRoot!.querySelector('form')!.requestSubmit();
      gate.resolve();
      await oneEvent(el, 'sayso-submit');
      await el.updateComplete;
      expect(submitButton(el).disabled).to.be.false;
      expect(calls).to.equal(1);
    });

    it('fires nothing when the input is refused', async () => {
      const el = await form();
      let fired = 0;
      el.addEventListener('sayso-submit', () => fired++);
      submitButton(el).click();
      await el.updateComplete;
      expect(fired).to.equal(0);
    });
  });

  describe('keyboard', () => {
    it('moves title → details → submit with Tab', async () => {
      const el = await form();
      titleInput(el).focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(bodyInput(el));
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(submitButton(el));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(el.shadowRoot!.activeElement).to.equal(bodyInput(el));
    });

    it('submits with Enter in the title', async () => {
      const el = await form();
      await type(titleInput(el), 'Enter to post');
      const fired = oneEvent(el, 'sayso-submit') as Promise<SaysoSubmitEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await fired).detail.post.title).to.equal('Enter to post');
    });

    it('keeps Enter in the details as a new line', async () => {
      const el = await form();
      await type(bodyInput(el), 'one');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: 'two' });
      expect(bodyInput(el).value).to.equal('one\ntwo');
    });
  });

  describe('accessibility', () => {
    it('is accessible empty', async () => {
      await expect(await form()).to.be.accessible();
    });

    it('is accessible showing a field error', async () => {
      const el = await form();
      submitButton(el).click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible while sending', async () => {
      const el = await form(memoryClient({ createPost: () => new Promise<Post>(() => {}) }));
      await type(titleInput(el), 'Pending idea');
      submitButton(el).click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible after a failure and after a success', async () => {
      const failing = await form(memoryClient({ createPost: rejectWith('forbidden') }));
      await type(titleInput(failing), 'Will fail');
      submitButton(failing).click();
      await until(() => failing.shadowRoot!.querySelector('[part="error"]') !== null);
      await expect(failing).to.be.accessible();

      const ok = await form();
      await type(titleInput(ok), 'Will work');
      submitButton(ok).click();
      await oneEvent(ok, 'sayso-submit');
      await ok.updateComplete;
      await expect(ok).to.be.accessible();
    });
  });

  describe('errors', () => {
    it('shows the validation message next to the title and focuses it', async () => {
      const el = await form();
      await type(titleInput(el), 'ab');
      submitButton(el).click();
      await el.updateComplete;
      const input = titleInput(el);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const message = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
      expect(message.textContent).to.equal('Title needs at least 3 characters.');
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect(el.matches(':state(invalid)')).to.be.true;
      expect(input.value).to.equal('ab');
    });

    it('clears a field message once the visitor edits the field', async () => {
      const el = await form();
      submitButton(el).click();
      await el.updateComplete;
      await type(titleInput(el), 'x');
      await el.updateComplete;
      expect(titleInput(el).getAttribute('aria-invalid')).to.equal('false');
      expect(titleInput(el).hasAttribute('aria-describedby')).to.be.false;
    });

    it('marks details that are too long', async () => {
      const el = await form();
      await type(titleInput(el), 'Long one');
      const body = bodyInput(el);
      body.value = 'x'.repeat(10_001);
      body.dispatchEvent(new Event('input', { bubbles: true }));
      submitButton(el).click();
      await el.updateComplete;
      expect(body.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.getElementById(body.getAttribute('aria-describedby')!)!.textContent).to.contain('at most');
    });

    for (const [code, text] of [
      ['not_found', 'could not be found'],
      ['forbidden', 'could not be posted'],
    ] as const) {
      it(`keeps everything typed and shows the error when posting fails (${code})`, async () => {
        const el = await form(memoryClient({ createPost: rejectWith(code) }));
        await type(titleInput(el), 'Precious idea');
        await type(bodyInput(el), 'Lots of\ncareful words');
        submitButton(el).click();
        await until(() => el.shadowRoot!.querySelector('[part="error"]') !== null);
        await el.updateComplete;
        const error = $(el, '[part="error"]');
        expect(error.getAttribute('role')).to.equal('alert');
        expect(error.textContent).to.contain(text);
        expect(titleInput(el).value).to.equal('Precious idea');
        expect(bodyInput(el).value).to.equal('Lots of\ncareful words');
        expect(submitButton(el).disabled).to.be.false;
        expect(statusText(el)).to.equal('');
      });
    }

    it('marks the field the server refused', async () => {
      const refuse = () =>
        Promise.reject(
          new SaysoError('invalid_input', 'Title is taken.', { problems: [{ field: 'title', message: 'Title is taken.' }] }),
        );
      const el = await form(memoryClient({ createPost: refuse }));
      await type(titleInput(el), 'Duplicate');
      submitButton(el).click();
      await until(() => titleInput(el).getAttribute('aria-invalid') === 'true');
      expect(el.shadowRoot!.getElementById('title-error')!.textContent).to.equal('Title is taken.');
      expect(titleInput(el).value).to.equal('Duplicate');
    });

    it('says so, keeping the text, when there is no client', async () => {
      const el = await fixture<SaysoIdeaForm>(html`<sayso-idea-form board="demo"></sayso-idea-form>`);
      await type(titleInput(el), 'Nowhere to go');
      submitButton(el).click();
      await el.updateComplete;
      expect($(el, '[part="error"]').textContent).to.contain('not connected');
      expect(titleInput(el).value).to.equal('Nowhere to go');
    });
  });

  describe('offline', () => {
    /** A client whose backend the test takes away (`fail`) and gives back (`null`). */
    function unreliable() {
      const client = memoryClient();
      const line = { fail: null as SaysoErrorCode | null };
      const create = client.adapter.createPost;
      (client.adapter as { createPost: typeof create }).createPost = (params) =>
        line.fail ? rejectWith(line.fail)() : create(params);
      return { client, line };
    }

    // The browser's own word on being offline; the test browser is always online.
    afterEach(() => void delete (navigator as { onLine?: boolean }).onLine);
    const pretendOffline = () => Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });

    const queueTitles = (el: SaysoIdeaForm) =>
      [...el.shadowRoot!.querySelectorAll('[part="queued-idea"]')].map((li) => li.textContent!.trim());

    async function submitWhile(fail: SaysoErrorCode) {
      const { client, line } = unreliable();
      line.fail = fail;
      const el = await form(client);
      await type(titleInput(el), 'Written on a train');
      await type(bodyInput(el), 'No signal in the tunnel.');
      submitButton(el).click();
      await until(() => queueTitles(el).length > 0);
      await el.updateComplete;
      return { el, client, line };
    }

    it('says calmly that an idea made offline is kept on this device, and lists it as waiting', async () => {
      pretendOffline();
      const { el } = await submitWhile('network');
      expect(statusText(el)).to.equal("You're offline. Your idea is saved on this device and will be sent when you're back online.");
      expect($(el, '[part="status"]').getAttribute('role')).to.equal('status');
      expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
      expect(queueTitles(el)).to.deep.equal(['Written on a train']);
      expect(el.matches(':state(waiting)')).to.be.true;
      // The outbox holds the text now: the form and its draft are cleared, so it is not sent twice.
      expect(titleInput(el).value).to.equal('');
      expect(bodyInput(el).value).to.equal('');
      await new Promise((r) => setTimeout(r, 400));
      expect(savedDraft('demo')).to.equal(null);
    });

    it('says the idea will be sent in a moment when the server asks to slow down', async () => {
      const { el } = await submitWhile('rate_limited');
      expect(statusText(el)).to.equal('You are posting very quickly. Your idea is saved on this device and will be sent in a moment.');
    });

    for (const reason of ['network', 'server'] as const) {
      it(`says the server cannot be reached when the browser is online (${reason})`, async () => {
        const { el } = await submitWhile(reason);
        expect(statusText(el)).to.equal("The server can't be reached right now. Your idea is saved on this device and will be sent when it can.");
      });
    }

    it('announces the idea once it was posted, and fires sayso-submit then', async () => {
      const { el, client, line } = await submitWhile('network');
      line.fail = null;
      const fired = oneEvent(el, 'sayso-submit') as Promise<SaysoSubmitEvent>;
      void client.outbox.flush();
      const event = await fired;
      expect(event.detail.post.title).to.equal('Written on a train');
      await el.updateComplete;
      expect(statusText(el)).to.equal('Your idea “Written on a train” was posted.');
      expect(queueTitles(el)).to.deep.equal([]);
      expect(el.matches(':state(waiting)')).to.be.false;
      expect(client.$posts.get()[event.detail.post.id]).to.deep.equal(event.detail.post);
    });

    it('gives the text back with the reason when the server refuses an idea that waited', async () => {
      const { el, client, line } = await submitWhile('network');
      line.fail = 'forbidden';
      await client.outbox.flush();
      await el.updateComplete;
      expect($(el, '[part="error"]').textContent).to.contain('could not be posted');
      expect(titleInput(el).value).to.equal('Written on a train');
      expect(bodyInput(el).value).to.equal('No signal in the tunnel.');
      expect(queueTitles(el)).to.deep.equal([]);
    });

    it('is accessible while an idea waits', async () => {
      const { el } = await submitWhile('network');
      await expect(el).to.be.accessible();
    });
  });

  describe('drafts', () => {
    const formFor = (board: string, client: SaysoClient = memoryClient()) =>
      fixture<SaysoIdeaForm>(html`<sayso-idea-form board=${board} .client=${client}></sayso-idea-form>`);

    it('saves what the visitor types per board, after a pause in typing', async () => {
      const el = await formFor('drafts-a');
      await type(titleInput(el), 'Dark mode');
      await type(bodyInput(el), 'At night.');
      expect(savedDraft('drafts-a'), 'not written on every keystroke').to.equal(null);
      await until(() => savedDraft('drafts-a') !== null);
      expect(savedDraft('drafts-a')).to.deep.equal({ title: 'Dark mode', body: 'At night.' });
    });

    it('restores the draft in a new form for the same board, as after a reload', async () => {
      const first = await formFor('drafts-a');
      await type(titleInput(first), 'Offline mode');
      await type(bodyInput(first), 'On the train.');
      fixtureCleanup(); // Removing the form writes a pending save at once.
      expect(savedDraft('drafts-a')).to.deep.equal({ title: 'Offline mode', body: 'On the train.' });
      const again = await formFor('drafts-a');
      expect(titleInput(again).value).to.equal('Offline mode');
      expect(bodyInput(again).value).to.equal('On the train.');
    });

    it('clears the draft after a successful post', async () => {
      const el = await formFor('demo');
      await type(titleInput(el), 'Keyboard shortcuts');
      await until(() => savedDraft('demo') !== null);
      const fired = oneEvent(el, 'sayso-submit');
      submitButton(el).click();
      await fired;
      expect(savedDraft('demo')).to.equal(null);
      await new Promise((r) => setTimeout(r, 400));
      expect(savedDraft('demo'), 'no late save brings it back').to.equal(null);
      fixtureCleanup();
      const again = await formFor('demo');
      expect(titleInput(again).value).to.equal('');
    });

    it('keeps the draft when posting fails', async () => {
      const el = await formFor('drafts-a', memoryClient({ createPost: rejectWith('forbidden') }));
      await type(titleInput(el), 'Sync across devices');
      submitButton(el).click();
      await until(() => el.shadowRoot!.querySelector('[part="error"]') !== null);
      await until(() => savedDraft('drafts-a') !== null);
      expect(savedDraft('drafts-a')).to.deep.equal({ title: 'Sync across devices', body: '' });
      fixtureCleanup();
      const again = await formFor('drafts-a');
      expect(titleInput(again).value).to.equal('Sync across devices');
    });

    it('keeps separate drafts for two boards on one page', async () => {
      const a = await formFor('drafts-a');
      const b = await formFor('drafts-b');
      await type(titleInput(a), 'Idea for A');
      await type(titleInput(b), 'Idea for B');
      fixtureCleanup();
      expect(savedDraft('drafts-a')).to.deep.equal({ title: 'Idea for A', body: '' });
      expect(savedDraft('drafts-b')).to.deep.equal({ title: 'Idea for B', body: '' });
      const b2 = await formFor('drafts-b');
      const a2 = await formFor('drafts-a');
      expect(titleInput(a2).value).to.equal('Idea for A');
      expect(titleInput(b2).value).to.equal('Idea for B');
    });

    it('takes up the other board\'s draft when its board changes', async () => {
      localStorage.setItem('sayso:draft:drafts-b', JSON.stringify({ title: 'Saved for B', body: '' }));
      const el = await formFor('drafts-a');
      await type(titleInput(el), 'Typed for A');
      el.board = 'drafts-b';
      await el.updateComplete;
      expect(titleInput(el).value).to.equal('Saved for B');
      expect(savedDraft('drafts-a')).to.deep.equal({ title: 'Typed for A', body: '' });
    });

    it('works on when storage throws, only without memory', async () => {
      const proto = Storage.prototype;
      const real = { getItem: proto.getItem, setItem: proto.setItem, removeItem: proto.removeItem };
      const fail = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      Object.assign(proto, { getItem: fail, setItem: fail, removeItem: fail });
      try {
        const el = await formFor('demo');
        await type(titleInput(el), 'Still works');
        await new Promise((r) => setTimeout(r, 400));
        const fired = oneEvent(el, 'sayso-submit');
        submitButton(el).click();
        await fired;
        await el.updateComplete;
        expect(statusText(el)).to.equal('Thanks — your idea was posted.');
        fixtureCleanup();
      } finally {
        Object.assign(proto, real);
      }
    });

    it('ignores garbage in storage', async () => {
      localStorage.setItem('sayso:draft:drafts-a', '{not json');
      const el = await formFor('drafts-a');
      expect(titleInput(el).value).to.equal('');
      await type(titleInput(el), 'Fresh');
      await until(() => localStorage.getItem('sayso:draft:drafts-a') !== '{not json');
      expect(savedDraft('drafts-a')).to.deep.equal({ title: 'Fresh', body: '' });
    });
  });

  describe('similar ideas', () => {
    const darkModes = [
      { board: 'demo', title: 'Dark mode', votes: 7, status: 'planned' },
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ board: 'demo', title: `Dark mode variant ${n}`, votes: n })),
      { board: 'demo', title: 'CSV export', votes: 1 },
    ];
    const region = (el: SaysoIdeaForm) => el.shadowRoot!.querySelector<HTMLElement>('[part="similar"]');
    const items = (el: SaysoIdeaForm) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="similar-idea"]')];
    const announced = (el: SaysoIdeaForm) => $(el, '[part="similar-announcement"]').textContent!.trim();
    const pause = () => new Promise((r) => setTimeout(r, 400));

    /** A client whose similar-ideas lookups are counted (and may be replaced). */
    function countingClient(findSimilarPosts?: SaysoAdapter['findSimilarPosts']) {
      const adapter = createMemoryAdapter({ data: seededData(darkModes) });
      const lookups: string[] = [];
      const find = findSimilarPosts ?? adapter.findSimilarPosts;
      const client = createSaysoClient({
        adapter: { ...adapter, findSimilarPosts: (params) => (lookups.push(params.text), find(params)) },
      });
      return { client, lookups };
    }

    it('lists up to 5 similar ideas under the title, with status, votes and title, once typing pauses', async () => {
      const { client, lookups } = countingClient();
      const el = await form(client);
      await type(titleInput(el), 'dark mode please');
      await until(() => items(el).length > 0);
      expect(lookups).to.deep.equal(['dark mode please']);
      expect(items(el)).to.have.length(5);
      const first = items(el)[0]!;
      expect(first.querySelector('[part="similar-title"]')!.textContent).to.equal('Dark mode');
      expect(first.querySelector('[part="similar-status"]')!.textContent).to.equal('Planned');
      const vote = first.querySelector('sayso-vote-button')!;
      await vote.updateComplete;
      expect(vote.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('7');
      const heading = $(el, '[part="similar-heading"]');
      expect(region(el)!.getAttribute('aria-labelledby')).to.equal(heading.id);
      expect(region(el)!.compareDocumentPosition(bodyInput(el)) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.ok;
    });

    it('asks nothing for a text too short, and looks again as details are typed', async () => {
      const { client, lookups } = countingClient();
      const el = await form(client);
      await type(titleInput(el), 'da');
      await pause();
      expect(lookups).to.deep.equal([]);
      expect(region(el)).to.equal(null);
      await type(bodyInput(el), 'variant 3');
      await until(() => lookups.length === 1);
      expect(lookups[0]).to.equal('da\nvariant 3');
    });

    it('announces how many were found, politely, and not again while the count stays', async () => {
      const { client } = countingClient();
      const el = await form(client);
      const live = $(el, '[part="similar-announcement"]');
      expect(live.getAttribute('role')).to.equal('status');
      expect(live.getAttribute('aria-live')).to.equal('polite');
      await type(titleInput(el), 'csv export');
      await until(() => announced(el) !== '');
      expect(announced(el)).to.equal('1 similar idea');
      await type(titleInput(el), ' file');
      await pause();
      expect(announced(el)).to.equal('1 similar idea');
    });

    it('votes for a similar idea at once, says so, and keeps the visitor\'s text', async () => {
      const { client } = countingClient();
      const el = await form(client);
      await type(titleInput(el), 'csv export');
      await until(() => items(el).length === 1);
      const vote = items(el)[0]!.querySelector('sayso-vote-button')!;
      vote.shadowRoot!.querySelector<HTMLButtonElement>('[part="vote-button"]')!.click();
      await vote.updateComplete;
      expect(vote.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('2');
      await until(() => statusText(el) !== '');
      expect(statusText(el)).to.equal('Your vote for “CSV export” was added. Your text is still here, in case your idea is different.');
      expect(titleInput(el).value).to.equal('csv export');
      const csv = Object.values(client.$posts.get()).find((post) => post.title === 'CSV export')!;
      expect(await client.adapter.getPost({ postId: csv.id })).to.include({ voted: true, voteCount: 2 });
    });

    it('shows nothing and still posts when the lookup fails', async () => {
      const { client, lookups } = countingClient(rejectWith('network'));
      const el = await form(client);
      await type(titleInput(el), 'dark mode');
      await until(() => lookups.length === 1);
      await pause();
      expect(region(el)).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
      const fired = oneEvent(el, 'sayso-submit') as Promise<SaysoSubmitEvent>;
      submitButton(el).click();
      expect((await fired).detail.post.title).to.equal('dark mode');
    });

    it('empties the list once the idea is posted', async () => {
      const { client } = countingClient();
      const el = await form(client);
      await type(titleInput(el), 'dark mode');
      await until(() => items(el).length > 0);
      const fired = oneEvent(el, 'sayso-submit');
      submitButton(el).click();
      await fired;
      await until(() => region(el) === null);
      expect(announced(el)).to.equal('');
    });

    it('is accessible showing similar ideas', async () => {
      const { client } = countingClient();
      const el = await form(client);
      await type(titleInput(el), 'dark mode');
      await until(() => items(el).length > 0);
      await expect(el).to.be.accessible();
    });
  });
});
