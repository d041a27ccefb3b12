import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { VISITOR, deferred, rejectWith, seededData } from '../../internal/test-fixtures.js';
import './sayso-follow.js';
import type { SaysoFollow } from './sayso-follow.component.js';

const part = (el: SaysoFollow, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

/**
 * A follow control of the demo's "Dark mode" (seed-1) over a memory adapter acting for the
 * visitor; `email` is the address Sayso knows for them (signed in), none for an anonymous one;
 * `signedIn` makes them a host's signed-in user.
 */
async function follow(options: { email?: string; signedIn?: boolean; overrides?: Partial<SaysoAdapter> } = {}) {
  const data = seededData();
  if (options.email) data.emailPreferences.set(VISITOR, { email: options.email, confirmed: true, emailOff: false });
  const adapter = createMemoryAdapter({ data, signedIn: options.signedIn });
  const client = createSaysoClient({ adapter: { ...adapter, ...options.overrides } });
  const el = await fixture<SaysoFollow>(html`<sayso-follow post-id="seed-1" .client=${client}></sayso-follow>`);
  await until(() => part(el, 'loading') === null, 'subscription loaded');
  return { el, adapter };
}

const toggle = (el: SaysoFollow) => part(el, 'toggle') as HTMLButtonElement | null;
const input = (el: SaysoFollow) => part(el, 'input') as HTMLInputElement;

/** Types `address` into the email field, as a visitor does, and sends it. */
async function leaveAddress(el: SaysoFollow, address: string) {
  input(el).focus();
  await sendKeys({ type: address });
  (part(el, 'submit') as HTMLButtonElement).click();
}

describe('<sayso-follow>', () => {
  describe('a visitor Sayso can reach', () => {
    it('follows and stops following, as the adapter records', async () => {
      const { el, adapter } = await follow({ email: 'ana@example.com' });
      expect(text(toggle(el))).to.equal('Follow');
      expect(part(el, 'form')).to.be.null;

      toggle(el)!.click();
      await el.updateComplete;
      expect(text(toggle(el))).to.equal("Following — you'll hear when this ships");
      await until(() => text(part(el, 'status')) === 'You follow this idea now.', 'confirmed');
      expect((await adapter.getSubscription({ postId: 'seed-1' })).subscribed).to.be.true;
      expect(el.matches(':state(following)')).to.be.true;

      toggle(el)!.click();
      await until(() => text(part(el, 'status')) === 'You no longer follow this idea.', 'confirmed');
      expect(text(toggle(el))).to.equal('Follow');
      expect((await adapter.getSubscription({ postId: 'seed-1' })).subscribed).to.be.false;
    });

    it('shows the change at once and takes it back when it is refused', async () => {
      const answer = deferred<never>();
      const { el, adapter } = await follow({ email: 'ana@example.com', overrides: { setSubscription: () => answer.promise } });
      toggle(el)!.click();
      await el.updateComplete;
      expect(text(toggle(el))).to.contain('Following');
      expect(toggle(el)!.disabled, 'disabled while saving').to.be.true;

      answer.reject(new SaysoError('network', 'offline'));
      await until(() => part(el, 'error') !== null, 'error shown');
      expect(text(toggle(el))).to.equal('Follow');
      expect(text(part(el, 'error'))).to.contain('offline');
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect((await adapter.getSubscription({ postId: 'seed-1' })).subscribed).to.be.false;
    });

    it('asks again when shown again, as a vote elsewhere makes the visitor follow', async () => {
      const { el, adapter } = await follow({ email: 'ana@example.com' });
      expect(text(toggle(el))).to.equal('Follow');
      const client = el.client!;
      el.remove();
      await adapter.vote({ postId: 'seed-1' });
      const again = await fixture<SaysoFollow>(html`<sayso-follow post-id="seed-1" .client=${client}></sayso-follow>`);
      await until(() => text(toggle(again)).startsWith('Following'), 'following by vote');
    });

    it('is accessible', async () => {
      const { el } = await follow({ email: 'ana@example.com' });
      await expect(el).to.be.accessible();
    });
  });

  describe('a signed-in user without an address from their host', () => {
    it('gets the toggle, never a field for an address the server would refuse', async () => {
      const { el, adapter } = await follow({ signedIn: true });
      expect(part(el, 'input')).to.be.null;
      toggle(el)!.click();
      await until(() => text(toggle(el)).includes('Following'), 'following');
      expect(await adapter.getSubscription({ postId: 'seed-1' })).to.include({ subscribed: true });
    });
  });

  describe('an anonymous visitor', () => {
    it('who follows by a vote may still leave an address beside the toggle', async () => {
      const { el, adapter } = await follow();
      await adapter.vote({ postId: 'seed-1' });
      await el.refresh();
      await until(() => toggle(el) !== null, 'toggle shown');
      expect(text(toggle(el))).to.contain('Following');
      expect(text(part(el, 'label'))).to.equal('Also tell me by email when this ships');

      await leaveAddress(el, 'bo@example.com');
      await until(() => text(part(el, 'status')) === 'Check your inbox to confirm your address.', 'asked to confirm');
      expect((await adapter.getEmailPreferences()).email).to.equal('bo@example.com');
      // An address now: the toggle alone.
      await until(() => part(el, 'input') === null, 'field gone');
    });

    it('is asked for an address, which is confirmed by a link', async () => {
      const { el, adapter } = await follow();
      expect(toggle(el)).to.be.null;
      expect(text(part(el, 'label'))).to.equal('Tell me when this ships');

      await leaveAddress(el, 'ana@example.com');
      await until(() => text(part(el, 'status')) === 'Check your inbox to confirm your address.', 'asked to confirm');
      expect(part(el, 'status')!.getAttribute('aria-live')).to.equal('polite');
      expect(await adapter.getSubscription({ postId: 'seed-1' })).to.include({ subscribed: true, emailPending: true });
      expect((await adapter.getEmailPreferences()).email).to.equal('ana@example.com');
      // Now Sayso can reach them: the toggle, following.
      expect(text(toggle(el))).to.contain('Following');
    });

    it('checks the address before sending it, keeping what was typed', async () => {
      let sent = 0;
      const { el } = await follow({ overrides: { setSubscription: async () => (sent++, Promise.reject(new Error('not expected'))) } });
      await leaveAddress(el, 'ana at example');
      await el.updateComplete;
      expect(text(part(el, 'field-error'))).to.contain('Enter an email address');
      expect(input(el).getAttribute('aria-invalid')).to.equal('true');
      expect(input(el).value).to.equal('ana at example');
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      expect(sent).to.equal(0);
    });

    it('shows the server refusing the address, and loses nothing typed', async () => {
      const refusal = new SaysoError('invalid_input', 'Addresses at example.invalid cannot receive mail.', {
        problems: [{ field: 'email', message: 'Addresses at example.invalid cannot receive mail.' }],
      });
      const { el, adapter } = await follow({ overrides: { setSubscription: () => Promise.reject(refusal) } });
      await leaveAddress(el, 'ana@example.invalid');
      await until(() => part(el, 'field-error') !== null, 'refusal shown');
      expect(text(part(el, 'field-error'))).to.equal('Addresses at example.invalid cannot receive mail.');
      expect(input(el).value).to.equal('ana@example.invalid');
      expect(text(part(el, 'status'))).to.equal('');
      expect((await adapter.getSubscription({ postId: 'seed-1' })).subscribed).to.be.false;
    });

    it('says why when the address could not be sent at all', async () => {
      const { el } = await follow({ overrides: { setSubscription: rejectWith('network') } });
      await leaveAddress(el, 'ana@example.com');
      await until(() => part(el, 'error') !== null, 'error shown');
      expect(text(part(el, 'error'))).to.contain('offline');
      expect(input(el).value).to.equal('ana@example.com');
    });

    it('is accessible', async () => {
      const { el } = await follow();
      await expect(el).to.be.accessible();
    });
  });

  describe('errors', () => {
    it('offers to try loading again', async () => {
      const { el } = await follow({ email: 'ana@example.com', overrides: { getSubscription: rejectWith('network') } });
      expect(part(el, 'retry')).to.not.be.null;
    });
  });
});
