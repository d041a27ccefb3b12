import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { SaysoCloseReason } from '../events/sayso-close.js';
import { deepActiveElement } from './focus-trap.js';
import { PopoverController, returnsFocus } from './popover.js';
import { PopoverPanelController } from './popover-panel.js';

/** The smallest popover: a trigger, and a dialog with one choice. */
class TestPopover extends LitElement {
  @property({ type: Boolean }) open = false;
  @query('#trigger') trigger!: HTMLButtonElement | null;
  @query('#panel') panel!: HTMLElement | null;

  readonly popoverPanel = new PopoverPanelController(this, {
    trigger: () => this.trigger,
    panel: () => this.panel,
    placement: () => 'bottom-start',
    onDismiss: (reason) => this.lifecycle.close(reason),
  });
  // Not `popover`: that is the HTML attribute of the Popover API.
  readonly lifecycle = new PopoverController(this, () => this.popoverPanel);

  protected override render() {
    return litHtml`
      <button id="trigger" type="button" @click=${() => this.lifecycle.toggle()}>Open</button>
      <div id="panel" role="dialog" aria-label="Choices" ?hidden=${!this.open}>
        <button id="choice" type="button" @click=${() => this.lifecycle.close('choice')}>Choose</button>
      </div>
    `;
  }
}
customElements.define('test-popover', TestPopover);

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

async function page() {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div>
      <button id="elsewhere" type="button" style="position: fixed; top: 400px; left: 400px">Elsewhere</button>
      <test-popover style="position: fixed; top: 10px; left: 10px"></test-popover>
    </div>
  `);
  const el = wrapper.querySelector<TestPopover>('test-popover')!;
  const heard: string[] = [];
  el.addEventListener('sayso-open', (event) => heard.push(event.type));
  el.addEventListener('sayso-close', (event) => heard.push(`${event.type} ${event.detail.reason}`));
  return { el, heard, elsewhere: wrapper.querySelector<HTMLButtonElement>('#elsewhere')! };
}

const choice = (el: TestPopover) => el.shadowRoot!.querySelector<HTMLButtonElement>('#choice')!;

async function openWithKeyboard(el: TestPopover) {
  el.trigger!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => el.popoverPanel.shown, 'panel shown');
  expect(deepActiveElement(), 'focus moves into the dialog').to.equal(choice(el));
}

describe('PopoverController', () => {
  it('gives focus back to the trigger on every close but a press outside', () => {
    const reasons: SaysoCloseReason[] = ['trigger', 'escape', 'close-button', 'choice'];
    expect(reasons.map(returnsFocus)).to.deep.equal([true, true, true, true]);
    expect(returnsFocus('outside')).to.be.false;
    expect(returnsFocus(undefined), 'a close by code').to.be.true;
  });

  const closes: Array<[SaysoCloseReason, (el: TestPopover) => Promise<unknown>]> = [
    ['escape', () => sendKeys({ press: 'Escape' })],
    ['choice', () => sendKeys({ press: 'Enter' })],
    ['trigger', (el) => Promise.resolve(el.trigger!.click())],
  ];
  for (const [reason, close] of closes) {
    it(`closes for "${reason}", tells the page why and puts focus back on the trigger`, async () => {
      const { el, heard } = await page();
      await openWithKeyboard(el);
      await close(el);
      await until(() => !el.popoverPanel.shown, 'panel hidden');
      expect(el.open).to.be.false;
      expect(heard).to.deep.equal(['sayso-open', `sayso-close ${reason}`]);
      expect(deepActiveElement()).to.equal(el.trigger);
    });
  }

  it('leaves focus where the visitor pressed outside', async () => {
    const { el, heard, elsewhere } = await page();
    await openWithKeyboard(el);
    await sendMouse({ type: 'click', position: [410, 410] });
    await until(() => !el.popoverPanel.shown, 'panel hidden');
    expect(heard).to.deep.equal(['sayso-open', 'sayso-close outside']);
    expect(deepActiveElement()).to.equal(elsewhere);
  });

  it('shows and hides the panel when code sets open, firing nothing', async () => {
    const { el, heard } = await page();
    el.open = true;
    await el.updateComplete;
    expect(el.popoverPanel.shown).to.be.true;
    el.open = false;
    await el.updateComplete;
    expect(el.popoverPanel.shown).to.be.false;
    expect(heard).to.deep.equal([]);
  });

  it('hides the panel of a removed element and shows it again when it comes back', async () => {
    const { el } = await page();
    el.open = true;
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    expect(el.popoverPanel.shown).to.be.false;
    parent.append(el);
    await el.updateComplete;
    expect(el.popoverPanel.shown).to.be.true;
    await until(() => el.panel!.style.position === 'fixed', 'placed again');
  });
});
