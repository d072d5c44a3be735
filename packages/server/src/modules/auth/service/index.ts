// The auth service, one file a concern: logging in, sessions, the account's own password.
export { bootstrapAdmin, changePassword } from './account.js';
export { type LoginResult, login } from './login.js';
export {
  forgetSessions,
  listSessions,
  logout,
  resolveSession,
  revokeSession,
  SESSION_COOKIE,
} from './sessions.js';
