import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The server side of one WebSocket (RFC 6455), just what the Slack double's Socket Mode needs:
 * the upgrade handshake, text frames both ways (client frames are masked, server frames are not),
 * fragments, ping/pong and the close handshake. No extensions are negotiated, so a client offering
 * permessage-deflate gets plain frames, as the RFC allows.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

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

/** Answers the upgrade request with 101; undefined (and a 400) when it is not a WebSocket upgrade. */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  handlers: WebSocketHandlers,
): WebSocketLink | undefined {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return undefined;
  }
  const accept = createHash('sha1').update(`${key}${GUID}`).digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );

  let open = true;
  let buffered = head.length > 0 ? Buffer.from(head) : Buffer.alloc(0);
  let fragments: Buffer[] = [];
  const finish = () => {
    if (!open) return;
    open = false;
    handlers.onClose();
  };
  const write = (opcode: number, payload: Buffer) => {
    if (!open || socket.destroyed) return;
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : length < 65536
          ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
    socket.write(Buffer.concat([header, payload]));
  };
  const link: WebSocketLink = {
    sendText: (text) => write(OPCODE.text, Buffer.from(text, 'utf8')),
    ping: (data = '') => write(OPCODE.ping, Buffer.from(data, 'utf8')),
    close(code = 1000, reason = '') {
      const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
      payload.writeUInt16BE(code, 0);
      payload.write(reason, 2);
      write(OPCODE.close, payload);
      socket.end();
      finish();
    },
    destroy() {
      socket.destroy();
      finish();
    },
    get open() {
      return open;
    },
  };

  const onFrame = (fin: boolean, opcode: number, payload: Buffer) => {
    if (opcode === OPCODE.ping) return write(OPCODE.pong, payload);
    if (opcode === OPCODE.pong) return;
    if (opcode === OPCODE.close) {
      write(OPCODE.close, payload.subarray(0, 2));
      socket.end();
      return finish();
    }
    if (opcode === OPCODE.text || opcode === OPCODE.binary) fragments = [payload];
    else if (opcode === OPCODE.continuation) fragments.push(payload);
    if (fin && fragments.length > 0) {
      const text = Buffer.concat(fragments).toString('utf8');
      fragments = [];
      handlers.onText(text);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const frame = readFrame(buffered);
      if (!frame) break;
      buffered = buffered.subarray(frame.size);
      onFrame(frame.fin, frame.opcode, frame.payload);
    }
  });
  socket.on('close', finish);
  socket.on('error', finish);
  return link;
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

/** One complete frame from the start of `data`, unmasked; undefined until all of it arrived. */
function readFrame(
  data: Buffer,
): { fin: boolean; opcode: number; payload: Buffer; size: number } | undefined {
  if (data.length < 2) return undefined;
  const first = data[0] ?? 0;
  const second = data[1] ?? 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (second & 0x80) !== 0;
  const mask = masked ? data.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (data.length < offset + length) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload, size: offset + length };
}
