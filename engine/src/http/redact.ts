/** Secrets in URLs (a citizen's status token in a path, any `token` in a query string) replaced before a URL is logged. */
const PATH_SECRETS = /(\/public\/tickets\/|\/t\/)[^/?#]+/g;
const QUERY_SECRETS = /([?&](?:token|statusToken|access_token|auth)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(PATH_SECRETS, '$1[redacted]').replace(QUERY_SECRETS, '$1[redacted]');
}
