import { expect, fixture, html } from '@open-wc/testing';
import type { SaysoAdminApi, SaysoClient } from '@sayso/core';
import type { SaysoAdminCapacity } from './sayso-admin-capacity.component.js';
import './sayso-admin-capacity.js';
import '../sayso-admin-console/sayso-admin-console.js';
import { adminAdapter, adminClient, press, rejectWith, seedPosts, until } from '../../internal/test-fixtures.js';

const shadow = (el: SaysoAdminCapacity) => el.shadowRoot!;
const field = (el: SaysoAdminCapacity, label: string) =>
  [...shadow(el).querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')].find((input) => input.labels?.[0]?.textContent?.trim() === label)!;
const form = (el: SaysoAdminCapacity) => shadow(el).querySelector<HTMLFormElement>('#targets')!;
/** The chart's rows as read: name, target, actual, gap. */
const rows = (el: SaysoAdminCapacity) =>
  [...shadow(el).querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()).filter(Boolean));

/** What the screen says, as read: white space collapsed. */
const text = (el: SaysoAdminCapacity) => shadow(el).textContent!.replace(/\s+/g, ' ');

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();

/**
 * Effort done in the window: 16 days of ideas shipped (one idea of effort 16), and 4 of
 * engineering: 1 day of security work, 3 of performance. Targets: 20 % engineering, security at least 5 %.
 */
async function workDone(client: SaysoClient): Promise<void> {
  const admin = client.adapter.admin!;
  await admin.setCapacitySettings({ board: 'demo', engineeringTarget: 20, categoryMinimums: { security_compliance: 5 } });
  const [shipped] = (await client.adapter.listPosts({ board: 'demo', status: 'shipped' })).items;
  await admin.setPriorityInputs({ postId: shipped!.id, effort: 16 });
  for (const [title, category, estimate] of [['Rotate the signing keys', 'security_compliance', 1], ['Index the votes table', 'performance', 3]] as const) {
    const item = await admin.createBacklogItem({ board: 'demo', title, category, estimate });
    await admin.updateBacklogItem({ itemId: item.id, status: 'done' });
  }
}

async function screen(client: SaysoClient = adminClient({}, { posts: [...seedPosts, { board: 'demo', title: 'Shipped idea', status: 'shipped', shippedAt: yesterday() }] })): Promise<SaysoAdminCapacity> {
  const el = await fixture<SaysoAdminCapacity>(html`<sayso-admin-capacity .client=${client} .params=${{ board: 'demo' }}></sayso-admin-capacity>`);
  await until(() => form(el));
  return el;
}

async function screenWithWork(): Promise<SaysoAdminCapacity> {
  const client = adminClient({}, { posts: [...seedPosts, { board: 'demo', title: 'Shipped idea', status: 'shipped', shippedAt: yesterday() }] });
  await workDone(client);
  return screen(client);
}

describe('sayso-admin-capacity', () => {
  it('charts engineering and every category, target beside actual, with the gap in words', async () => {
    const el = await screenWithWork();
    expect(shadow(el).querySelector('h1')!.textContent).to.equal('Capacity');
    expect(shadow(el).querySelector('[part="summary"]')!.textContent).to.equal('Engineering 20 % of 20 % target: on target');
    expect(shadow(el).querySelector('.below')).to.equal(null);
    const table = shadow(el).querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).to.contain('target and actual');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim())).to.include.members(['Work', 'Target', 'Actual', 'Gap']);
    expect(rows(el)).to.deep.equal([
      ['Engineering', '20 %', '20 %', 'on target'],
      ['Technical debt', 'none', '0 %', 'no target'],
      ['Infrastructure', 'none', '0 %', 'no target'],
      ['Developer experience', 'none', '0 %', 'no target'],
      ['Security and compliance', '5 %', '5 %', 'on target'],
      ['Refactoring and modernization', 'none', '0 %', 'no target'],
      ['Performance', 'none', '15 %', 'no target'],
    ]);
    expect(text(el)).to.contain('4 days of engineering work beside 16 days of ideas shipped');
    // Bars on one scale: the axis ends at 20 %, so a 20 % target fills its row and 5 % a quarter.
    const bar = (key: string, kind: string) => Number(table.querySelector(`tr[data-key="${key}"] rect.${kind}`)?.getAttribute('width'));
    expect(bar('engineering', 'target')).to.equal(100);
    expect(bar('security_compliance', 'actual')).to.equal(25);
    expect(table.querySelector('tr[data-key="performance"] rect.target')).to.equal(null);
    expect(table.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('names the shortfall, with the target raised', async () => {
    const el = await screenWithWork();
    field(el, 'Engineering target (% of all effort)').value = '30';
    field(el, 'Security and compliance').value = '7.5';
    form(el).requestSubmit();
    await until(() => shadow(el).querySelector('[role="status"]')?.textContent?.includes('Saved'));
    expect(shadow(el).querySelector('[part="summary"]')!.textContent).to.equal('Engineering 20 % of 30 % target: 10 percentage points short');
    expect(shadow(el).querySelector('.below')!.textContent).to.equal('Below their minimum: Security and compliance 5 % of 7.5 % target: 2.5 percentage points short.');
    expect(rows(el)[0]).to.deep.equal(['Engineering', '30 %', '20 %', '10 percentage points short']);
    expect(await el.client!.adapter.admin!.getCapacity({ board: 'demo' })).to.deep.include({ engineeringTarget: 30 });
  });

  it('saves every setting, an emptied minimum meaning none', async () => {
    const el = await screenWithWork();
    field(el, 'Security and compliance').value = '';
    field(el, 'Performance').value = '10';
    field(el, 'Actual shares over the last (weeks)').value = '4';
    field(el, 'Items untouched for longer are stale (days)').value = '30';
    field(el, 'Weight of security risk in priority').value = '2.5';
    field(el, 'Estimates are in').value = 'points';
    form(el).requestSubmit();
    await until(() => shadow(el).querySelector('[role="status"]')?.textContent?.includes('Saved'));
    const { settings } = await el.client!.adapter.admin!.getCapacity({ board: 'demo' });
    expect(settings).to.deep.equal({ engineeringTarget: 20, categoryMinimums: { performance: 10 }, windowWeeks: 4, staleDays: 30, riskWeight: 2.5, estimateUnit: 'points' });
    expect(text(el)).to.contain('4 points of engineering work');
    expect(rows(el)[6]).to.deep.equal(['Performance', '10 %', '15 %', '5 percentage points over']);
  });

  it("refuses what core's check refuses, beside each field, keeping what was typed and sending nothing", async () => {
    const sent: unknown[] = [];
    const client = adminClient({ setCapacitySettings: (params) => (sent.push(params), Promise.reject(new Error('must not be sent'))) });
    const el = await screen(client);
    const target = field(el, 'Engineering target (% of all effort)') as HTMLInputElement;
    const weeks = field(el, 'Actual shares over the last (weeks)') as HTMLInputElement;
    target.value = '120';
    weeks.value = '';
    field(el, 'Technical debt').value = '60';
    field(el, 'Performance').value = '50';
    form(el).requestSubmit();
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('Not saved');
    expect(sent).to.deep.equal([]);
    const errorOf = (input: Element) => shadow(el).getElementById(input.getAttribute('aria-describedby')!)?.textContent;
    expect(target.getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(target)).to.equal('The engineering target is a share from 0 to 100 %.');
    expect(errorOf(weeks)).to.equal('The window is 1 to 52 weeks.');
    expect(shadow(el).querySelector('fieldset')!.textContent).to.contain('The category minimums add up to more than 100 %.');
    expect(shadow(el).activeElement).to.equal(target);
    expect([target.value, weeks.value, field(el, 'Technical debt').value, field(el, 'Performance').value]).to.deep.equal(['120', '', '60', '50']);

    // Mended, the marks go.
    target.value = '25';
    weeks.value = '6';
    field(el, 'Performance').value = '';
    form(el).requestSubmit();
    await until(() => sent.length === 1);
    await until(() => !target.hasAttribute('aria-invalid'));
  });

  it('a failed save keeps what was typed, with the reason', async () => {
    const el = await screen(adminClient({ setCapacitySettings: rejectWith('network', 'offline') }));
    const target = field(el, 'Engineering target (% of all effort)') as HTMLInputElement;
    target.value = '35';
    form(el).requestSubmit();
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('The server could not be reached').and.contain('Nothing you typed was lost');
    expect(target.value).to.equal('35');
  });

  it('says when nothing was done yet in the window, showing the targets without a verdict', async () => {
    const el = await screen(adminClient());
    expect(shadow(el).querySelector('[part="summary"]')!.textContent).to.contain('Nothing was done in the last 6 weeks');
    expect(rows(el)[0]).to.deep.equal(['Engineering', '20 %', '0 %', 'nothing done yet']);
    expect(shadow(el).querySelector('.short')).to.equal(null);
    expect((field(el, 'Engineering target (% of all effort)') as HTMLInputElement).value).to.equal('20');
  });

  it('shows the work done since it was last shown', async () => {
    const client = adminClient({}, { posts: [...seedPosts, { board: 'demo', title: 'Shipped idea', status: 'shipped', shippedAt: yesterday() }] });
    const first = await screen(client);
    expect(rows(first)[0]).to.deep.equal(['Engineering', '20 %', '0 %', '20 percentage points short']);
    first.remove();
    await workDone(client);
    const again = await screen(client);
    await until(() => rows(again)[0]![2] === '20 %');
  });

  it('says why the capacity could not be loaded, and loads it on Try again', async () => {
    let fail = true;
    const client = adminClient();
    const getCapacity = client.adapter.admin!.getCapacity;
    (client.adapter.admin as { getCapacity: SaysoAdminApi['getCapacity'] }).getCapacity = (params) => (fail ? rejectWith('server', 'boom')() : getCapacity(params));
    const el = await fixture<SaysoAdminCapacity>(html`<sayso-admin-capacity .client=${client} .params=${{ board: 'demo' }}></sayso-admin-capacity>`);
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('Loading the capacity failed');
    fail = false;
    alert.querySelector('button')!.click();
    await until(() => form(el));
  });

  it('shows another board when one is chosen', async () => {
    const el = await screen();
    const navigations: Array<Record<string, string>> = [];
    el.addEventListener('sayso-admin-navigate', (event) => navigations.push(event.detail.params));
    const select = await until(() => shadow(el).querySelector<HTMLSelectElement>('.toolbar select'));
    select.value = 'quiet';
    select.dispatchEvent(new Event('change'));
    expect(navigations).to.deep.equal([{ board: 'quiet' }]);
  });

  it("opens from the console's navigation with key 7", async () => {
    history.replaceState(null, '', '#/settings');
    try {
      const el = await fixture(html`<sayso-admin-console .adapter=${adminAdapter()}></sayso-admin-console>`);
      await until(() => el.shadowRoot!.querySelector('[part="identity"]'));
      press('7', document.body);
      await until(() => location.hash === '#/capacity');
      const screen = await until(() => el.shadowRoot!.querySelector('sayso-admin-capacity'));
      await until(() => screen.shadowRoot!.querySelector('#targets'));
      expect(screen.shadowRoot!.querySelector('h1')!.textContent).to.equal('Capacity');
      expect(el.shadowRoot!.querySelector('a[aria-current="page"]')!.textContent).to.equal('Capacity');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  describe('accessibility', () => {
    it('is accessible with the chart, and with a refused save', async function () {
      this.timeout(20_000);
      const el = await screenWithWork();
      await expect(el).to.be.accessible();
      field(el, 'Engineering target (% of all effort)').value = '-1';
      form(el).requestSubmit();
      await until(() => shadow(el).querySelector('[role="alert"]'));
      await expect(el).to.be.accessible();
    });

    it('fits a phone-sized column', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
      const el = await screenWithWork();
      wrapper.append(el);
      await until(() => shadow(el).querySelector('table'));
      const table = shadow(el).querySelector('table')!;
      expect(table.getBoundingClientRect().width).to.be.at.most(320);
      await expect(el).to.be.accessible();
    });
  });
});
