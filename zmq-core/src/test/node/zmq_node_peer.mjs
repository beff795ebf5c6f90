// A Node peer for zmq4j's ws:// interop tests (NodePeer.java), speaking through one of two npm libraries:
// zeromq (zeromq.js 6, a binding to libzmq 4.3.5) or jszmq (a pure JavaScript ZeroMQ over WebSocket, plain ZWS2.0).
//
// Invocation (after `npm ci --ignore-scripts` in this directory):
//
//     node zmq_node_peer.mjs ROLE (bind|connect) ENDPOINT --lib (zeromq|jszmq) [--type TYPE] [--count N]
//          [--routing-id-hex HEX] [--expect-routing-id-hex HEX] [--curve-server] [--curve-publickey Z85]
//          [--curve-secretkey Z85] [--curve-serverkey Z85] [--group G] [--timeout-ms MS] [--max-seconds S]
//
// The stdout protocol, roles and traffic are those of src/test/python/zmq_peer.py (its docstring is the reference):
//     ENDPOINT <resolved endpoint>   after a bind; a `*` port is resolved to the port the kernel chose
//     READY                          after connect() returned
//     SENT / RECEIVED <hex>... / NOTHING / OK   the one answer to each command of the script role
//     JOINED                         the dish role received its first message (so its JOIN reached the RADIO)
//     SENT                           the radio role sent its numbered messages (after the `send` line on stdin)
//     DONE <role> <count>            the role completed; the exit status is then 0
// Failures go to stderr with a non-zero status: 1 = check failed, 2 = a receive or send timed out, 3 = the
// whole run exceeded --max-seconds, so the script always ends on its own.
//
// Roles: rep-echo, req-client, router-echo, dealer-client, push, pull, pair-echo (as in zmq_peer.py), the draft
// server-echo and client-client (zeromq only: single-part, the SERVER replying to each request's routing id), the
// draft scatter and gather (zeromq only: push and pull of single-part messages), the draft radio and dish (zeromq
// only, group --group; see radioDishRoles()), and
// script: a socket of --type (req, rep, dealer, router, pub, sub, push, pull, pair) driven by stdin commands
// (send HEX..., recv MS, subscribe HEX, unsubscribe HEX, quit; "-" is an empty frame or topic).
//
// What jszmq 0.1.2 and zeromq.js 6.8.0 do differently is handled here, not hidden: see acceptPlainZws(),
// routerPeerId(), the jszmq close() and the zeromq send() (docs/interop.md, "Node over ws://").

import { createRequire } from "node:module";
import { createServer } from "node:http";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);

const FAILED = 1;
const TIMED_OUT = 2;
const TOO_LONG = 3;

function fail(status, message) {
    process.stderr.write(`zmq_node_peer: ${message}\n`, () => process.exit(status));
}

function out(line) {
    process.stdout.write(line + "\n");
}

function parseArgs(argv) {
    const [role, mode, endpoint, ...rest] = argv;
    const args = {
        role, mode, endpoint, lib: null, type: null, count: 1, routingId: null, expectRoutingId: null,
        curveServer: false, curvePublicKey: null, curveSecretKey: null, curveServerKey: null, group: "interop",
        timeoutMs: 10000, maxSeconds: 30,
    };
    const valued = {
        "--lib": (v) => (args.lib = v),
        "--type": (v) => (args.type = v),
        "--count": (v) => (args.count = Number(v)),
        "--routing-id-hex": (v) => (args.routingId = Buffer.from(v, "hex")),
        "--expect-routing-id-hex": (v) => (args.expectRoutingId = Buffer.from(v, "hex")),
        "--curve-publickey": (v) => (args.curvePublicKey = v),
        "--curve-secretkey": (v) => (args.curveSecretKey = v),
        "--curve-serverkey": (v) => (args.curveServerKey = v),
        "--group": (v) => (args.group = v),
        "--timeout-ms": (v) => (args.timeoutMs = Number(v)),
        "--max-seconds": (v) => (args.maxSeconds = Number(v)),
    };
    for (let k = 0; k < rest.length; k++) {
        if (rest[k] === "--curve-server") {
            args.curveServer = true;
        } else if (valued[rest[k]] && k + 1 < rest.length) {
            valued[rest[k]](rest[++k]);
        } else {
            fail(FAILED, `unknown or incomplete option ${rest[k]}`);
        }
    }
    if (!["bind", "connect"].includes(mode) || !endpoint || !["zeromq", "jszmq"].includes(args.lib)) {
        fail(FAILED, "usage: ROLE (bind|connect) ENDPOINT --lib (zeromq|jszmq) [options]");
    }
    return args;
}

// ---- traffic, defined exactly as in zmq_peer.py and Traffic.java

function payload(i) {
    const text = String(i);
    return Buffer.from(i % 1000 === 0 ? text + ".".repeat(300 - text.length) : text, "ascii");
}

function request(i) {
    const first = Buffer.from(`request ${i}`);
    return i % 2 === 1 ? [first, Buffer.from(`second frame ${i}`)] : [first];
}

function dealerFrames(i) {
    const body = `body ${i}` + (i % 10 === 0 ? "x".repeat(300) : "");
    return [Buffer.from(`header ${i}`), Buffer.alloc(0), Buffer.from(body)];
}

function show(frames) {
    return "[" + frames.map((f) => (f.length > 40 ? f.subarray(0, 40).toString("hex") + "..." : f.toString("hex")))
        .join(", ") + "]";
}

function sameFrames(a, b) {
    return a.length === b.length && a.every((frame, k) => frame.equals(b[k]));
}

// ---- one socket API over both libraries: bind, connect, send(frames), receive(ms) -> frames or null

/** zeromq.js: libzmq underneath, so receive and send timeouts are libzmq's RCVTIMEO and SNDTIMEO. */
async function zeromqSocket(type, args) {
    const zmq = require("zeromq");
    // The draft types only when asked for: loading them prints zeromq.js's "experimental" warning.
    const draftTypes = ["server", "client", "scatter", "gather", "radio", "dish"];
    const draft = draftTypes.includes(type) ? require("zeromq/draft") : {};
    const classes = {
        req: zmq.Request, rep: zmq.Reply, dealer: zmq.Dealer, router: zmq.Router, pub: zmq.Publisher,
        sub: zmq.Subscriber, push: zmq.Push, pull: zmq.Pull, pair: zmq.Pair,
        server: draft.Server, client: draft.Client, scatter: draft.Scatter, gather: draft.Gather,
        radio: draft.Radio, dish: draft.Dish,
    };
    const options = { linger: args.timeoutMs };
    if (!["pull", "sub", "gather", "dish"].includes(type)) options.sendTimeout = args.timeoutMs;
    if (!["push", "pub", "scatter", "radio"].includes(type)) options.receiveTimeout = args.timeoutMs;
    if (args.routingId) options.routingId = args.routingId;
    if (type === "router") options.mandatory = true;
    if (args.curveServer) options.curveServer = true;
    if (args.curvePublicKey) options.curvePublicKey = args.curvePublicKey;
    if (args.curveSecretKey) options.curveSecretKey = args.curveSecretKey;
    if (args.curveServerKey) options.curveServerKey = args.curveServerKey;
    const socket = new classes[type](options);
    // Dish.join is libzmq's zmq_join (a group joined twice is EINVAL); before bind or connect, so every RADIO gets it.
    if (type === "dish") socket.join(args.group);
    const isTimeout = (error) => error.code === "EAGAIN";
    return {
        async bind(endpoint) {
            await socket.bind(endpoint);
            // libzmq 4.3.5 gives a bound udp endpoint without its scheme (`127.0.0.1:5555`), which connect refuses:
            // the scheme is put back here so the ENDPOINT line can be connected to as for the other transports.
            const last = socket.lastEndpoint;
            return last.includes("://") ? last : endpoint.slice(0, endpoint.indexOf("://") + 3) + last;
        },
        connect: (endpoint) => socket.connect(endpoint),
        whenPeerAttached: async () => true, // a bound PUSH or PUB of libzmq waits for (or drops without) a peer itself
        async send(frames) {
            try {
                // Copies: over ws://, zeromq.js 6.8.0 writes a wrong small frame when it sends back the Buffers
                // receive() gave it (the echo roles); docs/interop.md, "Node over ws://".
                if (type === "server") {
                    // A SERVER message is one frame, addressed by the routing id it was received with.
                    await socket.send(Buffer.from(frames[0]), { routingId: frames.routingId });
                } else if (type === "radio") {
                    // A RADIO message is one frame sent to a group; a RADIO drops what no DISH joined, never blocks.
                    await socket.send(Buffer.from(frames[0]), { group: frames.group });
                } else {
                    await socket.send(frames.map((frame) => Buffer.from(frame)));
                }
                return true;
            } catch (error) {
                if (isTimeout(error)) return false;
                throw error;
            }
        },
        async receive(ms) {
            socket.receiveTimeout = ms;
            try {
                if (type === "server") {
                    const [message, { routingId }] = await socket.receive();
                    return Object.assign([message], { routingId });
                }
                if (type === "dish") {
                    const [message, { group }] = await socket.receive();
                    return Object.assign([message], { group: group.toString("utf8") });
                }
                return await socket.receive();
            } catch (error) {
                if (isTimeout(error)) return null;
                throw error;
            }
        },
        subscribe: (topic) => socket.subscribe(topic),
        unsubscribe: (topic) => socket.unsubscribe(topic),
        close: async () => socket.close(),
    };
}

/**
 * jszmq 0.1.2 offers and accepts plain ZWS2.0 only, but its server leaves the choice of subprotocol to `ws`,
 * which takes the client's first offer. zmq4j and libzmq offer `ZWS2.0/NULL, ZWS2.0`, so the jszmq server would
 * answer ZWS2.0/NULL and then speak plain ZWS2.0 (routing id first, no READY): a peer expecting the NULL handshake
 * receives an empty message frame where READY should be. Until jszmq chooses for itself, this rewrites the offer to
 * the one protocol jszmq speaks, before jszmq's own upgrade handler sees the request.
 */
function acceptPlainZws(server) {
    server.prependListener("upgrade", (request) => {
        const offered = (request.headers["sec-websocket-protocol"] || "").split(",").map((p) => p.trim());
        if (offered.includes("ZWS2.0")) request.headers["sec-websocket-protocol"] = "ZWS2.0";
    });
}

/** jszmq: events in, so received messages are queued here and a receive waits on the queue with a timer. */
async function jszmqSocket(type, args) {
    const jszmq = require("jszmq");
    const socket = jszmq.socket(type);
    if (args.routingId) socket.options.routingId = args.routingId;
    if (args.curveServer || args.curvePublicKey || args.curveServerKey) {
        fail(FAILED, "jszmq has no CURVE (it speaks plain ZWS2.0 only)");
    }
    const queue = [];
    let waiter = null;
    socket.on("message", (...frames) => {
        queue.push(frames.map((frame) => Buffer.from(frame)));
        if (waiter) waiter();
    });
    // The connections jszmq has attached: a connecting socket attaches its endpoint before the WebSocket is open.
    const endpoints = [];
    let onOpen = null;
    const attachEndpoint = socket.attachEndpoint;
    socket.attachEndpoint = (endpoint) => {
        attachEndpoint(endpoint);
        endpoints.push(endpoint);
        if (isOpen(endpoint)) {
            if (onOpen) onOpen();
        } else {
            endpoint.socket.once("open", () => onOpen && onOpen());
        }
    };
    const isOpen = (endpoint) => endpoint.socket.readyState === endpoint.socket.OPEN;
    let server = null;
    return {
        /** jszmq listens through a given http server, which picks an ephemeral port for `*`. */
        async bind(endpoint) {
            const url = new URL(endpoint.replace(/:\*(?=\/|$)/, ":0"));
            server = createServer();
            acceptPlainZws(server);
            await new Promise((resolve, reject) => {
                server.once("error", reject);
                server.listen(Number(url.port), url.hostname, resolve);
            });
            const resolved = `ws://${url.hostname}:${server.address().port}${url.pathname}`;
            socket.bind(resolved, server);
            return resolved;
        },
        connect: (endpoint) => socket.connect(endpoint),
        /** jszmq drops what a bound PUSH or PUB sends before a peer is there (libzmq would wait). */
        whenPeerAttached: (ms) => new Promise((resolve) => {
            if (endpoints.some(isOpen)) return resolve(true);
            const timer = setTimeout(() => resolve(false), ms);
            onOpen = () => { clearTimeout(timer); onOpen = null; resolve(true); };
        }),
        async send(frames) {
            socket.send(frames);
            return true;
        },
        receive: (ms) => new Promise((resolve) => {
            if (queue.length > 0) return resolve(queue.shift());
            const timer = setTimeout(() => { waiter = null; resolve(null); }, ms);
            waiter = () => { clearTimeout(timer); waiter = null; resolve(queue.shift()); };
        }),
        subscribe: (topic) => socket.subscribe(topic),
        unsubscribe: (topic) => socket.unsubscribe(topic),
        async close() {
            // jszmq has no linger: wait (bounded) until ws has written out what is queued, then close.
            const deadline = Date.now() + args.timeoutMs;
            const queued = () => endpoints.some((e) => e.queue.length > 0 || (isOpen(e) && e.socket.bufferedAmount > 0));
            while (queued() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
            // Closing a jszmq socket closes its `ws` server, which terminates the connections at once (close code
            // 1006, a reset) and loses what the kernel has not delivered yet: close each WebSocket first and wait
            // (bounded) for its closing handshake.
            const open = endpoints.filter((e) => e.socket.readyState !== e.socket.CLOSED);
            const closed = open.map((e) => new Promise((resolve) => {
                e.socket.once("close", resolve);
                setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
            }));
            open.forEach((e) => e.close());
            await Promise.all(closed);
            socket.close();
            if (server) await new Promise((resolve) => server.close(resolve));
        },
    };
}

/**
 * The routing id a jszmq ROUTER reports for a peer that announced `id`: jszmq 0.1.2 (router.js) stores it as
 * 0x00 + id, the prefix libzmq reserves for the ids it generates, and shows the application that. The roles
 * check against the peer's real id, so the prefix is removed here; WsJszmqInteropTest asserts the raw form.
 */
function routerPeerId(args, id) {
    return args.lib === "jszmq" && id.length > 1 && id[0] === 0 ? id.subarray(1) : id;
}

// ---- roles

function roles(socket, args) {
    // After a timeout, fail() exits once stderr is written: the role waits for that (a promise that never settles)
    // rather than going on with nothing and adding a TypeError to the message.
    const never = () => new Promise(() => {});
    const receive = async (what) => {
        const frames = await socket.receive(args.timeoutMs);
        if (frames === null) {
            fail(TIMED_OUT, `timed out after ${args.timeoutMs} ms waiting for ${what}`);
            return never();
        }
        return frames;
    };
    const send = async (frames, what) => {
        if (!(await socket.send(frames))) {
            fail(TIMED_OUT, `timed out after ${args.timeoutMs} ms sending ${what}`);
            return never();
        }
    };
    const awaitPeer = async () => {
        if (!(await socket.whenPeerAttached(args.timeoutMs))) fail(TIMED_OUT, "no peer connected");
    };
    return {
        "rep-echo": ["rep", async () => {
            for (let i = 0; i < args.count; i++) await send(await receive(`request ${i}`), `reply ${i}`);
        }],
        "req-client": ["req", async () => {
            for (let i = 0; i < args.count; i++) {
                await send(request(i), `request ${i}`);
                const reply = await receive(`reply ${i}`);
                if (!sameFrames(reply, request(i))) {
                    fail(FAILED, `reply ${i} was ${show(reply)}, expected the echo ${show(request(i))}`);
                }
            }
        }],
        "router-echo": ["router", async () => {
            for (let i = 0; i < args.count; i++) {
                const [id, ...frames] = await receive(`message ${i}`);
                const peerId = routerPeerId(args, id);
                if (args.expectRoutingId && !peerId.equals(args.expectRoutingId)) {
                    fail(FAILED, `ROUTER saw routing id ${id.toString("hex")} for message ${i}, expected `
                        + args.expectRoutingId.toString("hex"));
                }
                await send([id, peerId, ...frames], `reply ${i}`);
            }
        }],
        "dealer-client": ["dealer", async () => {
            for (let i = 0; i < args.count; i++) {
                await send(dealerFrames(i), `message ${i}`);
                const [id, ...frames] = await receive(`reply ${i}`);
                if (args.routingId && !id.equals(args.routingId)) {
                    fail(FAILED, `the ROUTER saw routing id ${id.toString("hex")}, expected `
                        + args.routingId.toString("hex"));
                }
                if (!sameFrames(frames, dealerFrames(i))) {
                    fail(FAILED, `reply ${i} carried ${show(frames)}, expected ${show(dealerFrames(i))}`);
                }
            }
        }],
        push: ["push", async () => {
            await awaitPeer();
            for (let i = 0; i < args.count; i++) await send([payload(i)], `message ${i}`);
        }],
        pull: ["pull", async () => {
            for (let i = 0; i < args.count; i++) {
                const frames = await receive(`message ${i} of ${args.count}`);
                if (!sameFrames(frames, [payload(i)])) {
                    fail(FAILED, `message ${i} was ${show(frames)}, expected ${show([payload(i)])} (lost or reordered)`);
                }
            }
        }],
        "server-echo": ["server", async () => {
            for (let i = 0; i < args.count; i++) {
                const message = await receive(`request ${i}`);
                if (!message.routingId) fail(FAILED, `request ${i} came without a routing id`);
                await send(message, `reply ${i}`);
            }
        }],
        "client-client": ["client", async () => {
            for (let i = 0; i < args.count; i++) {
                await send([payload(i)], `request ${i}`);
                const reply = await receive(`reply ${i}`);
                if (!sameFrames(reply, [payload(i)])) {
                    fail(FAILED, `reply ${i} was ${show(reply)}, expected the echo ${show([payload(i)])}`);
                }
            }
        }],
        scatter: ["scatter", async () => {
            for (let i = 0; i < args.count; i++) await send([payload(i)], `message ${i}`);
        }],
        gather: ["gather", async () => {
            for (let i = 0; i < args.count; i++) {
                const frames = await receive(`message ${i} of ${args.count}`);
                if (!sameFrames(frames, [payload(i)])) {
                    fail(FAILED, `message ${i} was ${show(frames)}, expected ${show([payload(i)])} (lost or reordered)`);
                }
            }
        }],
        "pair-echo": ["pair", async () => {
            for (let i = 0; i < args.count; i++) await send(await receive(`message ${i}`), `echo ${i}`);
        }],
        ...radioDishRoles(args, receive, send),
        script: [args.type, () => script(socket, args)],
    };
}

/**
 * The draft radio and dish roles (zeromq only). A RADIO drops what is sent before a DISH's JOIN has reached it (and
 * over udp before its endpoint is set up), so each side sends probes (body `probe`, of the group) until the other
 * shows it receives them, then the numbered messages payload(0..count-1) of --group, each after a message of another
 * group (--group + "-other") that a DISH must never see: over tcp and ws the RADIO filters by the JOINs it got, over
 * udp the DISH filters by its own groups. Probes still in flight may arrive after the first payload and are skipped.
 *
 * dish: prints JOINED on its first message (a probe), then expects the count payloads of --group in order.
 * radio: sends probes every 10 ms until stdin says `send`, then the count payloads (with the other group's between),
 * prints SENT, and ends on `quit` (or when stdin closes).
 */
function radioDishRoles(args, receive, send) {
    const probe = Buffer.from("probe");
    const other = args.group + "-other";
    const ofGroup = (group, body) => Object.assign([body], { group });
    return {
        dish: ["dish", async () => {
            // A zeromq.js DISH is a thread-safe libzmq socket, which processes its commands (attaching a new
            // connection, sending it the JOIN) only when the application calls into it: this role keeps a receive
            // pending from the start, and a DISH left alone sends no JOIN (seen with zeromq.js 6.8.0 over tcp).
            let joined = false;
            for (let i = 0; i < args.count;) {
                const message = await receive(joined ? `message ${i} of ${args.count}` : "a first probe");
                if (message.group !== args.group) {
                    fail(FAILED, `a message ${show(message)} of group ${JSON.stringify(message.group)} arrived, `
                        + `but the DISH joined only ${JSON.stringify(args.group)}`);
                }
                if (!joined) {
                    joined = true;
                    out("JOINED");
                }
                if (message[0].equals(probe)) continue;
                if (!message[0].equals(payload(i))) {
                    fail(FAILED, `message ${i} was ${show(message)}, expected ${show([payload(i)])} (lost or reordered)`);
                }
                i++;
            }
        }],
        radio: ["radio", async () => {
            const lines = createInterface({ input: process.stdin });
            let command = null;
            const commands = [];
            lines.on("line", (line) => {
                commands.push(line.trim());
                if (command) command();
            });
            lines.on("close", () => {
                commands.push("quit");
                if (command) command();
            });
            const next = () => new Promise((resolve) => {
                if (commands.length > 0) return resolve(commands.shift());
                command = () => { command = null; resolve(commands.shift()); };
            });
            while (commands.length === 0) {
                await send(ofGroup(args.group, probe), "a probe");
                await new Promise((resolve) => setTimeout(resolve, 10)); // pacing only: the DISH says when
            }
            const go = await next();
            if (go === "send") {
                for (let i = 0; i < args.count; i++) {
                    await send(ofGroup(other, payload(i)), `message ${i} of ${other}`);
                    await send(ofGroup(args.group, payload(i)), `message ${i}`);
                }
                out("SENT");
                const last = await next();
                if (last !== "quit") fail(FAILED, `expected quit, got ${JSON.stringify(last)}`);
            } else if (go !== "quit") {
                fail(FAILED, `expected send or quit, got ${JSON.stringify(go)}`);
            }
            lines.close();
        }],
    };
}

const frameOf = (word) => (word === "-" ? Buffer.alloc(0) : Buffer.from(word, "hex"));
const wordOf = (frame) => (frame.length === 0 ? "-" : frame.toString("hex"));

async function script(socket, args) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
        const [command, ...operands] = line.trim().split(/\s+/);
        if (command === "") continue;
        if (command === "send" && operands.length > 0) {
            if (!(await socket.send(operands.map(frameOf)))) fail(TIMED_OUT, `timed out sending ${line}`);
            out("SENT");
        } else if (command === "recv" && operands.length === 1) {
            const frames = await socket.receive(Number(operands[0]));
            out(frames === null ? "NOTHING" : "RECEIVED " + frames.map(wordOf).join(" "));
        } else if ((command === "subscribe" || command === "unsubscribe") && operands.length === 1) {
            socket[command](frameOf(operands[0]));
            out("OK");
        } else if (command === "quit" && operands.length === 0) {
            break;
        } else {
            fail(FAILED, `unknown command ${JSON.stringify(line)}`);
        }
    }
    lines.close();
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    setTimeout(() => fail(TOO_LONG, `${args.role} gave up after ${args.maxSeconds} s (hard limit)`),
        args.maxSeconds * 1000).unref();
    const open = args.lib === "zeromq" ? zeromqSocket : jszmqSocket;
    const placeholder = roles(null, args)[args.role];
    if (!placeholder || !placeholder[0]) fail(FAILED, `unknown role ${args.role} (or script without --type)`);
    const socket = await open(placeholder[0], args);
    const [, run] = roles(socket, args)[args.role];
    try {
        if (args.mode === "bind") {
            out("ENDPOINT " + (await socket.bind(args.endpoint)));
        } else {
            socket.connect(args.endpoint);
            out("READY");
        }
    } catch (error) {
        fail(FAILED, `cannot ${args.mode} ${args.endpoint}: ${error.message}`);
        return;
    }
    await run();
    await socket.close();
    out(`DONE ${args.role} ${args.count}`);
    process.exitCode = 0;
}

main().catch((error) => fail(FAILED, error.stack || String(error)));
