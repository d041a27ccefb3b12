// examples/react (built by `npm test` and `npm start`, served at /react/): @sayso/react's typed
// components in a React 19 app, against the real server.
import { describeExampleApp } from '../support/example-app.js';

describeExampleApp('React', '/react/');
