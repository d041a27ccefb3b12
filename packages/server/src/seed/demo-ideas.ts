import type { BacklogItemFields, BacklogStatus } from '@sayso/core';

/** One idea of the demo board, written the way real users write them. */
export interface DemoIdea {
  title: string;
  body: string;
  status: 'open' | 'under-review' | 'planned' | 'in-progress' | 'shipped' | 'declined';
  /** Distinct voters, the author included. */
  votes: number;
  daysAgo: number;
  /** A display name; anonymous when absent. */
  author?: string;
  comments?: Array<{ body: string; author?: string }>;
}

/** The product the demo board collects ideas for. */
export const DEMO_BOARD = {
  slug: 'demo',
  name: 'Acme Notes',
  description:
    'Ideas and requests for Acme Notes, the note-taking app for teams. Vote for what you need most; we read everything and post updates here.',
};

export const DEMO_IDEAS: DemoIdea[] = [
  {
    title: 'Dark mode',
    body: 'Please add a dark theme. I write at night and the white background is blinding. Bonus points if it follows the OS setting.',
    status: 'shipped',
    votes: 131,
    daysAgo: 88,
    author: 'Priya',
    comments: [
      { body: 'Shipped in 4.2! Settings → Appearance, or let it follow your system. Thanks for all the votes.', author: 'Acme team' },
      { body: 'Finally 🙌 looks great' },
    ],
  },
  {
    title: 'Offline mode for the mobile app',
    body: 'I take most of my notes on the subway with no signal. Right now the app just shows a spinner. Let me **read and edit** offline and sync when I am back.',
    status: 'in-progress',
    votes: 118,
    daysAgo: 84,
    comments: [
      { body: 'Same here, flights are the worst.' },
      { body: 'We are building this now: reading offline first, then editing with sync. Beta in a few weeks.', author: 'Acme team' },
    ],
  },
  {
    title: 'Export notes to Markdown',
    body: 'I want my data in plain `.md` files, one per note, with folders kept. Makes backups and moving to other tools easy.',
    status: 'planned',
    votes: 97,
    daysAgo: 79,
    author: 'Jonas',
  },
  {
    title: 'Two-way sync with Google Calendar',
    body: 'Meeting notes should be attached to the calendar event automatically.',
    status: 'under-review',
    votes: 64,
    daysAgo: 71,
  },
  {
    title: 'Keyboard shortcut to create a new note from anywhere',
    body: 'A global hotkey (like Cmd+Shift+N) that opens a quick capture window even when the app is in the background.',
    status: 'open',
    votes: 58,
    daysAgo: 66,
    author: 'Marco',
  },
  {
    title: 'Nested tags',
    body: 'Something like `#work/clients/acme`. Flat tags get messy after a few hundred notes.',
    status: 'open',
    votes: 47,
    daysAgo: 62,
    comments: [{ body: 'Yes! I currently fake this with prefixes, it is ugly.' }],
  },
  {
    title: 'Version history for notes',
    body: 'I accidentally deleted half a note and there was no way back. Show previous versions and let me restore one.',
    status: 'planned',
    votes: 76,
    daysAgo: 58,
    author: 'Aiko',
  },
  {
    title: 'Share a note with a public link',
    body: '',
    status: 'open',
    votes: 39,
    daysAgo: 55,
  },
  {
    title: 'Better search: match words inside attachments',
    body: 'Search should look inside PDFs and images (OCR) I attach. I keep receipts and manuals in Notes and can never find them.',
    status: 'open',
    votes: 44,
    daysAgo: 52,
  },
  {
    title: 'Templates for recurring notes',
    body: 'Every Monday I create the same weekly planning note. Let me save it as a template with placeholders like the date.',
    status: 'in-progress',
    votes: 52,
    daysAgo: 49,
    author: 'Fatima',
  },
  {
    title: 'Linux desktop app',
    body: 'The web version works but a native app (or even an AppImage / Flatpak) would be great. Half our dev team is on Ubuntu.',
    status: 'open',
    votes: 61,
    daysAgo: 47,
    comments: [{ body: '+1, Fedora user here' }, { body: 'Even an Electron build would do.' }],
  },
  {
    title: 'Checklist items should move to the bottom when checked',
    body: 'Like Google Keep does. Long shopping lists become hard to read otherwise.',
    status: 'open',
    votes: 23,
    daysAgo: 44,
  },
  {
    title: 'Turn off the "What\'s new" popup',
    body: 'It shows on every update and steals focus while I am typing.',
    status: 'shipped',
    votes: 18,
    daysAgo: 41,
    author: 'Dan',
  },
  {
    title: 'Integrate with Slack',
    body: 'Send a Slack message to a notebook with a shortcut, and post a note to a channel.',
    status: 'under-review',
    votes: 33,
    daysAgo: 39,
  },
  {
    title: 'Apple Watch app',
    body: 'Dictate a quick note from the watch.',
    status: 'declined',
    votes: 9,
    daysAgo: 37,
    comments: [
      {
        body: 'Thanks for the idea. We looked into it, but very few of you use a watch and we would rather put the time into offline mode. Closing for now.',
        author: 'Acme team',
      },
    ],
  },
  {
    title: 'Word count',
    body: 'Show words and characters for the current note, and for a selection.',
    status: 'open',
    votes: 15,
    daysAgo: 34,
  },
  {
    title: 'Pin notes to the top of a notebook',
    body: '',
    status: 'shipped',
    votes: 41,
    daysAgo: 31,
    author: 'Lena',
  },
  {
    title: 'End-to-end encryption for private notebooks',
    body: 'Some of my notes contain medical info. I would love an option to encrypt a notebook with a passphrase only I know, even if it means no server-side search.',
    status: 'under-review',
    votes: 55,
    daysAgo: 28,
  },
  {
    title: 'Tables in the editor',
    body: 'Basic tables: add rows/columns, tab between cells. Pasting from Excel should keep the table.',
    status: 'open',
    votes: 36,
    daysAgo: 25,
    author: 'Sam',
  },
  {
    title: 'Make the font size adjustable',
    body: 'The default is too small on my 4K monitor and browser zoom also zooms the sidebar.',
    status: 'open',
    votes: 12,
    daysAgo: 22,
  },
  {
    title: 'Web clipper for Firefox',
    body: 'There is one for Chrome but not for Firefox 😢',
    status: 'planned',
    votes: 27,
    daysAgo: 19,
  },
  {
    title: 'Daily note that opens automatically',
    body: 'Like a journal: one note per day, created on first open, titled with the date.',
    status: 'open',
    votes: 20,
    daysAgo: 16,
    author: 'Ravi',
  },
  {
    title: 'Import from Evernote',
    body: 'We have 10 years of notes in Evernote (`.enex` export). Tags and attachments must come along or we cannot switch.',
    status: 'open',
    votes: 31,
    daysAgo: 14,
    comments: [{ body: 'This is the one thing stopping our team from moving.' }],
  },
  {
    title: 'Remove AI features',
    body: 'I do not want my notes sent to an AI. At least let admins disable it for the whole workspace.',
    status: 'declined',
    votes: 14,
    daysAgo: 12,
    comments: [
      {
        body: 'AI features are off by default and never see a note you have not selected. Workspace admins can now turn them off entirely under Settings → Security.',
        author: 'Acme team',
      },
    ],
  },
  {
    title: 'Reminders on notes',
    body: 'Set a date on a note and get a notification, e.g. "follow up with supplier".',
    status: 'open',
    votes: 19,
    daysAgo: 10,
  },
  {
    title: 'Drag and drop notes between notebooks',
    body: 'Right now I have to open the menu → Move → pick notebook. Dragging in the sidebar would be faster.',
    status: 'open',
    votes: 11,
    daysAgo: 8,
    author: 'Chloé',
  },
  {
    title: 'Code blocks with syntax highlighting',
    body: 'I paste snippets all day. ```js``` fences should highlight and keep indentation.',
    status: 'open',
    votes: 8,
    daysAgo: 6,
  },
  {
    title: 'Show backlinks',
    body: 'When note A links to note B, show "linked from A" at the bottom of B.',
    status: 'open',
    votes: 6,
    daysAgo: 4,
  },
  {
    title: 'Printing cuts off images',
    body: 'Wide images get cut on the right side when I print a note or save as PDF.',
    status: 'open',
    votes: 3,
    daysAgo: 2,
  },
  {
    title: 'Sort notebooks manually',
    body: 'Alphabetical is not how I think. Let me order them myself.',
    status: 'open',
    votes: 2,
    daysAgo: 1,
  },
];

/** One item of the demo board's engineering backlog, backed by the ideas named in `evidence` (by title). */
export interface DemoBacklogItem extends Omit<BacklogItemFields, 'status'> {
  status: BacklogStatus;
  evidence: string[];
  /** For a done item: how long ago it was done (its effort counts in the capacity window). */
  doneDaysAgo?: number;
}

/** What the team behind Acme Notes has to fix under the hood, tied to what users asked for; one item is public. */
export const DEMO_BACKLOG: DemoBacklogItem[] = [
  {
    title: 'Move search to a full-text index',
    description: 'Search scans every note with `ILIKE`; attachments are not searched at all.',
    nextStep: 'Add a tsvector column and extract text from PDF attachments on upload',
    category: 'performance',
    status: 'in_progress',
    estimate: 3,
    owner: 'Sam',
    public: true,
    evidence: ['Better search: match words inside attachments'],
  },
  {
    title: 'Rebuild sync on a conflict-free model',
    description: 'Last-write-wins sync loses edits made offline, which blocks offline mode and calendar sync.',
    nextStep: 'Prototype CRDT merges for the note body behind a flag',
    category: 'tech_debt',
    status: 'planned',
    estimate: 8,
    trackerUrls: ['https://github.com/acme/notes/issues/412'],
    evidence: ['Offline mode for the mobile app', 'Two-way sync with Google Calendar'],
  },
  {
    title: 'Encrypt private notebooks at rest with per-team keys',
    nextStep: 'Choose the key management service',
    category: 'security_compliance',
    status: 'proposed',
    risk: 3,
    estimate: 5,
    evidence: ['End-to-end encryption for private notebooks'],
  },
  {
    title: 'Fix image scaling in the print stylesheet',
    nextStep: 'Constrain images to the page box',
    category: 'tech_debt',
    status: 'done',
    estimate: 1,
    evidence: ['Printing cuts off images'],
    doneDaysAgo: 10,
  },
  {
    title: 'Upgrade the build to Node 24',
    category: 'developer_experience',
    status: 'proposed',
    evidence: [],
  },
];
