import { SaysoElement } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { Shortcut } from '../../controllers/shortcuts.js';
import { adminStyles } from '../../styles/admin.styles.js';
import styles from './sayso-admin-shortcuts.styles.js';

/** How a key is written in the overview. */
const keyName = (key: string) => ({ ' ': 'Space', Escape: 'Esc', ArrowDown: '↓', ArrowUp: '↑' })[key] ?? key;

/**
 * @tag sayso-admin-shortcuts
 * @summary The `?` overview: every keyboard shortcut in force on the screen, in a modal dialog.
 *
 * @csspart dialog - The dialog.
 * @csspart list - The list of keys and what they do.
 * @csspart close - The close button.
 */
export class SaysoAdminShortcuts extends SaysoElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, styles];

  /** The shortcuts to list. */
  @property({ attribute: false }) shortcuts: readonly Pick<Shortcut, 'key' | 'label'>[] = [];

  @query('dialog') private dialog!: HTMLDialogElement;

  /** Whether the overview is showing. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Shows the overview (modal: Esc or the button closes it, and focus returns where it was). */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  close(): void {
    this.dialog?.close();
  }

  override render() {
    return html`<dialog part="dialog" aria-labelledby="title">
      <h2 id="title">Keyboard shortcuts</h2>
      <dl part="list">
        ${this.shortcuts.map((shortcut) => html`<div><dt><kbd>${keyName(shortcut.key)}</kbd></dt><dd>${shortcut.label}</dd></div>`)}
      </dl>
      <button part="close" class="button" type="button" @click=${this.close}>Close</button>
    </dialog>`;
  }
}
