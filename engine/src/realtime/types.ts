import type { Namespace, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SessionUser } from '../protocol/index.js';

export interface SocketData {
  siteId: string;
  user?: SessionUser;
  /** The handshake token of a staff namespace, checked again when the site's definition changes. */
  token?: string;
  ticketId?: string;
  statusToken?: string;
  /** SHA-256 of the handshake token: limits and revocation know the credential by it. */
  credential: string;
  /** What kind of credential it is (set with `counted`). */
  kind?: import('./socket-limits.js').CredentialKind;
  /** Counted against the credential's connection limit (released on disconnect). */
  counted?: boolean;
  /** A pending server-side snapshot retry. */
  retry?: ReturnType<typeof setTimeout>;
}

// eslint-style note: the third generic (inter-server events) is unused: every node tails Redis itself.
export type LoketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LoketNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LoketSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
