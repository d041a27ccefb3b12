// Classes, events and controllers, with no side effects: nothing is registered by importing this.
// Register elements with `@sayso/elements/sayso` (all of them) or one component's `<name>.js`.
export { SaysoBoard } from './components/sayso-board/sayso-board.component.js';
export { SaysoIdeaForm } from './components/sayso-idea-form/sayso-idea-form.component.js';
export { SaysoPostCard } from './components/sayso-post-card/sayso-post-card.component.js';
export { SaysoProvider } from './components/sayso-provider/sayso-provider.component.js';
export { SaysoVoteButton } from './components/sayso-vote-button/sayso-vote-button.component.js';
export { BoardViewController } from './controllers/board-view.js';
export { ClientController, saysoClientContext } from './controllers/client.js';
export type { ClientHost } from './controllers/client.js';
export { CustomStatesController } from './controllers/custom-states.js';
export { StoreController } from './controllers/store.js';
export { SaysoSubmitEvent } from './events/sayso-submit.js';
export { SaysoVoteEvent } from './events/sayso-vote.js';
export { SaysoElement } from './internal/sayso-element.js';
