import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { BoardNotificationSettings, SaysoAdminApi } from '../adapter.js';
import type { BoardChange, NewBoardSettings } from '../rules/board-settings.js';
import type { SaysoClient } from '../client.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import type {
  ApiKey,
  Board,
  ApiKeyKind,
  CreatedApiKey,
  CreatedWebhookEndpoint,
  Delivery,
  NewWebhookEndpoint,
  PriorityFormula,
  Tag,
  WebhookEndpoint,
} from '../types.js';
import type { LoadStatus } from '../views/paged-loads.js';
import { adminApiOf } from './admin-api.js';

/** One thing the settings screen fetches: where loading stands, the value, the last failure. */
export interface Loaded<T> {
  status: LoadStatus;
  value: T;
  error: SaysoError | null;
}

/** A fetched value and how to fetch it again or change it in place. */
export interface Loadable<T> {
  readonly $state: ReadableAtom<Loaded<T>>;
  load(): Promise<void>;
  change(change: (value: T) => T): void;
}

export function loadable<T>(empty: T, fetch: () => Promise<T>): Loadable<T> {
  const $state: WritableAtom<Loaded<T>> = atom({ status: 'idle', value: empty, error: null });
  let generation = 0;
  return {
    $state,
    async load() {
      const mine = ++generation;
      $state.set({ ...$state.get(), status: 'loading', error: null });
      try {
        const value = await fetch();
        if (mine === generation) $state.set({ status: 'ready', value, error: null });
      } catch (error) {
        if (mine === generation) $state.set({ ...$state.get(), status: 'error', error: toSaysoError(error) });
      }
    },
    change: (change) => $state.set({ ...$state.get(), value: change($state.get().value) }),
  };
}

/**
 * What an action answers: its result, or why it failed. The screen keeps what was typed in the
 * field and shows the error beside it; nothing is thrown.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: SaysoError };

async function outcome<T>(step: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    return { ok: false, error: toSaysoError(error) };
  }
}

/** A board's settings that the console edits: which kinds notify, and the priority formula. */
export interface BoardSettings {
  notifyKinds: BoardNotificationSettings['notifyKinds'];
  formula: PriorityFormula;
}

export interface AdminSettingsView {
  readonly $keys: Record<ApiKeyKind, ReadableAtom<Loaded<ApiKey[]>>>;
  readonly $webhooks: ReadableAtom<Loaded<WebhookEndpoint[]>>;
  /** The newest deliveries of every endpoint (the first page of the log). */
  readonly $deliveries: ReadableAtom<Loaded<Delivery[]>>;
  readonly $tags: ReadableAtom<Loaded<Tag[]>>;
  readonly $board: ReadableAtom<Loaded<BoardSettings | null>>;
  /** Fetches every section (again). */
  load(): Promise<void>;
  createKey(kind: ApiKeyKind, label: string): Promise<Outcome<CreatedApiKey>>;
  revokeKey(kind: ApiKeyKind, keyId: string): Promise<Outcome<ApiKey>>;
  createWebhook(endpoint: NewWebhookEndpoint): Promise<Outcome<CreatedWebhookEndpoint>>;
  setWebhookActive(endpointId: string, active: boolean): Promise<Outcome<WebhookEndpoint>>;
  deleteWebhook(endpointId: string): Promise<Outcome<void>>;
  replayDelivery(deliveryId: string): Promise<Outcome<Delivery>>;
  createTag(name: string): Promise<Outcome<Tag>>;
  renameTag(tag: string, name: string): Promise<Outcome<Tag>>;
  deleteTag(tag: string): Promise<Outcome<void>>;
  setNotifyKinds(notifyKinds: BoardSettings['notifyKinds']): Promise<Outcome<BoardNotificationSettings>>;
  setFormula(formula: PriorityFormula): Promise<Outcome<PriorityFormula>>;
  /** Creates another board (the screen then shows it). */
  createBoard(board: NewBoardSettings): Promise<Outcome<Board>>;
  /** Changes this board's name, description, policy or workflow. */
  updateBoard(change: BoardChange): Promise<Outcome<Board>>;
}

/** How many deliveries the settings screen shows. */
export const DELIVERY_LOG_SIZE = 20;

/**
 * The console's settings for one board (`client.view(createAdminSettingsView, { board })`):
 * the deployment's API keys, webhook endpoints and delivery log, and the board's tags, notifying
 * status kinds and priority formula. Each action answers an {@link Outcome} and updates the
 * section it changed.
 */
export function createAdminSettingsView(client: SaysoClient, options: { board: string }): AdminSettingsView {
  const { board } = options;
  const admin = (): SaysoAdminApi => adminApiOf(client);
  const keys = {
    admin: loadable<ApiKey[]>([], () => admin().listApiKeys({ kind: 'admin' })),
    ingestion: loadable<ApiKey[]>([], () => admin().listApiKeys({ kind: 'ingestion' })),
  };
  const webhooks = loadable<WebhookEndpoint[]>([], () => admin().listWebhookEndpoints());
  const deliveries = loadable<Delivery[]>([], async () => (await admin().listDeliveries({ limit: DELIVERY_LOG_SIZE })).items);
  const tags = loadable<Tag[]>([], () => client.adapter.listTags({ board }));
  const boardSettings = loadable<BoardSettings | null>(null, async () => {
    const [notify, formula] = await Promise.all([admin().getNotificationSettings({ board }), admin().getPriorityFormula({ board })]);
    return { notifyKinds: notify.notifyKinds, formula };
  });
  const withBoard = (change: Partial<BoardSettings>) => boardSettings.change((value) => (value ? { ...value, ...change } : value));

  return {
    $keys: { admin: keys.admin.$state, ingestion: keys.ingestion.$state },
    $webhooks: webhooks.$state,
    $deliveries: deliveries.$state,
    $tags: tags.$state,
    $board: boardSettings.$state,
    load: async () => {
      await Promise.all([keys.admin, keys.ingestion, webhooks, deliveries, tags, boardSettings].map((section) => section.load()));
    },
    createKey: (kind, label) =>
      outcome(async () => {
        const created = await admin().createApiKey({ kind, label });
        const { key: _secret, ...listed } = created;
        keys[kind].change((list) => [...list, listed]);
        return created;
      }),
    revokeKey: (kind, keyId) =>
      outcome(async () => {
        const revoked = await admin().revokeApiKey({ kind, keyId });
        keys[kind].change((list) => list.filter((key) => key.id !== keyId));
        return revoked;
      }),
    createWebhook: (endpoint) =>
      outcome(async () => {
        const created = await admin().createWebhookEndpoint(endpoint);
        const { secret: _secret, ...listed } = created;
        webhooks.change((list) => [...list, listed]);
        return created;
      }),
    setWebhookActive: (endpointId, active) =>
      outcome(async () => {
        const updated = await admin().updateWebhookEndpoint({ endpointId, active });
        webhooks.change((list) => list.map((endpoint) => (endpoint.id === endpointId ? updated : endpoint)));
        return updated;
      }),
    deleteWebhook: (endpointId) =>
      outcome(async () => {
        await admin().deleteWebhookEndpoint({ endpointId });
        webhooks.change((list) => list.filter((endpoint) => endpoint.id !== endpointId));
      }),
    replayDelivery: (deliveryId) =>
      outcome(async () => {
        const replayed = await admin().replayDelivery({ deliveryId });
        deliveries.change((list) => [replayed, ...list].slice(0, DELIVERY_LOG_SIZE));
        return replayed;
      }),
    createTag: (name) =>
      outcome(async () => {
        const tag = await admin().createTag({ board, name });
        tags.change((list) => [...list, tag]);
        return tag;
      }),
    renameTag: (slug, name) =>
      outcome(async () => {
        const renamed = await admin().renameTag({ board, tag: slug, name });
        tags.change((list) => list.map((tag) => (tag.slug === slug ? renamed : tag)));
        return renamed;
      }),
    deleteTag: (slug) =>
      outcome(async () => {
        await admin().deleteTag({ board, tag: slug });
        tags.change((list) => list.filter((tag) => tag.slug !== slug));
      }),
    setNotifyKinds: (notifyKinds) =>
      outcome(async () => {
        const settings = await admin().setNotificationSettings({ board, notifyKinds });
        withBoard({ notifyKinds: settings.notifyKinds });
        return settings;
      }),
    setFormula: (formula) =>
      outcome(async () => {
        const saved = await admin().setPriorityFormula({ board, ...formula });
        withBoard({ formula: saved });
        return saved;
      }),
    createBoard: (created) => outcome(() => admin().createBoard(created)),
    updateBoard: (change) => outcome(() => admin().updateBoard({ board, ...change })),
  };
}
