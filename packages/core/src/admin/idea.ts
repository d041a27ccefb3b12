import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoAdminApi } from '../adapter.js';
import type { SaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import type {
  Board,
  Comment,
  Demand,
  DemandHistory,
  FeedbackItem,
  IdeaSnapshot,
  NewCustomerRequest,
  NotificationAudience,
  Post,
  PostEdit,
  PostHistoryEntry,
  PriorityInputs,
} from '../types.js';
import { joinedLoad } from '../views/joined-load.js';
import type { LoadStatus } from '../views/paged-loads.js';

/** Everything the console shows about one idea, and where fetching it is. */
export interface AdminIdeaState {
  status: LoadStatus;
  error: SaysoError | null;
  post: Post | null;
  /** The idea's board, for its statuses. */
  board: Board | null;
  demand: Demand | null;
  /** How the demand grew, day by day. */
  growth: DemandHistory | null;
  /** Oldest first. */
  history: PostHistoryEntry[];
  /** The feedback backing the idea (first page, newest first). */
  evidence: FeedbackItem[];
  /** The conversation, oldest first (first page), the team's internal notes included. */
  comments: Comment[];
}

/**
 * One idea as the admin console's detail screen works on it. Each edit carries the idea as the
 * admin saw it (`expected`), so an edit made after someone else changed the idea is refused with
 * `conflict` rather than overwriting their change. The edits reject with the `SaysoError` of a
 * failure, so the screen keeps what the admin typed beside the reason; after a success
 * everything is fetched again (demand, history and status move together).
 */
export interface AdminIdeaView {
  readonly $state: ReadableAtom<AdminIdeaState>;
  /** Fetches everything again; never rejects (a failure is the `error` status). */
  load(): Promise<void>;
  edit(edit: PostEdit): Promise<void>;
  /** Who moving the idea to `status` would tell; changes nothing. */
  previewStatus(status: string): Promise<NotificationAudience>;
  setStatus(status: string, note?: string): Promise<void>;
  setPriorityInputs(inputs: PriorityInputs): Promise<void>;
  addRequest(request: NewCustomerRequest): Promise<void>;
  /** Replies as the team, or (`internal`) keeps a note only admins see. */
  comment(body: string, internal: boolean): Promise<void>;
  /** Undoes the merge of `postId` (this idea, or one merged into it). */
  unmerge(postId: string): Promise<void>;
}

export interface AdminIdeaOptions {
  postId: string;
}

/** How many evidence items and comments the detail lists. */
const EVIDENCE_SHOWN = 50;
const COMMENTS_SHOWN = 100;

function adminOf(client: SaysoClient): SaysoAdminApi {
  const admin = client.adapter.admin;
  if (!admin) throw new SaysoError('forbidden', 'This client is not signed in as an admin.');
  return admin;
}

/** Use as `client.view(createAdminIdeaView, { postId })`. */
export function createAdminIdeaView(client: SaysoClient, { postId }: AdminIdeaOptions): AdminIdeaView {
  const { adapter } = client;
  const $state = atom<AdminIdeaState>({ status: 'idle', error: null, post: null, board: null, demand: null, growth: null, history: [], evidence: [], comments: [] });

  const load = joinedLoad($state, async () => {
    const admin = adminOf(client);
    const [post, demand, growth, history, evidence, comments] = await Promise.all([
      adapter.getPost({ postId }),
      adapter.getDemand({ postId }),
      admin.getDemandHistory({ postId }),
      admin.listPostHistory({ postId }),
      adapter.listPostFeedback({ postId, limit: EVIDENCE_SHOWN }),
      adapter.listComments({ postId, limit: COMMENTS_SHOWN }),
    ]);
    const board = $state.get().board?.slug === post.board ? $state.get().board : await adapter.getBoard({ board: post.board });
    return { post, board, demand, growth, history, evidence: evidence.items, comments: comments.items };
  });

  /** Runs an edit, then shows its outcome everywhere; the edit's failure reaches the caller. */
  const change = async (run: (admin: SaysoAdminApi) => Promise<unknown>): Promise<void> => {
    await run(adminOf(client));
    await load();
  };

  /** The idea as the admin sees it now, sent with each edit so one made over an older idea is refused (`conflict`). */
  // A merged idea opens as its canonical (getPost answers it): edits go to the idea shown.
  const shown = () => $state.get().post?.id ?? postId;
  const seen = (): IdeaSnapshot => {
    const post = $state.get().post;
    return post ? { title: post.title, body: post.body, status: post.status } : {};
  };
  const seenInputs = (): PriorityInputs => {
    const terms = $state.get().demand?.priority?.terms ?? [];
    return Object.fromEntries(terms.filter((term) => term.name === 'impact' || term.name === 'effort').map((term) => [term.name, term.value]));
  };

  return {
    $state,
    load,
    edit: (edit) => change(() => adapter.updatePost({ postId: shown(), ...edit, expected: seen() })),
    previewStatus: (status) => adminOf(client).previewStatusChange({ postId: shown(), status }),
    setStatus: (status, note) => change((admin) => admin.setPostStatus({ postId: shown(), status, ...(note ? { note } : {}), expected: { status: seen().status } })),
    setPriorityInputs: (inputs) => change((admin) => admin.setPriorityInputs({ postId, ...inputs, expected: seenInputs() })),
    addRequest: (request) => change((admin) => admin.addCustomerRequest({ postId, ...request })),
    comment: (body, internal) => change((admin) => admin.addTeamComment({ postId: shown(), body, internal })),
    unmerge: (merged) => change((admin) => admin.unmergePost({ postId: merged })),
  };
}
