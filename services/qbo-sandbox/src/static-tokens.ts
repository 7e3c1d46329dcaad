import type { AccessTokenVerifier, VerifiedAccessToken } from './types';

/**
 * Fixed bearer tokens for admin and demo use (and the tests of the accounting API alone):
 * token → realmId, or "*" for every realm. Checked before the OAuth server's tokens.
 */
export function chainVerifiers(staticTokens: Record<string, string>, next: AccessTokenVerifier | undefined): AccessTokenVerifier {
  return {
    verifyAccessToken(token: string): VerifiedAccessToken | undefined {
      const realmId = staticTokens[token];
      if (realmId !== undefined) return { realmId, clientId: 'sandbox-static-token', scopes: ['com.intuit.quickbooks.accounting'] };
      return next?.verifyAccessToken(token);
    },
  };
}
