// The signed-in user for this tab: tokens kept in sessionStorage, so they
// survive a reload but not the tab, and are never sent anywhere but /graphql.

import { gql, loginMutation, logoutMutation, refreshMutation } from './api.js';

const key = 'seats.session';

function readStored() {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return value && typeof value.accessToken === 'string' ? value : null;
  } catch {
    return null;
  }
}

export class Session {
  constructor() {
    this.current = readStored();
    this.listeners = [];
    this.refreshing = null;
  }

  get token() {
    return this.current?.accessToken ?? null;
  }

  get user() {
    return this.current?.user ?? null;
  }

  /** Calls `listener(user)` after every sign-in and sign-out. */
  onChange(listener) {
    this.listeners.push(listener);
  }

  async signIn(email, password) {
    const data = await gql(loginMutation, { input: { email, password } });
    this.store(data.login);
  }

  async signOut() {
    const refreshToken = this.current?.refreshToken;
    this.store(null);
    // Revoking is a courtesy to the server; the tokens are gone here either way.
    if (refreshToken) await gql(logoutMutation, { refreshToken }).catch(() => {});
  }

  /**
   * Runs `request(token)`; when the access token has expired, trades the
   * refresh token for a new pair once and tries again.
   */
  async authed(request) {
    try {
      return await request(this.token);
    } catch (err) {
      if (err.code !== 'UNAUTHENTICATED' || !(await this.refresh())) throw err;
      return request(this.token);
    }
  }

  /** True when a new token pair was obtained; one refresh at a time (each refresh token is single use). */
  refresh() {
    this.refreshing ??= this.exchange().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async exchange() {
    const refreshToken = this.current?.refreshToken;
    if (!refreshToken) return false;
    try {
      const data = await gql(refreshMutation, { refreshToken });
      this.store(data.refreshSession, false);
      return true;
    } catch (err) {
      if (err.code === 'UNAUTHENTICATED') this.store(null);
      return false;
    }
  }

  store(payload, announce = true) {
    const user = this.current?.user?.id;
    this.current = payload
      ? { accessToken: payload.accessToken, refreshToken: payload.refreshToken, user: payload.user }
      : null;
    try {
      if (payload) sessionStorage.setItem(key, JSON.stringify(this.current));
      else sessionStorage.removeItem(key);
    } catch {
      // Storage can be disabled; the session then lasts until the page closes.
    }
    if (announce || this.current?.user?.id !== user) for (const listener of this.listeners) listener(this.user);
  }
}
