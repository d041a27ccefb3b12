import type { Preview } from '@storybook/web-components-vite';
import { initialize, mswLoader } from 'msw-storybook-addon';

initialize({ onUnhandledRequest: 'bypass', quiet: true });

const preview: Preview = {
  loaders: [mswLoader],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
