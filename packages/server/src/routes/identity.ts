import { anyone } from './access.js';
import { operation, router } from './operation.js';
import { visitorTokenSchema } from '../schemas.js';

const newVisitor = operation({
  method: 'post', path: '/visitors', tag: 'identity', access: anyone, errors: [],
  summary: 'A new anonymous visitor',
  description:
    'No body. Answers a token signed with the server\'s own secret; send it as `X-Sayso-Visitor` to vote (and post, ' +
    'as the board\'s `anonymous` policy allows) as this visitor. An unsigned id is never an identity.',
  response: { status: 201, description: 'The new visitor\'s token.', schema: visitorTokenSchema },
});

/** Identity: no body, no credentials needed. Write limits per IP address apply. */
export const identityRoutes = () =>
  router().openapi(newVisitor, async (c) => c.json({ visitorToken: await c.var.asker.issueVisitor() }, 201));
