import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** RFC 6455 §1.3: the key a server hashes with this GUID to accept a WebSocket handshake. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/**
 * The WebSocket behind the `wss://…/link/?ticket=…` URL that `apps.connections.open` returns, as
 * much of it as a Socket Mode client needs to connect: Slack greets each connection with a `hello`
 * message, answers the client's pings with pongs and closes when asked. Events are not delivered
 * over it (the double's tests and the sandbox post them over HTTP).
 */
export class SocketModeLinks {
  private readonly sockets = new Set<Duplex>();

  constructor(private readonly appId: () => string) {}

  /** Connections open now. */
  get open(): number {
    return this.sockets.size;
  }

  /** Handles an HTTP `upgrade` request; anything but a WebSocket to `/link/` is refused. */
  accept(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/link/' || typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n' +
        `sec-websocket-accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const hello = {
      type: 'hello',
      num_connections: this.sockets.size,
      debug_info: { host: 'applink-double', approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId() },
    };
    socket.write(frame(OPCODE.text, Buffer.from(JSON.stringify(hello))));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let read = readFrame(pending); read; read = readFrame(pending)) {
        pending = pending.subarray(read.length);
        if (read.opcode === OPCODE.ping) socket.write(frame(OPCODE.pong, read.payload));
        if (read.opcode === OPCODE.close) {
          socket.end(frame(OPCODE.close, read.payload));
          return;
        }
      }
    });
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}

/** A server's frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** One complete frame from a client (clients always mask), or undefined until it has all arrived. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) {
    for (let i = 0; i < payload.length; i += 1) {
      payload[i] = (payload[i] ?? 0) ^ (buffer[maskOffset + (i % 4)] ?? 0);
    }
  }
  return { opcode, payload, length: offset + length };
}
