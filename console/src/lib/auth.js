import { UserManager, WebStorageStateStore } from 'oidc-client-ts'
import { reactive } from 'vue'

// Authorization code + PKCE (S256) against the realm's public client govdata-console, done by
// oidc-client-ts. Tokens live in this tab's sessionStorage only (gone with the tab, never readable
// by another origin); the access token is renewed with the refresh token before it expires.

export const session = reactive({ user: null, profile: null })
let manager = null

const base = () => window.location.origin + '/console/'

export async function startAuth() {
  const config = await (await fetch('/console/config.json')).json()
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: base(),
    post_logout_redirect_uri: base(),
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    loadUserInfo: false,
  })
  manager.events.addUserLoaded((user) => setUser(user))
  manager.events.addUserSignedOut(() => setUser(null))
  manager.events.addSilentRenewError(() => manager.signinRedirect({ state: currentPath() }))

  const params = new URLSearchParams(window.location.search)
  if (params.has('code') && params.has('state')) {
    const user = await manager.signinRedirectCallback()
    setUser(user)
    return typeof user.state === 'string' ? user.state : '/'
  }
  let user = await manager.getUser()
  if (user && user.expired) {
    try { user = await manager.signinSilent() } catch { user = null }
  }
  if (!user) {
    await manager.signinRedirect({ state: currentPath() })
    return null
  }
  setUser(user)
  return undefined
}

function currentPath() {
  const path = window.location.pathname.replace(/^\/console/, '') || '/'
  return path
}

function setUser(user) {
  session.user = user
  session.profile = user ? claims(user.access_token) : null
}

/** The access token's claims the console shows and routes by: roles, department, region. */
export function claims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
    const json = JSON.parse(decodeURIComponent(escape(atob(payload))))
    return {
      username: json.preferred_username,
      roles: (json.realm_access?.roles || []).filter((r) => !r.startsWith('default-roles') && r !== 'offline_access' && r !== 'uma_authorization'),
      department: json.department || null,
      region: json.region || null,
    }
  } catch {
    return { username: null, roles: [], department: null, region: null }
  }
}

export async function accessToken() {
  if (!manager) return null
  let user = await manager.getUser()
  if (user && user.expires_in !== undefined && user.expires_in < 30) {
    try { user = await manager.signinSilent() } catch { /* the API answers 401 and the user signs in again */ }
  }
  return user?.access_token || null
}

export async function logout() {
  await manager.signoutRedirect({ id_token_hint: session.user?.id_token })
}
