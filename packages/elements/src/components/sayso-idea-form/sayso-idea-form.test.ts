import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SaysoError, type Post, type SaysoClient } from '@sayso/core';
import type { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import { deferred, memoryClient, rejectWith } from '../../internal/test-fixtures.js';
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
      const failing = await form(memoryClient({ createPost: rejectWith('server') }));
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
      ['network', 'offline'],
      ['rate_limited', 'very quickly'],
      ['server', 'could not be posted'],
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
      const el = await formFor('drafts-a', memoryClient({ createPost: rejectWith('network') }));
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
});
