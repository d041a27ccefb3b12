import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { SaysoClient } from '@sayso/core';
import { deepActiveElement } from '../../controllers/focus-trap.js';
import type { SaysoCloseEvent } from '../../events/sayso-close.js';
import type { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import { memoryClient } from '../../internal/test-fixtures.js';
import type { SaysoIdeaForm } from '../sayso-idea-form/sayso-idea-form.component.js';
import './sayso-feedback-button.js';
import type { SaysoFeedbackButton } from './sayso-feedback-button.component.js';

const root = (el: SaysoFeedbackButton) => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLElement>(el: SaysoFeedbackButton, selector: string) =>
  root(el).querySelector<T>(selector);
const trigger = (el: SaysoFeedbackButton) => $<HTMLButtonElement>(el, '[part~="trigger"]')!;
const panel = (el: SaysoFeedbackButton) => $(el, '[part~="panel"]');
const tab = (el: SaysoFeedbackButton, id: 'suggest' | 'browse') => $<HTMLButtonElement>(el, `#tab-${id}`)!;
const tabpanel = (el: SaysoFeedbackButton, id: 'suggest' | 'browse') => $(el, `#tabpanel-${id}`)!;
const active = () => deepActiveElement();
/** Whether focus is inside the panel, also inside the shadow roots of the elements it holds. */
function focusInside(el: SaysoFeedbackButton) {
  let node: Node | null = active();
  while (node) {
    if (node === panel(el)) return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

async function launcher(client: SaysoClient = memoryClient(), placement = 'top-end') {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div style="position: fixed; top: 260px; left: 120px">
      <sayso-feedback-button board="demo" placement=${placement} .client=${client}></sayso-feedback-button>
    </div>
  `);
  const el = wrapper.querySelector('sayso-feedback-button')!;
  await el.updateComplete;
  return el;
}

async function openByClick(el: SaysoFeedbackButton) {
  trigger(el).click();
  await el.updateComplete;
  await until(() => !!panel(el) && !panel(el)!.hidden, 'panel shown');
  // Let floating-ui place the panel.
  await aTimeout(30);
}

async function formLoaded(el: SaysoFeedbackButton) {
  await customElements.whenDefined('sayso-idea-form');
  const form = $<SaysoIdeaForm>(el, 'sayso-idea-form')!;
  await form.updateComplete;
  return form;
}

/** Counts the scroll and resize listeners put on `window` (floating-ui's autoUpdate adds some). */
function watchWindowListeners() {
  const live = new Set<unknown>();
  const add = window.addEventListener;
  const remove = window.removeEventListener;
  window.addEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    if (type === 'scroll' || type === 'resize') live.add(listener);
    return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  } as typeof window.addEventListener;
  window.removeEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    if (type === 'scroll' || type === 'resize') live.delete(listener);
    return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
  } as typeof window.removeEventListener;
  return {
    get count() {
      return live.size;
    },
    restore() {
      window.addEventListener = add;
      window.removeEventListener = remove;
    },
  };
}

describe('<sayso-feedback-button>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    // The idea form keeps unposted text per board in localStorage: no test inherits another's draft.
    localStorage.clear();
  });

  describe('defaults', () => {
    it('shows a labelled launcher and renders no panel until opened', async () => {
      const el = await launcher();
      expect(trigger(el).textContent!.trim()).to.equal('Feedback');
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
      expect(trigger(el).getAttribute('aria-haspopup')).to.equal('dialog');
      expect(panel(el)).to.be.null;
      expect(el.open).to.be.false;
      expect(el.placement).to.equal('top-end');
      expect(el.matches(':state(open)')).to.be.false;
    });

    it('uses the label for the launcher and the panel title', async () => {
      const el = await launcher();
      el.label = 'Ideas?';
      await el.updateComplete;
      expect(trigger(el).textContent!.trim()).to.equal('Ideas?');
      await openByClick(el);
      expect(panel(el)!.getAttribute('role')).to.equal('dialog');
      expect(root(el).getElementById(panel(el)!.getAttribute('aria-labelledby')!)!.textContent).to.equal('Ideas?');
    });

    it('opens on click with the idea form in the first tab, loaded on demand', async () => {
      const el = await launcher();
      await openByClick(el);
      expect(el.open).to.be.true;
      expect(el.matches(':state(open)')).to.be.true;
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
      expect(trigger(el).getAttribute('aria-controls')).to.equal(panel(el)!.id);
      const form = await formLoaded(el);
      expect(form.board).to.equal('demo');
      expect(tab(el, 'suggest').getAttribute('aria-selected')).to.equal('true');
      expect(tabpanel(el, 'browse').hidden).to.be.true;
      expect($(el, 'sayso-board')).to.be.null;
    });
  });

  describe('keyboard', () => {
    for (const key of ['Enter', 'Space']) {
      it(`opens with ${key} and moves focus into the panel`, async () => {
        const el = await launcher();
        trigger(el).focus();
        await sendKeys({ press: key });
        await until(() => el.open, 'opened');
        await el.updateComplete;
        expect(active()).to.equal(tab(el, 'suggest'));
        expect(focusInside(el)).to.be.true;
      });
    }

    it('keeps Tab and Shift+Tab inside the panel', async () => {
      const el = await launcher();
      await openByClick(el);
      await formLoaded(el);
      for (let i = 0; i < 8; i++) {
        await sendKeys({ press: 'Tab' });
        expect(focusInside(el), `focus inside after Tab ${i + 1}`).to.be.true;
      }
      const close = $(el, '[part="close-button"]')!;
      close.focus();
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focusInside(el)).to.be.true;
      expect((active() as HTMLElement).getAttribute('part')).to.equal('submit');
      await sendKeys({ press: 'Tab' });
      expect(active()).to.equal(close);
    });

    it('closes on Escape and gives focus back to the launcher', async () => {
      const el = await launcher();
      await openByClick(el);
      const closed = oneEvent(el, 'sayso-close') as Promise<SaysoCloseEvent>;
      await sendKeys({ press: 'Escape' });
      expect((await closed).detail).to.deep.equal({ reason: 'escape' });
      await el.updateComplete;
      expect(el.open).to.be.false;
      expect(panel(el)!.hidden).to.be.true;
      expect(active()).to.equal(trigger(el));
    });

    it('switches tabs with the arrow keys, Home and End', async () => {
      const el = await launcher();
      await openByClick(el);
      tab(el, 'suggest').focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(tab(el, 'browse').getAttribute('aria-selected')).to.equal('true');
      expect(tab(el, 'browse').tabIndex).to.equal(0);
      expect(tab(el, 'suggest').tabIndex).to.equal(-1);
      expect(active()).to.equal(tab(el, 'browse'));
      expect(tabpanel(el, 'browse').hidden).to.be.false;
      expect(tabpanel(el, 'suggest').hidden).to.be.true;
      await until(() => !!$(el, 'sayso-board'), 'board rendered');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(active()).to.equal(tab(el, 'suggest'));
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(active()).to.equal(tab(el, 'browse'));
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(active()).to.equal(tab(el, 'suggest'));
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(active()).to.equal(tab(el, 'browse'));
    });

    it('switches tabs on click and keeps the form draft', async () => {
      const el = await launcher();
      await openByClick(el);
      const form = await formLoaded(el);
      form.shadowRoot!.querySelector<HTMLInputElement>('#title')!.focus();
      await sendKeys({ type: 'Draft' });
      tab(el, 'browse').click();
      await el.updateComplete;
      tab(el, 'suggest').click();
      await el.updateComplete;
      expect($<SaysoIdeaForm>(el, 'sayso-idea-form')).to.equal(form);
      expect(form.shadowRoot!.querySelector<HTMLInputElement>('#title')!.value).to.equal('Draft');
    });
  });

  describe('events', () => {
    it('fires sayso-open and sayso-close for the launcher and the close button', async () => {
      const el = await launcher();
      const log: string[] = [];
      el.addEventListener('sayso-open', (e) => log.push(`${e.type} ${e.bubbles} ${e.composed}`));
      el.addEventListener('sayso-close', (e) => log.push(`${e.type} ${e.detail.reason}`));
      await openByClick(el);
      $(el, '[part="close-button"]')!.click();
      await el.updateComplete;
      expect(active()).to.equal(trigger(el));
      await openByClick(el);
      trigger(el).click();
      await el.updateComplete;
      expect(log).to.deep.equal(['sayso-open true true', 'sayso-close close-button', 'sayso-open true true', 'sayso-close trigger']);
    });

    it('closes on a click outside, firing reason "outside"', async () => {
      const el = await launcher();
      await openByClick(el);
      const closed = oneEvent(el, 'sayso-close') as Promise<SaysoCloseEvent>;
      await sendMouse({ type: 'click', position: [780, 580] });
      expect((await closed).detail.reason).to.equal('outside');
      await el.updateComplete;
      expect(el.open).to.be.false;
    });

    it('does not close on a click inside the panel', async () => {
      const el = await launcher();
      await openByClick(el);
      const rect = $(el, '[part="title"]')!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(rect.left + 5), Math.round(rect.top + 5)] });
      await el.updateComplete;
      expect(el.open).to.be.true;
    });

    it('fires no events when open is set by code', async () => {
      const el = await launcher();
      const log: string[] = [];
      el.addEventListener('sayso-open', (e) => log.push(e.type));
      el.addEventListener('sayso-close', (e) => log.push(e.type));
      el.open = true;
      await el.updateComplete;
      expect(panel(el)!.hidden).to.be.false;
      expect(el.matches(':state(open)')).to.be.true;
      el.open = false;
      await el.updateComplete;
      expect(panel(el)!.hidden).to.be.true;
      expect(log).to.deep.equal([]);
    });

    it('lets sayso-submit from the form inside reach the host page', async () => {
      const el = await launcher();
      await openByClick(el);
      const form = await formLoaded(el);
      form.shadowRoot!.querySelector<HTMLInputElement>('#title')!.focus();
      await sendKeys({ type: 'Feedback from the launcher' });
      const submitted = oneEvent(el, 'sayso-submit') as Promise<SaysoSubmitEvent>;
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
      expect((await submitted).detail.post.title).to.equal('Feedback from the launcher');
    });
  });

  describe('host button (for=)', () => {
    async function attached() {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div>
          <button id="host-feedback" type="button">Send us feedback</button>
          <sayso-feedback-button for="host-feedback" board="demo" .client=${memoryClient()}></sayso-feedback-button>
        </div>
      `);
      const el = wrapper.querySelector('sayso-feedback-button')!;
      await el.updateComplete;
      return { el, button: wrapper.querySelector<HTMLButtonElement>('#host-feedback')! };
    }

    it('uses the host button instead of its own and keeps its ARIA in step', async () => {
      const { el, button } = await attached();
      expect(trigger(el)).to.be.null;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
      expect(button.getAttribute('aria-controls')).to.equal(el.id);
      const opened = oneEvent(el, 'sayso-open');
      button.click();
      await opened;
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(focusInside(el)).to.be.true;
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(document.activeElement).to.equal(button);
      button.click();
      await el.updateComplete;
      const closed = oneEvent(el, 'sayso-close') as Promise<SaysoCloseEvent>;
      button.click();
      expect((await closed).detail.reason).to.equal('trigger');
    });

    it('restores the host button when removed', async () => {
      const { el, button } = await attached();
      el.for = '';
      await el.updateComplete;
      expect(button.hasAttribute('aria-haspopup')).to.be.false;
      button.setAttribute('aria-haspopup', 'menu');
      el.for = 'host-feedback';
      await el.updateComplete;
      expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
      el.remove();
      expect(button.hasAttribute('aria-expanded')).to.be.false;
      expect(button.hasAttribute('aria-controls')).to.be.false;
      expect(button.getAttribute('aria-haspopup')).to.equal('menu');
      expect(el.hasAttribute('id')).to.be.false;
      button.click();
      expect(el.open).to.be.false;
    });
  });

  describe('position', () => {
    it('places the panel on the right of the launcher with placement="right"', async () => {
      const el = await launcher(memoryClient(), 'right');
      await openByClick(el);
      const t = trigger(el).getBoundingClientRect();
      const p = panel(el)!.getBoundingClientRect();
      expect(p.left).to.be.closeTo(t.right + 8, 1);
      expect(p.top).to.be.below(t.bottom);
      expect(p.bottom).to.be.above(t.top);
    });

    it('places the panel below, aligned at the start, with placement="bottom-start"', async () => {
      const el = await launcher(memoryClient(), 'bottom-start');
      await openByClick(el);
      const t = trigger(el).getBoundingClientRect();
      const p = panel(el)!.getBoundingClientRect();
      expect(p.top).to.be.closeTo(t.bottom + 8, 1);
      expect(p.left).to.be.closeTo(t.left, 1);
    });

    it('flips when there is no room on the asked side', async () => {
      // The launcher sits 260px from the top: a 36rem panel does not fit above it.
      const el = await launcher(memoryClient(), 'top-start');
      await openByClick(el);
      const t = trigger(el).getBoundingClientRect();
      const p = panel(el)!.getBoundingClientRect();
      expect(p.top).to.be.at.least(t.bottom);
      expect(p.bottom).to.be.at.most(window.innerHeight);
    });

    it('follows scroll and resize only while open, and stops on close and on removal', async () => {
      const listeners = watchWindowListeners();
      try {
        const el = await launcher();
        expect(listeners.count).to.equal(0);
        await openByClick(el);
        expect(listeners.count).to.be.above(0);
        await sendKeys({ press: 'Escape' });
        await el.updateComplete;
        expect(listeners.count).to.equal(0);
        await openByClick(el);
        expect(listeners.count).to.be.above(0);
        el.remove();
        expect(listeners.count).to.equal(0);
      } finally {
        listeners.restore();
      }
    });

    it('is a full-screen modal sheet under 480px', async () => {
      await setViewport({ width: 400, height: 700 });
      const el = await launcher();
      await openByClick(el);
      const p = panel(el)!;
      expect(el.matches(':state(sheet)')).to.be.true;
      expect(p.getAttribute('aria-modal')).to.equal('true');
      expect(p.getAttribute('part')).to.equal('panel sheet');
      const rect = p.getBoundingClientRect();
      expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 400, 700]);
      await setViewport({ width: 800, height: 600 });
      await until(() => !el.matches(':state(sheet)'), 'back to a popover');
      await el.updateComplete;
      await aTimeout(30);
      expect(p.hasAttribute('aria-modal')).to.be.false;
      expect(p.getBoundingClientRect().width).to.be.below(800);
    });
  });

  describe('accessibility', () => {
    it('is accessible closed', async () => {
      const el = await launcher();
      await expect(el).to.be.accessible();
    });

    it('is accessible open, on both tabs', async () => {
      const el = await launcher();
      await openByClick(el);
      await formLoaded(el);
      await expect(el).to.be.accessible();
      tab(el, 'browse').click();
      await until(() => !!$(el, 'sayso-board')?.shadowRoot?.querySelector('sayso-post-card'), 'board loaded');
      await expect(el).to.be.accessible();
    });

    it('is accessible as a sheet', async () => {
      await setViewport({ width: 400, height: 700 });
      const el = await launcher();
      await openByClick(el);
      await formLoaded(el);
      await expect(el).to.be.accessible();
    });
  });
});
