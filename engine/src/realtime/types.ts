import type { Namespace, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SessionUser } from '../protocol/index.js';

export interface SocketData {
  siteId: string;
  user?: SessionUser;
  /** The handshake token of a staff namespace, checked again when the site's definition changes. */
  token?: string;
  ticketId?: string;
  statusToken?: string;
}

// eslint-style note: the third generic (inter-server events) is unused: every node tails Redis itself.
export type LoketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LoketNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LoketSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
