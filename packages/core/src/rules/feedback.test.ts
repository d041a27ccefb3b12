import { describe, expect, it } from 'vitest';
import { checkFeedbackIds, checkInboxFilters, evidenceCounts, feedbackContent, feedbackIdeaDraft, feedbackPersonKey, feedbackRequest, normalizedFeedback } from './feedback.js';

const author = (name: string | null, email: string | null = null) => ({ name, email, company: null });

describe('feedback rules', () => {
  it('keeps an item trimmed, its author\'s email lower-cased, received now unless given', () => {
    expect(normalizedFeedback({ text: '  Okta ', title: ' ', author: { email: ' Dana@Acme.TEST ' } }, '2026-01-01T00:00:00.000Z')).toEqual({
      sourceId: null,
      title: null,
      text: 'Okta',
      author: { name: null, email: 'dana@acme.test', company: null },
      link: null,
      attachments: [],
      filtered: null,
      receivedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(normalizedFeedback({ text: 'x', receivedAt: '2026-01-02T10:00:00+02:00' }).receivedAt).toBe('2026-01-02T08:00:00.000Z');
  });

  it('tells the same content by author (email, else name), title and words', () => {
    const same = feedbackContent({ title: 'SSO', text: ' Okta ', author: author('Dana', 'DANA@acme.test') });
    expect(feedbackContent({ title: ' SSO ', text: 'Okta', author: author('Someone else', 'dana@acme.test') })).toBe(same);
    expect(feedbackContent({ title: 'SSO', text: 'Okta', author: author('Erin', 'erin@acme.test') })).not.toBe(same);
    expect(feedbackContent({ title: null, text: 'Okta', author: author('Dana') })).toBe(feedbackContent({ title: null, text: 'Okta', author: author('Dana') }));
  });

  it('counts a person by email, else name, else the item alone; per source, most people first', () => {
    expect(feedbackPersonKey({ id: 'i1', author: author('Dana', 'Dana@acme.test') })).toBe('dana@acme.test');
    expect(feedbackPersonKey({ id: 'i1', author: author('Dana') })).toBe('dana');
    expect(feedbackPersonKey({ id: 'i1', author: author(null) })).toBe('i1');
    const item = (id: string, source: 'email' | 'slack' | 'csv', who: string | null) => ({ id, source, author: author(who) });
    expect(
      evidenceCounts([item('1', 'slack', 'Gus'), item('2', 'email', 'Dana'), item('3', 'email', 'dana'), item('4', 'email', 'Erin'), item('5', 'csv', null), item('6', 'slack', null)]),
    ).toEqual([
      { source: 'email', people: 2, items: 3 },
      { source: 'slack', people: 2, items: 2 },
      { source: 'csv', people: 1, items: 1 },
    ]);
  });

  it('records a link as a request on the author\'s behalf, none for an item that names nobody', () => {
    expect(feedbackRequest({ source: 'email', author: { name: 'Dana', email: 'dana@acme.test', company: 'Acme' }, link: 'https://mail.example/1' })).toEqual({
      name: 'Dana',
      email: 'dana@acme.test',
      company: 'Acme',
      sourceUrl: 'https://mail.example/1',
      note: 'via email',
    });
    expect(feedbackRequest({ source: 'slack', author: author(null), link: null })).toBeNull();
  });

  it('drafts an idea from an item: its title, else its first line cut to a title\'s length', () => {
    expect(feedbackIdeaDraft({ title: 'SSO', text: 'Okta please' })).toEqual({ title: 'SSO', body: 'Okta please' });
    expect(feedbackIdeaDraft({ title: null, text: 'Tables in notes\nSimple ones.' }).title).toBe('Tables in notes');
    expect(feedbackIdeaDraft({ title: null, text: 'x'.repeat(300) }).title).toHaveLength(140);
    expect(feedbackIdeaDraft({ title: 'SSO', text: 'Okta' }, { title: 'Single sign-on', body: '' })).toEqual({ title: 'Single sign-on', body: '' });
  });

  it('takes 1 to 100 item ids, and known states and sources', () => {
    expect(checkFeedbackIds(['a'])).toEqual([]);
    expect(checkFeedbackIds([])).toHaveLength(1);
    expect(checkFeedbackIds('a')).toHaveLength(1);
    expect(checkFeedbackIds(Array.from({ length: 101 }, (_, n) => String(n)))).toHaveLength(1);
    expect(checkInboxFilters({ state: 'linked', source: 'webhook:zendesk' })).toEqual([]);
    expect(checkInboxFilters({ state: 'lost', source: 'pigeon' }).map((problem) => problem.field)).toEqual(['state', 'source']);
  });
});
