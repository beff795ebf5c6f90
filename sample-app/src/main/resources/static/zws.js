// zws.js: a small ZeroMQ client for browsers over ZWS 2.0 (45/ZWS), the WebSocket mapping of ZMTP that zmq4j and
// libzmq serve on ws:// endpoints. Browser WebSocket API only; an ES module. Socket types SUB, REQ and DEALER.
//
// What goes over the wire (one binary WebSocket message per ZMTP frame):
//   subprotocol   plain "ZWS2.0": browsers refuse "ZWS2.0/NULL" as a subprotocol token (the "/"), and a browser
//                 cannot do CURVE or PLAIN either, so the server's socket must use no mechanism (NULL)
//   first message each side's routing id (flags 0x00, then the id, empty when it has none), as in ZMTP 2.0
//   every frame   a flags byte (0x01 more frames follow, 0x00 last frame) then the frame's body
//   subscription  a one-frame message whose body is 0x01 + topic (0x00 + topic cancels it), as ZMTP 3.0 sends it
// Heartbeats are WebSocket ping/pong control frames, which the browser answers by itself.
//
// A message is an array of frames, each a Uint8Array; where a frame is sent, a string (UTF-8) or ArrayBuffer does
// too. There is no reconnection: when the connection ends, onclose(error) is called, pending requests are rejected,
// and the page makes a new socket if it wants one.

export const SUBPROTOCOL = 'ZWS2.0';

const MORE = 0x01;
const LAST = 0x00;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a string. */
export const encode = (string) => encoder.encode(string);

/** The string of UTF-8 bytes. */
export const decode = (bytes) => decoder.decode(bytes);

/** Every failure of this module: a connection that could not open or that closed, a misuse. */
export class ZwsError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ZwsError';
  }
}

function toFrame(value) {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new ZwsError('a frame is a Uint8Array, an ArrayBuffer or a string, not ' + Object.prototype.toString.call(value));
}

function toFrames(message) {
  return Array.isArray(message) ? message.map(toFrame) : [toFrame(message)];
}

/**
 * One WebSocket connection speaking plain ZWS 2.0: routing ids first, then frames. The socket types below add
 * their envelope rules. Callbacks: onmessage(frames), onclose(error) once, with a ZwsError saying why.
 */
class ZwsSocket {
  constructor(url, { routingId = '' } = {}) {
    this.url = url;
    this.onmessage = null;
    this.onclose = null;
    this.closed = null; // the ZwsError once the connection has ended
    this._opened = false;
    this._peerRoutingId = null;
    this._outbox = []; // WebSocket messages sent before the connection is open: a CONNECTING WebSocket throws
    this._frames = [];
    this._ws = new WebSocket(url, [SUBPROTOCOL]);
    this._ws.binaryType = 'arraybuffer'; // frames arrive as bytes at once, not as Blobs to read asynchronously
    this._ws.onopen = () => {
      if (this._ws.protocol !== SUBPROTOCOL) {
        this._fail(`${url} answered with subprotocol '${this._ws.protocol}', not ${SUBPROTOCOL}`);
        this._ws.close(); // a page may only send 1000 or 3000-4999, not 1002 (protocol error)
        return;
      }
      this._opened = true;
      this._ws.send(this._withFlags(LAST, toFrame(routingId)));
      this._outbox.forEach((bytes) => this._ws.send(bytes));
      this._outbox = [];
    };
    this._ws.onmessage = (event) => this._receive(event.data);
    // The browser says no more than "closed" (code 1006) both for nothing listening and for a refused upgrade: a
    // server whose socket has a mechanism answers ZWS2.0 with HTTP 400, and the page never sees that status.
    // Browsers fire error then close; Node 20's WebSocket fires only error when the connection never opened.
    const lost = (code, reason) =>
      this._fail(this._opened
        ? `the connection to ${url} closed (code ${code}${reason ? ', ' + reason : ''})`
        : `could not open a ${SUBPROTOCOL} connection to ${url}: nothing listens there, or the server refused the` +
          ` upgrade (not a ZeroMQ ws endpoint, or its socket uses CURVE or PLAIN, which browsers cannot speak)`);
    this._ws.onerror = () => lost(1006, 'error');
    this._ws.onclose = (event) => lost(event.code, event.reason);
  }

  /** Closes the connection; pending requests are rejected. */
  close() {
    this._fail('closed by this page');
    this._ws.close(1000);
  }

  _withFlags(flags, frame) {
    const bytes = new Uint8Array(frame.length + 1);
    bytes[0] = flags;
    bytes.set(frame, 1);
    return bytes;
  }

  _sendFrames(frames) {
    if (this.closed) throw this.closed;
    frames.forEach((frame, i) => {
      const bytes = this._withFlags(i < frames.length - 1 ? MORE : LAST, frame);
      if (this._opened) this._ws.send(bytes);
      else this._outbox.push(bytes);
    });
  }

  _receive(data) {
    if (this.closed) return; // what was on its way when the socket failed or was closed
    if (typeof data === 'string') {
      // ZWS 2.0 frames are binary messages only; libzmq drops a peer that sends text, so do we.
      this._fail(`${this.url} sent a text message, which ZWS 2.0 does not allow`);
      this._ws.close();
      return;
    }
    const bytes = new Uint8Array(data);
    if (bytes.length === 0 || (bytes[0] & ~MORE) !== 0) {
      this._fail(`${this.url} sent a message without a valid flags byte`);
      this._ws.close();
      return;
    }
    const body = bytes.subarray(1);
    if (this._peerRoutingId === null) {
      this._peerRoutingId = body;
      return;
    }
    this._frames.push(body);
    if (bytes[0] === LAST) {
      const frames = this._frames;
      this._frames = [];
      this._deliver(frames);
    }
  }

  _deliver(frames) {
    if (this.onmessage) this.onmessage(frames);
  }

  _fail(reason) {
    if (this.closed) return;
    this.closed = new ZwsError(reason);
    if (this.onclose) this.onclose(this.closed);
  }
}

/** SUB: receives the messages of the topics it subscribes to; a topic is a prefix of the first frame. */
export class Sub extends ZwsSocket {
  subscribe(topic = '') {
    this._subscription(1, topic);
  }

  unsubscribe(topic = '') {
    this._subscription(0, topic);
  }

  _subscription(command, topic) {
    this._sendFrames([this._withFlags(command, toFrame(topic))]);
  }
}

/**
 * REQ: one request at a time, each a Promise of the reply's frames. As a ZeroMQ REQ, it puts an empty delimiter
 * frame before the request and takes it off the reply, and drops replies it is not waiting for. A request that
 * times out closes the socket (the Lazy Pirate way): a late reply could otherwise answer the next request.
 */
export class Req extends ZwsSocket {
  constructor(url, options) {
    super(url, options);
    this._pending = null;
  }

  request(message, { timeout = 0 } = {}) {
    if (this._pending) return Promise.reject(new ZwsError('REQ: a request is already waiting for its reply'));
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const timer = timeout > 0 ? setTimeout(() => {
        this._ws.close(1000);
        this._fail(`no reply from ${this.url} within ${timeout} ms; this REQ socket is closed`);
      }, timeout) : null;
      this._pending = { resolve, reject, timer };
      this._sendFrames([new Uint8Array(0), ...toFrames(message)]);
    });
  }

  _deliver(frames) {
    const pending = this._pending;
    if (!pending || frames.length < 2 || frames[0].length !== 0) return; // not a reply to our request
    this._settle();
    pending.resolve(frames.slice(1));
  }

  _fail(reason) {
    super._fail(reason);
    const pending = this._pending;
    if (pending) {
      this._settle();
      pending.reject(this.closed);
    }
  }

  _settle() {
    clearTimeout(this._pending.timer);
    this._pending = null;
  }
}

/** DEALER: sends and receives messages as they are, with no envelope of its own (to a REP, send '' first). */
export class Dealer extends ZwsSocket {
  send(message) {
    this._sendFrames(toFrames(message));
  }
}
