import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { LINK_REL, MARKDOWN_TAGS, markdown, renderMarkdown } from './markdown.js';
import { plainExcerpt } from './plain-text.js';

type Flags = Window & { __saysoXss?: unknown };
const flags = window as Flags;

/** Renders markdown into a connected element the way elements do, and returns the element. */
async function mount(source: string) {
  const host = document.createElement('div');
  document.body.append(host);
  render(html`<div class="md">${markdown(source)}</div>`, host);
  // Give event handlers, image loads and timers a chance to run if anything slipped through.
  await new Promise((resolve) => setTimeout(resolve, 30));
  return host.querySelector<HTMLElement>('.md')!;
}

const hostile: Record<string, string> = {
  'script tag': '<script>window.__saysoXss = 1</script>',
  'script in markdown paragraph': 'Hello <script>window.__saysoXss = 2</script> world',
  'img onerror': '<img src=x onerror="window.__saysoXss = 3">',
  'markdown image with javascript': '![x](javascript:window.__saysoXss=4)',
  'svg onload': '<svg onload="window.__saysoXss = 5"><circle r="1"/></svg>',
  'svg with script': '<svg><script>window.__saysoXss = 6</script></svg>',
  'style tag': '<style>body { display: none }</style>',
  'style attribute': '<p style="position:fixed;inset:0">cover</p>',
  iframe: '<iframe src="javascript:window.__saysoXss = 7"></iframe>',
  'iframe srcdoc': '<iframe srcdoc="<script>parent.__saysoXss = 8</script>"></iframe>',
  'javascript link': '[click](javascript:window.__saysoXss=9)',
  'JaVaScRiPt link': '[click](JaVaScRiPt:window.__saysoXss=10)',
  'entity-encoded javascript link': '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__saysoXss=11)',
  'hex entity javascript link': '[click](&#x6A;avascript:window.__saysoXss=12)',
  'tab-split javascript link': '[click](java\tscript:window.__saysoXss=13)',
  'newline-split javascript link': '<a href="java\nscript:window.__saysoXss=14">x</a>',
  'percent-encoded javascript link': '[click](%6A%61vascript:window.__saysoXss=15)',
  'data link': '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'vbscript link': '[click](vbscript:msgbox(1))',
  'reference-style javascript link': '[click][x]\n\n[x]: javascript:window.__saysoXss=16',
  'autolink javascript': '<javascript:window.__saysoXss=17>',
  'nested markdown link': '[[inner](https://ok.example)](javascript:window.__saysoXss=18)',
  'link text with html': '[<img src=x onerror="window.__saysoXss=19">](https://ok.example)',
  'raw anchor with onclick': '<a href="https://ok.example" onclick="window.__saysoXss=20">x</a>',
  'html comment': '<!-- <img src=x onerror="window.__saysoXss=21"> -->text',
  'mXSS noscript': '<noscript><p title="</noscript><img src=x onerror=window.__saysoXss=22>">',
  'mXSS math/style': '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=window.__saysoXss=23&gt;">',
  'mXSS svg/foreignObject': '<svg></p><style><a id="</style><img src=1 onerror=window.__saysoXss=24>">',
  'form and input': '<form action="javascript:window.__saysoXss=25"><input type=submit></form>',
  'object and embed': '<object data="javascript:window.__saysoXss=26"></object><embed src="javascript:window.__saysoXss=27">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:window.__saysoXss=28">',
  'base href': '<base href="javascript:window.__saysoXss=29//">[x](/relative)',
  'details ontoggle': '<details open ontoggle="window.__saysoXss=30">x</details>',
  'link title breakout': '[x](https://ok.example "a\\" onmouseover=\\"window.__saysoXss=31")',
  'code span with html': '`<img src=x onerror="window.__saysoXss=32">`',
  'fenced code with html': '```html\n<img src=x onerror="window.__saysoXss=33">\n```',
  'template element': '<template><img src=x onerror="window.__saysoXss=34"></template>',
  'dom clobbering': '<a id="__saysoXss" name="__saysoXss" href="https://ok.example">x</a>',
};

const allowed = new Set<string>(MARKDOWN_TAGS);

function expectInert(root: HTMLElement) {
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    expect(allowed.has(tag), `<${tag}> is allowed`).to.be.true;
    for (const attr of el.getAttributeNames()) {
      expect(['href', 'title', 'start', 'target', 'rel'], `attribute ${attr} on <${tag}>`).to.include(attr);
    }
    if (tag === 'a' && el.hasAttribute('href')) {
      expect(el.getAttribute('href')!.trim()).to.match(/^(?:https?:|mailto:)/i);
      expect(el.getAttribute('rel')).to.equal(LINK_REL);
      expect(el.getAttribute('target')).to.equal('_blank');
    }
  }
  expect(flags.__saysoXss).to.be.undefined;
}

describe('internal/markdown', () => {
  afterEach(() => {
    delete flags.__saysoXss;
    document.querySelectorAll('body > div').forEach((el) => el.remove());
  });

  describe('rendering', () => {
    it('renders common markdown', async () => {
      const root = await mount(
        '**bold** _em_ ~~gone~~ `code`\n\n> quote\n\n- one\n- two\n\n3. three\n4. four\n\n```\nx < y\n```',
      );
      expect(root.querySelector('strong')!.textContent).to.equal('bold');
      expect(root.querySelector('em')!.textContent).to.equal('em');
      expect(root.querySelector('del')!.textContent).to.equal('gone');
      expect(root.querySelector('p code')!.textContent).to.equal('code');
      expect(root.querySelector('blockquote')!.textContent!.trim()).to.equal('quote');
      expect([...root.querySelectorAll('ul li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
      expect(root.querySelector('ol')!.getAttribute('start')).to.equal('3');
      expect(root.querySelector('pre code')!.textContent).to.equal('x < y\n');
      expectInert(root);
    });

    it('turns line breaks into <br>, as visitors expect', async () => {
      const root = await mount('one\ntwo');
      expect(root.querySelector('p br')).to.not.be.null;
    });

    it('opens safe links in a new tab, marked as user content', async () => {
      const root = await mount('[docs](https://example.com/a?b=1) and <https://example.org> and [mail](mailto:a@example.com)');
      const links = [...root.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://example.com/a?b=1',
        'https://example.org',
        'mailto:a@example.com',
      ]);
      for (const a of links) {
        expect(a.rel).to.equal('noopener noreferrer nofollow ugc');
        expect(a.target).to.equal('_blank');
      }
    });

    it('shifts headings below the element headings (h3–h6)', async () => {
      const root = await mount('# One\n## Two\n#### Four\n###### Six');
      expect([...root.children].map((h) => h.localName)).to.deep.equal(['h3', 'h4', 'h6', 'h6']);
    });

    it('shows raw HTML as the text that was typed', async () => {
      const root = await mount('Press <kbd>Ctrl</kbd> please');
      expect(root.querySelector('kbd')).to.be.null;
      expect(root.textContent!.trim()).to.equal('Press <kbd>Ctrl</kbd> please');
    });

    it('shows images as their alt text and loads nothing', async () => {
      const root = await mount('![a cat](https://example.com/cat.png)');
      expect(root.querySelector('img')).to.be.null;
      expect(root.textContent!.trim()).to.equal('a cat');
    });

    it('renders nothing for an empty body', async () => {
      const root = await mount('');
      expect(root.innerHTML.replace(/<!--.*?-->/g, '')).to.equal('');
      expect(renderMarkdown('')).to.equal('');
    });
  });

  describe('hostile corpus', () => {
    for (const [name, source] of Object.entries(hostile)) {
      it(`keeps "${name}" inert`, async () => {
        const root = await mount(source);
        expectInert(root);
        // Clicking every link must not run anything either.
        for (const a of root.querySelectorAll('a')) {
          a.addEventListener('click', (event) => event.preventDefault());
          a.click();
        }
        root.querySelectorAll('*').forEach((el) => el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(flags.__saysoXss).to.be.undefined;
        expect(document.querySelector('base')).to.be.null;
      });
    }

    it('drops a javascript: link but keeps its text', async () => {
      const root = await mount('[click me](javascript:alert(1))');
      expect(root.textContent!.trim()).to.equal('click me');
      expect(root.querySelector('a[href]')).to.be.null;
    });

    it('keeps the safe link inside a nested hostile link', async () => {
      const root = await mount(hostile['nested markdown link']!);
      expect([...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://ok.example']);
    });

    it('shows code with HTML as code text', async () => {
      const root = await mount(hostile['code span with html']!);
      expect(root.querySelector('code')!.textContent).to.equal('<img src=x onerror="window.__saysoXss=32">');
    });
  });
});

describe('internal/plain-text', () => {
  it('strips markdown syntax and keeps the words', () => {
    expect(plainExcerpt('# Title\n\n**bold** and _em_ with [a link](https://x.example) and `code`')).to.equal(
      'Title\n\nbold and em with a link and code',
    );
    expect(plainExcerpt('- one\n- [x] two\n> quoted\n![cat](https://x/cat.png)')).to.equal('one\ntwo\nquoted\ncat');
  });

  it('leaves underscores inside words alone', () => {
    expect(plainExcerpt('use snake_case_names and window.__flag = __x__')).to.equal('use snake_case_names and window.__flag = x');
  });

  it('keeps HTML as text and shortens long text', () => {
    expect(plainExcerpt('<img src=x onerror=alert(1)>')).to.equal('<img src=x onerror=alert(1)>');
    const long = plainExcerpt('word '.repeat(200), 50);
    expect(long.length).to.be.at.most(50);
    expect(long.endsWith('…')).to.be.true;
  });
});
