import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { SaysoBoard } from './components/sayso-board/sayso-board.component.js';
import type { SaysoIdeaForm } from './components/sayso-idea-form/sayso-idea-form.component.js';
import type { SaysoProvider } from './components/sayso-provider/sayso-provider.component.js';
import type { SaysoVoteButton } from './components/sayso-vote-button/sayso-vote-button.component.js';
import { loadDemo, memoryClient, rejectWith } from './internal/test-fixtures.js';
import { Sayso } from './init.js';
import { getLocale, resolveLocale, setLocale } from './localization.js';
import './sayso.js';

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

/** Waits until `el` and every Sayso element in its shadow trees have rendered. */
async function settled(el: Element): Promise<void> {
  if ('updateComplete' in el) await (el as LitElement).updateComplete;
  const root = el.shadowRoot ?? el;
  for (const child of root.querySelectorAll('*')) if (child.localName.startsWith('sayso-')) await settled(child);
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
const sortLabels = (board: SaysoBoard) =>
  [...board.shadowRoot!.querySelectorAll('[part="sort-button"]')].map((button) => text(button));

async function loadedBoard(): Promise<SaysoBoard> {
  const el = await fixture<SaysoBoard>(html`<sayso-board board="demo" .client=${memoryClient()}></sayso-board>`);
  await until(() => el.shadowRoot!.querySelectorAll('sayso-post-card').length === 3, 'board loaded');
  await settled(el);
  return el;
}

describe('localization', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  describe('choosing a locale', () => {
    it('maps what a host asks for to a shipped locale, English otherwise', () => {
      expect(resolveLocale('de')).to.equal('de');
      expect(resolveLocale('de-AT')).to.equal('de');
      expect(resolveLocale('DE_ch')).to.equal('de');
      expect(resolveLocale('en-GB')).to.equal('en');
      expect(resolveLocale('fr')).to.equal('en');
      expect(resolveLocale(['fr-FR', 'de-DE', 'en'])).to.equal('de');
      expect(resolveLocale(undefined)).to.equal('en');
      expect(resolveLocale('auto')).to.equal(resolveLocale(navigator.languages));
    });

    it('starts in English and reports the locale it switched to', async () => {
      expect(getLocale()).to.equal('en');
      expect(await setLocale('de-DE')).to.equal('de');
      expect(getLocale()).to.equal('de');
      expect(await setLocale('ja')).to.equal('en');
    });
  });

  describe('switching to German at runtime', () => {
    it('re-renders a board, its cards, vote buttons and idea form in German', async () => {
      const board = await loadedBoard();
      expect(sortLabels(board)).to.deep.equal(['Top', 'New', 'Trending']);

      await setLocale('de');
      await settled(board);
      expect(sortLabels(board)).to.deep.equal(['Beliebt', 'Neu', 'Im Trend']);
      expect(part(board, 'search-input').getAttribute('placeholder')).to.equal('Ideen durchsuchen');
      expect(part(board, 'list').getAttribute('aria-label')).to.equal('Ideen');

      const form = board.shadowRoot!.querySelector<SaysoIdeaForm>('sayso-idea-form')!;
      expect(text(part(form, 'heading'))).to.equal('Idee vorschlagen');
      expect(text(part(form, 'submit'))).to.equal('Idee einreichen');

      const card = board.shadowRoot!.querySelector('sayso-post-card')!;
      expect(text(part(card, 'comments'))).to.equal('0 Kommentare');
      const vote = card.shadowRoot!.querySelector<SaysoVoteButton>('sayso-vote-button')!;
      expect(text(part(vote, 'vote-button'))).to.equal('Für „Dark mode“ stimmen, 5 Personen möchten das');

      await setLocale('en');
      await settled(board);
      expect(sortLabels(board)).to.deep.equal(['Top', 'New', 'Trending']);
      expect(text(part(vote, 'vote-button'))).to.equal('Vote for “Dark mode”, 5 people want this');
    });

    it('says counts with German plurals and digit grouping', async () => {
      const client = memoryClient();
      const [post] = await loadDemo(client);
      const el = await fixture<SaysoVoteButton>(html`<sayso-vote-button post-id=${post!.id} .client=${client}></sayso-vote-button>`);
      await setLocale('de');
      client.$posts.setKey(post!.id, { ...post!, peopleCount: 1 });
      await el.updateComplete;
      expect(text(part(el, 'vote-button'))).to.match(/, 1 Person möchte das$/);
      client.$posts.setKey(post!.id, { ...post!, peopleCount: 12345 });
      await el.updateComplete;
      expect(text(part(el, 'count'))).to.equal('12.345');
      expect(text(part(el, 'vote-button'))).to.match(/, 12\.345 Personen möchten das$/);
    });

    it('tells what is wrong with an idea in German, with the limit in German digits', async () => {
      await setLocale('de');
      // A board of its own: the draft this test leaves must never reach another file's form,
      // and test files run side by side on one origin.
      const form = await fixture<SaysoIdeaForm>(html`<sayso-idea-form board="german-limits" .client=${memoryClient()}></sayso-idea-form>`);
      const title = part(form, 'input') as HTMLInputElement;
      title.value = 'ab';
      title.dispatchEvent(new Event('input'));
      const body = part(form, 'textarea') as HTMLTextAreaElement;
      body.value = 'x'.repeat(10_001);
      body.dispatchEvent(new Event('input'));
      part(form, 'submit').click();
      await until(() => form.matches(':state(invalid)'), 'form refused');
      await form.updateComplete;
      const problems = [...form.shadowRoot!.querySelectorAll('[part="field-error"]')].map(text);
      expect(problems).to.deep.equal(['Der Titel braucht mindestens 3 Zeichen.', 'Die Details dürfen höchstens 10.000 Zeichen lang sein.']);
    });

    it('switches a message already on screen too: a failed post and a refused vote', async () => {
      const client = memoryClient({ createPost: rejectWith('not_found'), vote: rejectWith('forbidden') });
      const [post] = await loadDemo(client);
      const page = await fixture<HTMLDivElement>(html`<div>
        <sayso-idea-form board="german-on-screen" .client=${client}></sayso-idea-form>
        <sayso-vote-button post-id=${post!.id} .client=${client}></sayso-vote-button>
      </div>`);
      const form = page.querySelector<SaysoIdeaForm>('sayso-idea-form')!;
      const vote = page.querySelector<SaysoVoteButton>('sayso-vote-button')!;
      const title = part(form, 'input') as HTMLInputElement;
      title.value = 'Export to PDF';
      title.dispatchEvent(new Event('input'));
      part(form, 'submit').click();
      part(vote, 'vote-button').click();
      await until(() => form.shadowRoot!.querySelector('[part="error"]') !== null && vote.matches(':state(error)'), 'both failed');
      await vote.updateComplete;
      expect(text(part(form, 'error'))).to.equal('This board could not be found, so your idea was not posted.');
      expect(text(part(vote, 'message'))).to.equal('Your vote could not be saved. Try again.');

      await setLocale('de');
      await settled(page.querySelector('sayso-idea-form')!);
      await vote.updateComplete;
      expect(text(part(form, 'error'))).to.equal('Dieses Board wurde nicht gefunden, daher wurde Ihre Idee nicht eingereicht.');
      expect(text(part(vote, 'message'))).to.equal('Ihre Stimme konnte nicht gespeichert werden. Versuchen Sie es erneut.');
    });

    it('takes the locale from <sayso-provider locale>', async () => {
      const provider = await fixture<SaysoProvider>(html`
        <sayso-provider locale="de" .client=${memoryClient()}>
          <sayso-idea-form board="demo"></sayso-idea-form>
        </sayso-provider>
      `);
      const form = provider.querySelector<SaysoIdeaForm>('sayso-idea-form')!;
      await until(() => getLocale() === 'de', 'German loaded');
      await settled(form);
      expect(text(part(form, 'heading'))).to.equal('Idee vorschlagen');
      await expect(provider).to.be.accessible();
    });

    it('takes the locale from Sayso.init', async () => {
      const target = await fixture<HTMLDivElement>(html`<div></div>`);
      const instance = Sayso.init({ apiUrl: '/nowhere', board: 'demo', target, locale: 'de-AT' });
      try {
        await until(() => getLocale() === 'de', 'German loaded');
        await settled(instance.element);
        expect(text(part(instance.element, 'trigger'))).to.equal('Feedback');
        instance.open();
        await settled(instance.element);
        expect(part(instance.element, 'close-button').getAttribute('aria-label')).to.equal('Schließen');
      } finally {
        instance.destroy();
      }
    });

    it('refuses a locale that is not a string', () => {
      expect(() => Sayso.init({ apiUrl: '/api', board: 'demo', locale: 42 as unknown as string })).to.throw(TypeError, /locale/);
    });
  });

  describe('right to left', () => {
    it('lays out a German board right to left under dir="rtl"', async () => {
      await setLocale('de');
      const wrapper = await fixture<HTMLDivElement>(html`
        <div dir="rtl"><sayso-board board="demo" .client=${memoryClient()}></sayso-board></div>
      `);
      const board = wrapper.querySelector<SaysoBoard>('sayso-board')!;
      await until(() => board.shadowRoot!.querySelectorAll('sayso-post-card').length === 3, 'board loaded');
      await settled(board);
      const [first, second] = [...board.shadowRoot!.querySelectorAll('[part="sort-button"]')].map((b) => b.getBoundingClientRect());
      expect(first!.left, 'the first sort option sits at the right').to.be.greaterThan(second!.left);
      const card = board.shadowRoot!.querySelector('sayso-post-card')!;
      const vote = part(card, 'vote').getBoundingClientRect();
      const content = part(card, 'content').getBoundingClientRect();
      expect(vote.left, 'the vote button sits at the inline start (right in RTL)').to.be.greaterThan(content.left);
      expect(sortLabels(board)).to.deep.equal(['Beliebt', 'Neu', 'Im Trend']);
      await expect(wrapper).to.be.accessible();
    });
  });
});
