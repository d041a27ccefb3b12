import { SaysoBoard, SaysoFeedbackButton, SaysoProvider, type SaysoCloseEvent, type SaysoSubmitEvent, type SaysoVoteEvent } from '@sayso/react';
import { useState } from 'react';

/** One line of what the app heard from Sayso, newest first. */
interface Heard {
  id: number;
  text: string;
}

let nextId = 0;

/**
 * The Acme Notes feedback page: the board in the page and the launcher in the corner, sharing
 * one provider, so a vote in either shows in both. The host listens to Sayso's typed events,
 * as an app would to send analytics or say thanks in its own voice.
 */
export function App() {
  const [heard, setHeard] = useState<Heard[]>([]);
  const note = (text: string) => {
    const id = nextId++;
    setHeard((lines) => [{ id, text }, ...lines].slice(0, 5));
  };

  const onVote = ({ detail }: SaysoVoteEvent) =>
    note(
      `${detail.voted ? 'Vote saved' : 'Vote taken back'}: ${detail.peopleCount} ${detail.peopleCount === 1 ? 'person wants' : 'people want'} this idea.`,
    );
  const onSubmit = ({ detail }: SaysoSubmitEvent) => note(`Thanks! “${detail.post.title}” was posted.`);
  const onClose = ({ detail }: SaysoCloseEvent) => note(`Feedback panel closed (${detail.reason}).`);

  return (
    <SaysoProvider apiUrl="/api/v1" onSaysoVote={onVote} onSaysoSubmit={onSubmit}>
      <header>
        <nav aria-label="Acme Notes">
          <a className="brand" href="/">
            Acme Notes
          </a>
          <a href="/">Plain HTML</a>
          <a href="/react/" aria-current="page">
            React
          </a>
          <a href="/vue/">Vue</a>
        </nav>
      </header>

      <main>
        <h1>Help shape Acme Notes</h1>
        <p>
          This page is a React app. It embeds the Sayso board and launcher with <code>@sayso/react</code>, and listens
          to their events.
        </p>

        <section aria-labelledby="heard-heading" className="heard">
          <h2 id="heard-heading">What this app heard</h2>
          <div role="log" aria-labelledby="heard-heading">
            <ul>
              {heard.length === 0 ? <li className="quiet">Nothing yet: vote for an idea or send one.</li> : null}
              {heard.map((line) => (
                <li key={line.id}>{line.text}</li>
              ))}
            </ul>
          </div>
        </section>

        <h2>Ideas from the community</h2>
        <SaysoBoard board="demo" />
      </main>

      <SaysoFeedbackButton
        className="feedback-launcher"
        board="demo"
        placement="top-end"
        onSaysoOpen={() => note('Feedback panel opened.')}
        onSaysoClose={onClose}
      />
    </SaysoProvider>
  );
}
