import { createContext } from '@lit/context';
import type { SaysoClient } from '@sayso/core';

/**
 * The context `<sayso-provider>` fills with its client; every Sayso element reads it (through
 * `ClientController`). A module of its own so that the provider and the launcher, which only
 * name the context, do not pull the consumer side into a page's first download.
 */
export const saysoClientContext = createContext<SaysoClient | undefined>(Symbol.for('sayso-client'));
