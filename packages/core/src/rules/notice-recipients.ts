/**
 * Who is told of something that happened to an idea: each person once, never the one who did it.
 * The people come from the event (for a reply: the idea's author and everyone who commented
 * before; for a merge: the merged idea's people; for a shipping: its followers, rules/followers.ts).
 * `alreadyTold` are those who still have an unread notice of the same news (a shipped idea
 * shipped again), so nobody's bell fills up with the same thing.
 */
export function noticeRecipients<Person>(params: {
  people: Iterable<Person | undefined | null>;
  actor: Person;
  alreadyTold?: ReadonlySet<Person>;
}): Person[] {
  const recipients = new Set<Person>();
  for (const person of params.people) {
    if (person === undefined || person === null || person === params.actor) continue;
    if (params.alreadyTold?.has(person)) continue;
    recipients.add(person);
  }
  return [...recipients];
}

/**
 * Who is told of a new comment: the idea's author and everyone who commented on it before,
 * never its writer. Voting is not taking part in the discussion: voters hear only of shipping.
 */
export function replyRecipients<Person>(reply: {
  postAuthor: Person | undefined | null;
  earlierCommenters: Iterable<Person | undefined | null>;
  writer: Person;
}): Person[] {
  return noticeRecipients({ people: [reply.postAuthor, ...reply.earlierCommenters], actor: reply.writer });
}
