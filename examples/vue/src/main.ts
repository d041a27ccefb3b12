// Registers the three Sayso elements this app uses (each import defines its tag), then mounts it.
import '@sayso/elements/components/sayso-provider/sayso-provider.js';
import '@sayso/elements/components/sayso-board/sayso-board.js';
import '@sayso/elements/components/sayso-feedback-button/sayso-feedback-button.js';
import { createApp } from 'vue';
import App from './App.vue';
import '../../shared/acme-notes.css';

createApp(App).mount('#app');
