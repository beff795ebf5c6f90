// Runs the sample app's browser client, src/main/resources/static/zws.js, under Node against the running app, one
// scenario per run, for ZwsJsClientTest. Node 20 needs --experimental-websocket for its browser-compatible
// WebSocket (undici's), which is all zws.js uses:
//
//   node --experimental-websocket zws-client-driver.mjs <scenario> <http base url> [ws url]
//
// It prints one JSON line per finding and exits 0 when the scenario passed; on failure it prints the reason to
// stderr and exits 1. Every wait is bounded, so a missing reply ends the run rather than hanging it.
import { Sub, Req, Dealer, decode, ZwsError } from '../../main/resources/static/zws.js';

const WAIT_MS = 20000;
const [scenario, baseUrl, extraUrl] = process.argv.slice(2);

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function report(finding) {
  console.log(JSON.stringify({ scenario, ...finding }));
}

async function endpoints() {
  const response = await fetch(new URL('/zws-endpoints', baseUrl));
  check(response.ok, `GET /zws-endpoints answered ${response.status}`);
  return response.json();
}

/** Resolves with the first message for which accept() is true; every message goes to seen() first. */
function nextMessage(socket, what, accept, seen = () => {}) {
  return within(new Promise((resolve, reject) => {
    socket.onmessage = (frames) => {
      seen(frames);
      if (accept(frames)) resolve(frames);
    };
    socket.onclose = reject;
  }), what);
}

const topicOf = (frames) => decode(frames[0]);

const scenarios = {
  // Subscribes to two symbols, then cancels one and subscribes to a third: once the third's first message is in,
  // the cancellation (sent before it, on the same connection) has been applied, so no message of the cancelled
  // symbol may follow.
  async sub() {
    const ticker = new Sub((await endpoints()).prices);
    ticker.subscribe('prices.ACME');
    ticker.subscribe('prices.GLOBEX');
    const topics = new Set();
    await nextMessage(ticker, 'ACME and GLOBEX prices', () => topics.size === 2, (frames) => {
      check(frames.length === 2, `two frames, not ${frames.length}`);
      const quote = JSON.parse(decode(frames[1]));
      check(topicOf(frames) === 'prices.' + quote.symbol, `topic ${topicOf(frames)} for ${quote.symbol}`);
      check(typeof quote.price === 'number' && quote.price > 0, 'a positive price: ' + decode(frames[1]));
      topics.add(topicOf(frames));
    });
    report({ subscribed: [...topics].sort() });

    ticker.unsubscribe('prices.GLOBEX');
    ticker.subscribe('prices.INITECH');
    let initech = 0;
    await nextMessage(ticker, 'three INITECH prices', () => initech === 3, (frames) => {
      const topic = topicOf(frames);
      check(topic !== 'prices.GLOBEX' || initech === 0, 'a GLOBEX price after its subscription was cancelled');
      check(['prices.ACME', 'prices.GLOBEX', 'prices.INITECH'].includes(topic), 'a price not subscribed to: ' + topic);
      if (topic === 'prices.INITECH') initech++;
    });
    report({ unsubscribed: 'prices.GLOBEX', then: 'prices.INITECH' });
    ticker.close();
  },

  async req() {
    const quotes = new Req((await endpoints()).quotes);
    const reply = await within(quotes.request(JSON.stringify({ symbol: 'ACME' })), 'quote reply');
    check(reply.length === 1, `a one-frame reply, not ${reply.length} frames`);
    const quote = JSON.parse(decode(reply[0]));
    check(quote.symbol === 'ACME' && typeof quote.price === 'number', 'a quote: ' + decode(reply[0]));
    report({ quote });

    const pending = quotes.request('{"symbol":"NOPE"}');
    const refused = await quotes.request('{"symbol":"GLOBEX"}').then(() => null, (error) => error);
    check(refused instanceof ZwsError && /already waiting/.test(refused.message), 'a second request refused');
    const error = await within(pending, 'error reply');
    check(error.length === 2 && decode(error[0]) === 'zmq4j-error', 'the starter error reply');
    report({ second: refused.message, errorReply: decode(error[1]) });

    const closing = quotes.request('{"symbol":"GLOBEX"}').then(() => null, (e) => e);
    quotes.close();
    const closed = await within(closing, 'rejection on close');
    check(closed instanceof ZwsError, 'a ZwsError on close, not ' + closed);
    report({ onClose: closed.message });
  },

  // A DEALER adds no envelope: to a REP it sends the empty delimiter itself and gets it back.
  async dealer() {
    const dealer = new Dealer((await endpoints()).quotes, { routingId: 'js-dealer' });
    const replies = [];
    const both = nextMessage(dealer, 'two replies', () => replies.length === 2, (frames) => replies.push(frames));
    dealer.send(['', JSON.stringify({ symbol: 'UMBRELLA' })]);
    dealer.send([new Uint8Array(0), JSON.stringify({ symbol: 'INITECH' })]);
    await both;
    const symbols = replies.map((frames) => {
      check(frames.length === 2 && frames[0].length === 0, 'the delimiter, then the reply');
      return JSON.parse(decode(frames[1])).symbol;
    });
    check(symbols.join() === 'UMBRELLA,INITECH', 'replies in order: ' + symbols);
    report({ replies: symbols });
    dealer.close();
  },

  // A ws URL that does not speak plain ZWS2.0: closed, refused or not a WebSocket at all.
  async refused() {
    const sub = new Sub(extraUrl);
    sub.subscribe('');
    const closed = await within(new Promise((resolve) => { sub.onclose = resolve; }), 'onclose');
    check(closed instanceof ZwsError && closed === sub.closed, 'onclose gets the ZwsError, also in .closed');
    const req = new Req(extraUrl);
    const rejected = await within(req.request('hello').then(() => null, (e) => e), 'request rejection');
    check(rejected instanceof ZwsError, 'a rejected request');
    let thrown = null;
    try { sub.subscribe('x'); } catch (e) { thrown = e; }
    check(thrown === sub.closed, 'a closed socket throws its error');
    report({ onclose: closed.message, request: rejected.message });
  },
};

try {
  check(scenario in scenarios, `unknown scenario '${scenario}' (${Object.keys(scenarios).join(', ')})`);
  await scenarios[scenario]();
  process.exit(0);
} catch (error) {
  console.error(`${scenario}: ${error.stack || error}`);
  process.exit(1);
}
