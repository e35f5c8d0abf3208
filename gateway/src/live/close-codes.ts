import { CloseCode as GraphqlWsCloseCode } from 'graphql-ws';

/**
 * Every code the gateway closes a live socket with, in one place (README,
 * "Live seat maps", says what a client does on each). The 44xx codes are
 * graphql-ws's; 1001, 1012 and 1013 are the WebSocket standard's.
 */
export const CloseCode = {
  /** The gateway is shutting down: reconnect to another instance. */
  GoingAway: 1001,
  /** Live updates were interrupted (the bus reconnected): reconnect and reload the seat map. */
  ServiceRestart: 1012,
  /** The client read too slowly to keep up: reconnect and resync. */
  TryAgainLater: 1013,
  /** A bad token, or an Origin that may not connect. */
  Forbidden: GraphqlWsCloseCode.Forbidden,
  /** Too many connections (per address, per user or in all): graphql-ws's "too many" code. */
  TooManyConnections: GraphqlWsCloseCode.TooManyInitialisationRequests,
  /** An error of ours while serving the socket. */
  InternalServerError: GraphqlWsCloseCode.InternalServerError,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
