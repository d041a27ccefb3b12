// examples/vue (built by `npm test` and `npm start`, served at /vue/): the plain Sayso elements
// in a Vue 3 template, against the real server.
import { describeExampleApp } from '../support/example-app.js';

describeExampleApp('Vue', '/vue/');
