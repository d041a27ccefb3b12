import manifest from '@sayso/elements/custom-elements.json' with { type: 'json' };
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { initialize, mswLoader } from 'msw-storybook-addon';

// Controls and docs tables come from the generated manifest (npm run build-storybook makes it
// first), never from hand-written argTypes.
setCustomElementsManifest(manifest);

initialize({ onUnhandledRequest: 'bypass', quiet: true });

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
