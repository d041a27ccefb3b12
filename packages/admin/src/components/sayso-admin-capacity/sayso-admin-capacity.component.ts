import {
  BACKLOG_CATEGORIES,
  BACKLOG_CATEGORY_NAMES,
  capacityBars,
  capacityDraftOf,
  capacityScale,
  createAdminCapacityView,
  effortWords,
  type AdminCapacityView,
  type CapacityBar,
  type CapacityDraft,
  type CapacityReport,
  type CapacitySaveState,
  type InputProblem,
  type Loaded,
  type SaysoClient,
} from '@sayso/core';
import { SaysoElement, StoreController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { BoardsController } from '../../controllers/boards.js';
import type { Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { failureMessage } from '../../internal/failure.js';
import { adminStyles } from '../../styles/admin.styles.js';
import { screenStyles } from '../../styles/screen.styles.js';
import styles from './sayso-admin-capacity.styles.js';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const day = (iso: string) => dateFormat.format(new Date(iso));

/** The form's number fields besides the category minimums, with their labels and input hints. */
const NUMBER_FIELDS = [
  { field: 'engineeringTarget', label: 'Engineering target (% of all effort)', min: 0, max: 100, step: 'any' },
  { field: 'windowWeeks', label: 'Actual shares over the last (weeks)', min: 1, max: 52, step: '1' },
  { field: 'staleDays', label: 'Items untouched for longer are stale (days)', min: 1, max: 3650, step: '1' },
  { field: 'riskWeight', label: 'Weight of security risk in priority', min: 0, max: undefined, step: 'any' },
] as const;

/** The settings fields the form has (a problem named otherwise shows in its summary). */
const FORM_FIELDS: readonly string[] = [...NUMBER_FIELDS.map(({ field }) => field), 'categoryMinimums', 'estimateUnit'];

/** The name of a category minimum's field. */
const minimumField = (category: string) => `minimum-${category}`;

/** What a number field holds as typed; text the browser cannot read as a number stays refused, never empty. */
const typed = (input: HTMLInputElement) => (input.validity.badInput ? 'not a number' : input.value);

/**
 * @tag sayso-admin-capacity
 * @summary The console's capacity screen for one board: how much of the effort done in the last
 * weeks went to engineering work overall and to each category, beside the targets, as bars with
 * the gap in words ("Security and compliance 2 % of 5 % target: 3 percentage points short"), and
 * the form that sets the targets (engineering share, per-category minimums), the window, when items go
 * stale, the weight of security risk and the estimate unit.
 *
 * The chart is a table (a row per kind of work: target, actual, bars, gap), so a screen reader
 * reads the same figures the bars show. Targets are checked before they are sent; a refused or
 * failed save keeps everything typed, with the reason beside each field.
 *
 * @csspart summary - The headline: engineering's share beside its target, in words.
 * @csspart chart - The table of targets and actual shares, with bars.
 * @csspart bars - The bars of one row (target above, actual below).
 * @csspart form - The targets form.
 * @csspart error - Why loading or saving failed.
 */
export class SaysoAdminCapacity extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, screenStyles, styles];

  /** A client over an adapter with the `admin` part. */
  @property({ attribute: false }) client?: SaysoClient;

  /** `board`: the board whose capacity shows (default: the first board). */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  readonly #boards = new BoardsController(this, () => this.client);
  #view: AdminCapacityView | undefined;
  readonly #report = new StoreController<Loaded<CapacityReport | null>>(this);
  readonly #save = new StoreController<CapacitySaveState>(this);

  /** No keys of its own: the form is reached with Tab. */
  readonly shortcuts: readonly Shortcut[] = [];

  get #board(): string | undefined {
    return this.#boards.slugFor(this.params);
  }

  protected override willUpdate(): void {
    const board = this.#board;
    // The view of the board shown (one per board and client): again once the boards arrived.
    if (!this.client || !board) return;
    const view = this.client.view(createAdminCapacityView, { board });
    if (view === this.#view) return;
    this.#view = view;
    this.#report.store = view.$report;
    this.#save.store = view.$save;
    // Fetched each time the screen shows (work may have been done meanwhile); a report already
    // fetched shows until the new one arrives.
    void view.load();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string) => typed(form.elements.namedItem(name) as HTMLInputElement);
    const draft: CapacityDraft = {
      engineeringTarget: field('engineeringTarget'),
      categoryMinimums: Object.fromEntries(BACKLOG_CATEGORIES.map((category) => [category, field(minimumField(category))])),
      windowWeeks: field('windowWeeks'),
      staleDays: field('staleDays'),
      riskWeight: field('riskWeight'),
      estimateUnit: (form.elements.namedItem('estimateUnit') as HTMLSelectElement).value,
    };
    if (await this.#view?.save(draft)) return;
    await this.updateComplete;
    // The first field with a problem, for the admin to mend; else the reason stays in view.
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    if (this.#boards.error) return this.#boards.renderError();
    return html`
      <div class="toolbar">
        <h1>Capacity</h1>
        ${this.#boards.boards.length > 1
          ? html`<label
              >Board
              <select @change=${(event: Event) => this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'capacity', params: { ...this.params, board: (event.target as HTMLSelectElement).value } }))}>
                ${this.#boards.boards.map((board) => html`<option value=${board.slug} ?selected=${board.slug === this.#board}>${board.name}</option>`)}
              </select>
            </label>`
          : nothing}
      </div>
      ${this.#renderBody()}
    `;
  }

  #renderBody() {
    const loaded = this.#report.value;
    if (loaded?.status === 'error' && loaded.error) {
      return html`<p part="error" class="error" role="alert">
        ${failureMessage('Loading the capacity', loaded.error)}
        <button class="button" type="button" @click=${() => void this.#view?.load()}>Try again</button>
      </p>`;
    }
    if (!loaded?.value) return html`<p class="muted" role="status">Loading capacity…</p>`;
    const report = loaded.value;
    // A form per board: another board's fields never keep what was typed for this one.
    return html`${this.#renderChart(report)} ${keyed(report.board, this.#renderForm(report))}`;
  }

  #renderChart(report: CapacityReport) {
    const unit = report.settings.estimateUnit;
    const window = `the last ${report.settings.windowWeeks} ${report.settings.windowWeeks === 1 ? 'week' : 'weeks'} (${day(report.from)} – ${day(report.to)})`;
    // With nothing done there is no share to fall short of: the targets show, with no verdict.
    const nothingDone = report.ideaEffort + report.engineeringEffort === 0;
    const bars = capacityBars(report);
    const scale = capacityScale(bars);
    const [engineering] = bars;
    const short = bars.slice(1).filter((bar) => bar.gap !== null && bar.gap < 0);
    return html`<section aria-labelledby="chart-heading">
      <h2 id="chart-heading">Target and actual</h2>
      ${nothingDone
        ? html`<p part="summary" class="summary">Nothing was done in ${window}: the actual shares show once ideas ship or backlog items are done.</p>`
        : html`<p part="summary" class="summary ${engineering!.gap! < 0 ? 'short' : 'met'}">${engineering!.words}</p>
            ${short.length > 0 ? html`<p class="below">Below their minimum: ${short.map((bar) => bar.words).join('; ')}.</p>` : nothing}
            <p class="muted">
              In ${window}: ${effortWords(report.engineeringEffort, unit)} of engineering work beside ${effortWords(report.ideaEffort, unit)} of
              ideas shipped.${report.unestimated > 0 ? ` ${report.unestimated} without an estimate ${report.unestimated === 1 ? 'counts' : 'count'} as 1 each.` : ''}
            </p>`}
      <p class="legends" aria-hidden="true"><span class="legend target">Target</span> <span class="legend actual">Actual</span></p>
      <figure class="figure" tabindex="0" aria-labelledby="chart-caption">
        <table part="chart" class="table chart">
          <caption id="chart-caption">
            Engineering work: target and actual share of all effort done, per category (bars from 0 to ${scale} %)
          </caption>
          <thead>
            <tr>
              <th scope="col">Work</th>
              <th scope="col">Target</th>
              <th scope="col">Actual</th>
              <th scope="col"><span class="visually-hidden">Bars</span></th>
              <th scope="col">Gap</th>
            </tr>
          </thead>
          <tbody>
            ${bars.map((bar) => this.#renderRow(bar, scale, nothingDone))}
          </tbody>
        </table>
      </figure>
    </section>`;
  }

  #renderRow(bar: CapacityBar, scale: number, nothingDone: boolean) {
    const width = (share: number) => Math.min(100, (share / scale) * 100);
    const state = bar.gap === null || nothingDone ? 'untargeted' : bar.gap < 0 ? 'short' : 'met';
    return html`<tr data-key=${bar.key} class=${bar.key === 'engineering' ? 'overall' : ''}>
      <th scope="row">${bar.name}</th>
      <td class="share">${bar.target === null ? html`<span class="muted">none</span>` : `${bar.target} %`}</td>
      <td class="share">${bar.actual} %</td>
      <td class="bars-cell">
        <svg part="bars" class="bars ${state}" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true">
          ${bar.target === null ? nothing : svg`<rect class="target" x="0" y="1" width=${width(bar.target)} height="8"></rect>`}
          ${svg`<rect class="actual" x="0" y="11" width=${width(bar.actual)} height="8"></rect>`}
        </svg>
      </td>
      <td class="gap ${state}">${nothingDone ? html`<span class="muted">nothing done yet</span>` : bar.verdict}</td>
    </tr>`;
  }

  #renderForm(report: CapacityReport) {
    const draft = capacityDraftOf(report.settings);
    const save = this.#save.value;
    const problems = save?.status === 'refused' ? save.problems : [];
    const problemOf = (field: string): InputProblem | undefined => problems.find((problem) => problem.field === field);
    const error = (field: string) => {
      const problem = problemOf(field);
      return problem ? html`<span id="${field}-error" class="error">${problem.message}</span>` : nothing;
    };
    const described = (field: string) => (problemOf(field) ? `${field}-error` : nothing);
    const invalid = (field: string) => (problemOf(field) ? 'true' : nothing);
    // A problem the backend names for a field this form does not have shows in the summary.
    const unplaced = problems.filter((problem) => !FORM_FIELDS.includes(problem.field));
    return html`<section aria-labelledby="targets-heading">
      <h2 id="targets-heading">Targets</h2>
      <form part="form" id="targets" novalidate @submit=${(event: SubmitEvent) => void this.#submit(event)}>
        <div class="grid">
          ${NUMBER_FIELDS.map(
            ({ field, label, min, max, step }) =>
              html`<div class="field">
                <label for=${field}>${label}</label>
                <input
                  id=${field}
                  name=${field}
                  type="number"
                  inputmode="decimal"
                  min=${min}
                  max=${max ?? nothing}
                  step=${step}
                  .defaultValue=${draft[field]}
                  aria-invalid=${invalid(field)}
                  aria-describedby=${described(field)}
                />
                ${error(field)}
              </div>`,
          )}
          <div class="field">
            <label for="estimateUnit">Estimates are in</label>
            <select id="estimateUnit" name="estimateUnit" aria-invalid=${invalid('estimateUnit')} aria-describedby=${described('estimateUnit')}>
              <option value="days" ?selected=${draft.estimateUnit === 'days'}>Days</option>
              <option value="points" ?selected=${draft.estimateUnit === 'points'}>Points</option>
            </select>
            ${error('estimateUnit')}
          </div>
        </div>
        <fieldset class="minimums" aria-describedby="minimums-hint${problemOf('categoryMinimums') ? ' categoryMinimums-error' : ''}">
          <legend>Minimum share per category</legend>
          <p id="minimums-hint" class="muted">In % of all effort, together at most 100. Leave a field empty for no minimum.</p>
          <div class="grid">
            ${BACKLOG_CATEGORIES.map(
              (category) =>
                html`<div class="field">
                  <label for=${minimumField(category)}>${BACKLOG_CATEGORY_NAMES[category]}</label>
                  <input
                    id=${minimumField(category)}
                    name=${minimumField(category)}
                    type="number"
                    inputmode="decimal"
                    min="0"
                    max="100"
                    step="any"
                    .defaultValue=${draft.categoryMinimums[category] ?? ''}
                    aria-invalid=${invalid('categoryMinimums')}
                  />
                </div>`,
            )}
          </div>
          ${error('categoryMinimums')}
        </fieldset>
        ${problems.length > 0
          ? html`<p part="error" class="error" role="alert">
              Not saved: ${unplaced.length > 0 ? unplaced.map((problem) => problem.message).join(' ') : 'correct the marked fields and save again.'}
            </p>`
          : nothing}
        ${save?.error ? html`<p part="error" class="error" role="alert">${failureMessage('Saving the targets', save.error)} Nothing you typed was lost.</p>` : nothing}
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${save?.status === 'saving'}>Save targets</button>
          <span class="muted" role="status">${save?.status === 'saving' ? 'Saving…' : save?.status === 'saved' ? 'Saved: the chart shows the new targets.' : ''}</span>
        </div>
      </form>
    </section>`;
  }
}
