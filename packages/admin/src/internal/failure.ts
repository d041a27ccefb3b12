import type { SaysoError } from '@sayso/core';

/** What the admin can do about a failure, by its reason. */
function remedy(error: SaysoError): string {
  switch (error.code) {
    case 'network':
      return 'The server could not be reached: check the connection and try again.';
    case 'unauthorized':
    case 'token_expired':
      return 'Your admin key is no longer valid: sign in again.';
    case 'forbidden':
      return 'These credentials do not grant admin.';
    case 'not_found':
    case 'conflict':
    case 'invalid_input':
      return `${error.message} Reload to see it as it is now.`;
    default:
      return 'The server failed: try again in a moment.';
  }
}

/** "Merging failed. <what to do>": what failed, and what to do about it. */
export const failureMessage = (what: string, error: SaysoError): string => `${what} failed. ${remedy(error)}`;
