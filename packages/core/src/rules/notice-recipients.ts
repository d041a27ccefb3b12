/**
 * Who is told of something that happened to an idea: each person once, never the one who did it.
 * The people come from the event (for a shipped idea: its author and voters; for a reply: the
 * idea's author and everyone who commented before). `alreadyTold` are those who still have an
 * unread notice of the same news (a shipped idea shipped again), so nobody's bell fills up with
 * the same thing.
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
