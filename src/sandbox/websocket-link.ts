import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * The server side of one WebSocket, as the Slack double's Socket Mode uses it, on the `ws` library:
 * text frames both ways, pings, the close handshake, and a dropped connection.
 */
export interface WebSocketLink {
  sendText(text: string): void;
  ping(data?: string): void;
  /** Sends a close frame (status 1000 unless given) and ends the socket. */
  close(code?: number, reason?: string): void;
  /** Ends the socket at once, no close frame (a dropped connection). */
  destroy(): void;
  readonly open: boolean;
}

export interface WebSocketHandlers {
  onText(text: string): void;
  onClose(): void;
}

/** Upgrades requests handed to it; one per double (`noServer`: the double's HTTP server owns the port). */
export function createWebSocketAcceptor() {
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  return {
    /** Answers the upgrade with 101 and calls `onOpen` with the link; a bad upgrade gets a 400. */
    accept(
      req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      handlers: WebSocketHandlers,
      onOpen: (link: WebSocketLink) => void,
    ): void {
      server.handleUpgrade(req, socket, head, (ws) => {
        ws.on('message', (data, isBinary) => {
          if (!isBinary) handlers.onText(data.toString());
        });
        ws.once('close', () => handlers.onClose());
        ws.on('error', () => ws.terminate());
        onOpen(linkOf(ws));
      });
    },
    close(): void {
      server.close();
    },
  };
}

function linkOf(ws: WebSocket): WebSocketLink {
  return {
    sendText: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    ping: (data) => {
      if (ws.readyState === ws.OPEN) ws.ping(data);
    },
    close: (code = 1000, reason = '') => ws.close(code, reason),
    destroy: () => ws.terminate(),
    get open() {
      return ws.readyState === ws.OPEN;
    },
  };
}
