import { openApiDocument } from '../openapi.js';
import { documentSchema } from '../schemas.js';
import { anyone } from './access.js';
import { operation, router } from './operation.js';

const document = operation({
  method: 'get', path: '/openapi.json', tag: 'meta', access: anyone, errors: [],
  summary: 'This document',
  response: { status: 200, description: 'The OpenAPI 3.1 document of the API.', schema: documentSchema },
});

export const metaRoutes = () => router().openapi(document, (c) => c.json(openApiDocument(), 200));
