/**
 * How long the server keeps an idle connection open: longer than the front end's idle timeout (App Service's
 * is 4 minutes). With Node's 5 s the server can close a connection just as the front end reuses it, a 502 for
 * the Teams message sent on it; steady traffic also keeps its connections instead of opening new ones.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 245_000;
