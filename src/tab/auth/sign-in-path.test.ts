import { describe, expect, it } from 'vitest';
import { chooseSignInPath } from './sign-in-path.js';

describe('chooseSignInPath', () => {
  it('uses NAA first, then Teams SSO, inside a host that recommends NAA', () => {
    expect(chooseSignInPath({ hosted: true, naaRecommended: true }, 'production')).toEqual({
      kind: 'hosted',
      methods: ['naa', 'teams-sso'],
    });
  });

  it('uses Teams SSO alone inside a host that does not offer NAA', () => {
    expect(chooseSignInPath({ hosted: true, naaRecommended: false }, 'production')).toEqual({
      kind: 'hosted',
      methods: ['teams-sso'],
    });
  });

  it('says the app runs inside Teams or Outlook in a plain browser against production', () => {
    expect(chooseSignInPath({ hosted: false }, 'production')).toEqual({ kind: 'not-hosted' });
  });

  it('shows the demo-user picker in local mode, hosted or not', () => {
    expect(chooseSignInPath({ hosted: false }, 'local')).toEqual({ kind: 'dev-picker' });
    expect(chooseSignInPath({ hosted: true, naaRecommended: true }, 'local')).toEqual({ kind: 'dev-picker' });
  });
});
