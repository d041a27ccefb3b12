/** Words the generated ideas of the admin-list and backlog benches are made of, so some look alike. */
export const WORDS = `export import search filter dark mode mobile offline sync calendar slack email webhook api
  tags roadmap comments mentions avatars billing invoice sso saml csv pdf chart report widget theme`.split(/\s+/);

/** {@link WORDS} as an SQL array literal, to pick from in `generate_series` inserts. */
export const wordsSql = `ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}]`;
