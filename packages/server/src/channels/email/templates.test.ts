import { describe, expect, it } from 'vitest';
import { defaultEmailTemplates, markdownToSafeHtml, reasonText, type StatusMail } from './templates.js';

const mail: StatusMail = {
  name: '<b>Bob</b>',
  idea: { title: 'Dark <script>alert(1)</script> mode', board: 'acme', url: 'https://feedback.example/?board=acme&post=1' },
  status: { name: 'Shipped', kind: 'done' },
  note: 'Out now & "free"',
  reasons: ['comment', 'vote'],
  unsubscribeUrl: 'https://feedback.example/email/unsubscribe?token=a.b',
};

describe('email templates', () => {
  it('escapes every typed text in the HTML part and keeps it as typed in the text part', () => {
    const { subject, text, html } = defaultEmailTemplates.status(mail);
    expect(subject).toBe('Shipped: Dark <script>alert(1)</script> mode');
    expect(text).toContain('"Dark <script>alert(1)</script> mode" is now Shipped.');
    expect(text).toContain('Out now & "free"');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Bob</b>');
    expect(html).toContain('Dark &lt;script&gt;alert(1)&lt;/script&gt; mode');
    expect(html).toContain('Out now &amp; &quot;free&quot;');
    expect(html).toContain('href="https://feedback.example/?board=acme&amp;post=1"');
    expect(text).toContain('You get this because you commented on it and you voted for it.');
  });

  it('says what a person reported was fixed, escaping the item and their own words, quoted back short', () => {
    const long = `The <b>board</b> & "search" are slow ${'really '.repeat(60)}`;
    const { subject, text, html } = defaultEmailTemplates.fixed({
      name: null,
      item: { title: 'Index <queries>' },
      ideas: [],
      feedback: [{ title: null, text: long }],
      unsubscribeUrl: 'https://feedback.example/email/unsubscribe?token=a.b',
    });
    expect(subject).toBe('Fixed: Index <queries>');
    expect(text).toContain('What you reported has been fixed: "Index <queries>" is done.');
    expect(text).toContain('- "The <b>board</b> & "search" are slow really');
    expect(text).toContain('You get this because you reported it. Turn these emails off: https://feedback.example/email/unsubscribe?token=a.b');
    const quoted = /- "(.*)"$/m.exec(text)![1]!;
    expect(quoted.length).toBe(300);
    expect(quoted.endsWith('…')).toBe(true);
    expect(html).not.toMatch(/<b>|<queries>/);
    expect(html).toContain('Index &lt;queries&gt;');
    expect(html).toContain('The &lt;b&gt;board&lt;/b&gt; &amp; &quot;search&quot; are slow');
    expect(html).toContain('>Turn these emails off</a>');
  });

  it('renders a changelog entry\'s markdown through the widget\'s allow-list', () => {
    const html = markdownToSafeHtml(
      '# Big release\n\n**Fast** sync, [docs](https://docs.example) and [bad](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n![tracker](https://t.example/p.gif)',
    );
    expect(html).toContain('<h3>Big release</h3>');
    expect(html).toContain('<strong>Fast</strong>');
    expect(html).toContain('<a href="https://docs.example" rel="noopener noreferrer nofollow ugc" target="_blank">docs</a>');
    // Raw HTML shows as the text typed; a javascript: link loses its target; an image its URL.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a rel="noopener noreferrer nofollow ugc" target="_blank">bad</a>');
    expect(html).not.toMatch(/javascript:|<img|t\.example/);
    const { subject, html: withEntry, text } = defaultEmailTemplates.changelog({
      name: null,
      entry: { title: 'v2 <3', body: '*new*' },
      ideas: [mail.idea, { title: 'Sync', board: 'acme', url: 'https://feedback.example/?board=acme&post=2' }],
      reasons: ['vote'],
      unsubscribeUrl: mail.unsubscribeUrl,
    });
    expect(subject).toBe('v2 <3');
    expect(withEntry).toContain('<h2>v2 &lt;3</h2><p><em>new</em></p>');
    expect(withEntry).toContain('<li><a href="https://feedback.example/?board=acme&amp;post=2">Sync</a></li>');
    expect(text).toContain('v2 <3\n\n*new*\n\nIt ships:\n- Dark <script>alert(1)</script> mode: https://feedback.example/?board=acme&post=1\n- Sync:');
  });

  it('says why in plain words', () => {
    expect(reasonText([])).toBe('you follow it');
    expect(reasonText(['author'])).toBe('you suggested it');
    expect(reasonText(['author', 'request', 'vote'])).toBe('you suggested it, you asked for it and you voted for it');
  });
});
