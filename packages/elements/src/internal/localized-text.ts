/**
 * A message kept as how to say it rather than as said: called on every render, it follows a
 * change of locale while it is on screen (a failure, a thank-you, a note that something waits).
 */
export type LocalizedText = () => string;
