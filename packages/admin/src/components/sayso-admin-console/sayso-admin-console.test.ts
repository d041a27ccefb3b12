import { expect, fixture, html } from '@open-wc/testing';
import type { SaysoAdminConsole } from './sayso-admin-console.component.js';
import './sayso-admin-console.js';
import { adminAdapter, press, rejectWith, until } from '../../internal/test-fixtures.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';

const shadow = (el: SaysoAdminConsole) => el.shadowRoot!;

/** A stand-in screen, as the real ones are registered: it records what the console gives it. */
class FakeIdeasScreen extends HTMLElement {
  client: unknown;
  params: Record<string, string> = {};
  readonly shortcuts = [{ key: 'x', label: 'Do the fake thing', run: () => undefined }];
}
if (!customElements.get('sayso-admin-ideas')) customElements.define('sayso-admin-ideas', FakeIdeasScreen);

describe('sayso-admin-console', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('with a ready adapter: says who is signed in, shows the screen of the address with its parameters', async () => {
    history.replaceState(null, '', '#/ideas?status=planned');
    const el = await fixture<SaysoAdminConsole>(html`<sayso-admin-console .adapter=${adminAdapter()}></sayso-admin-console>`);
    const identity = await until(() => shadow(el).querySelector('[part="identity"]'));
    expect(identity.textContent).to.contain('Grace (support)');
    const screen = shadow(el).querySelector<FakeIdeasScreen>('sayso-admin-ideas')!;
    expect(screen.params).to.deep.equal({ status: 'planned' });
    expect(screen.client).to.have.property('adapter');
    expect(shadow(el).querySelector('a[aria-current="page"]')!.textContent).to.equal('Ideas');
    // No key was typed, so there is none to forget.
    expect(shadow(el).querySelector('[part="sign-out"]')).to.equal(null);
  });

  it('follows a screen\'s navigate event into the address, and the address back', async () => {
    const el = await fixture<SaysoAdminConsole>(html`<sayso-admin-console .adapter=${adminAdapter()}></sayso-admin-console>`);
    const screen = await until(() => shadow(el).querySelector('sayso-admin-ideas'));
    screen.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'ideas', params: { sort: 'people', board: 'demo' } }));
    await until(() => location.hash === '#/ideas?board=demo&sort=people');
    await until(() => (shadow(el).querySelector<FakeIdeasScreen>('sayso-admin-ideas')?.params.sort === 'people'));
    press('3', document.body);
    await until(() => location.hash === '#/inbox');
    // The inbox's element is not registered in this test: the console says so rather than showing nothing.
    await until(() => shadow(el).querySelector('main')!.textContent!.includes('not part of this build'));
    expect(shadow(el).querySelector('a[aria-current="page"]')!.textContent).to.equal('Inbox');
  });

  it('lists the screen\'s and the console\'s keys on ?, and Esc closes the overview', async () => {
    const el = await fixture<SaysoAdminConsole>(html`<sayso-admin-console .adapter=${adminAdapter()}></sayso-admin-console>`);
    await until(() => shadow(el).querySelector('sayso-admin-ideas'));
    press('?', document.body);
    const overview = shadow(el).querySelector('sayso-admin-shortcuts')!;
    const dialog = await until(() => overview.shadowRoot!.querySelector('dialog[open]'));
    expect(dialog.textContent).to.contain('Do the fake thing');
    expect(dialog.textContent).to.contain('Go to Duplicates');
    dialog.dispatchEvent(new Event('cancel'));
    overview.close();
    expect(overview.open).to.equal(false);
  });

  it('checks a typed key before keeping it: a wrong one stays in its field with the reason; a good one lives in the tab only until sign-out', async () => {
    sessionStorage.clear();
    localStorage.clear();
    const adapter = adminAdapter();
    // The memory adapter stands in for the server: "good-key" is an admin key, anything else is refused.
    const connect = (key: string) =>
      key === 'good-key' ? adapter : { ...adapter, admin: { ...adapter.admin!, whoAmI: rejectWith('unauthorized') } };
    const el = await fixture<SaysoAdminConsole>(html`<sayso-admin-console .connect=${connect}></sayso-admin-console>`);
    const form = await until(() => shadow(el).querySelector('sayso-admin-sign-in'));
    const input = await until(() => form.shadowRoot!.querySelector('input'));
    input.value = 'wrong-key';
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    const error = await until(() => shadow(el).querySelector('sayso-admin-sign-in')?.shadowRoot!.querySelector('[part="error"]'));
    expect(error.textContent).to.contain('not valid, or it was revoked');
    const again = shadow(el).querySelector('sayso-admin-sign-in')!.shadowRoot!.querySelector('input')!;
    expect(again.value).to.equal('wrong-key');
    expect(sessionStorage.length).to.equal(0);

    again.value = 'good-key';
    shadow(el).querySelector('sayso-admin-sign-in')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await until(() => shadow(el).querySelector('[part="identity"]'));
    expect(Object.values({ ...sessionStorage })).to.deep.equal(['good-key']);
    expect(localStorage.length).to.equal(0);
    expect(location.href).not.to.contain('good-key');

    // A reload in the same tab signs in again with the kept key.
    const reloaded = await fixture<SaysoAdminConsole>(html`<sayso-admin-console .connect=${connect}></sayso-admin-console>`);
    await until(() => shadow(reloaded).querySelector('[part="identity"]'));
    shadow(reloaded).querySelector<HTMLButtonElement>('[part="sign-out"]')!.click();
    await until(() => shadow(reloaded).querySelector('sayso-admin-sign-in'));
    expect(sessionStorage.length).to.equal(0);
  });
});
