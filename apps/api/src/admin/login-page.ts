import { createHash } from 'node:crypto';

/**
 * The admin login page: an operator pastes an admin bearer token, which the page trades for the
 * session cookie (`POST /v1/admin/session`) and forgets; then it goes where the admin was headed.
 */
export const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onsale admin login</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #1d2330; }
  textarea { width: 100%; min-height: 6rem; font-family: ui-monospace, monospace; }
  button { margin-top: .75rem; padding: .5rem 1.25rem; }
  #message { color: #b3261e; min-height: 1.5rem; }
</style>
</head>
<body>
<h1>Onsale admin</h1>
<form id="login">
  <label for="token">Admin bearer token</label>
  <textarea id="token" name="token" required autocomplete="off" spellcheck="false"></textarea>
  <button type="submit">Log in</button>
  <p id="message" role="alert"></p>
</form>
<form id="logout"><button type="submit">Log out</button></form>
<script>
  const message = document.getElementById('message');
  const next = new URLSearchParams(location.search).get('next');
  const destination = next && next.startsWith('/admin/') ? next : '/admin/queues';
  document.getElementById('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = document.getElementById('token').value.trim();
    const reply = await fetch('/v1/admin/session', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
    if (reply.ok) return location.assign(destination);
    const problem = await reply.json().catch(() => ({}));
    message.textContent = problem.detail || 'Login failed (' + reply.status + ').';
  });
  document.getElementById('logout').addEventListener('submit', async (event) => {
    event.preventDefault();
    await fetch('/v1/admin/session/logout', { method: 'POST' });
    message.textContent = 'Logged out.';
  });
</script>
</body>
</html>
`;

const inlineScript = /<script>([\s\S]*?)<\/script>/.exec(LOGIN_PAGE)?.[1] ?? '';

/** Only this page's own inline script may run, and it may talk only to our origin. */
export const LOGIN_PAGE_CSP =
  `default-src 'self'; script-src 'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'; ` +
  "style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
