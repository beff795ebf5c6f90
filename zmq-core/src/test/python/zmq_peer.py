#!/usr/bin/python3
"""A libzmq peer (through Debian's python3-zmq) driven by zmq4j's interop and scenario tests.

Invocation (always with /usr/bin/python3, which has pyzmq; run with -u or rely on the explicit flushes):

    zmq_peer.py ROLE (bind|connect) ENDPOINT [--count N] [--routing-id-hex HEX]
                [--expect-routing-id-hex HEX] [--xpub-verbose] [--subscribe HEX ...] [--invert-matching]
                [--timeout-ms MS] [--max-seconds S]

Protocol on stdout, one line each, flushed at once:
    ENDPOINT <resolved endpoint>   after a successful bind (LAST_ENDPOINT, e.g. tcp://127.0.0.1:40123)
    READY                          after connect() returned
    RECEIVED <hex frame> ...       (router-sink) the first message it received; (sub-print) each message
    SENT <line>                    (push-stdin) after each line sent
    SENT / RECEIVED <hex>... / NOTHING / OK
                                   (*-script roles) the one answer to each command, see below
    DONE <role> <count>            the role completed; the exit status is then 0
Failures go to stderr with a non-zero exit status: 1 = check failed, 2 = a receive or send timed out
(--timeout-ms), 3 = the whole run exceeded --max-seconds. The script therefore always ends on its own.

Roles (the checking side always generates the traffic; the echoing side returns what it got):
    rep-echo        REP: receive COUNT requests (any number of frames), reply with the same frames
    req-client      REQ: send COUNT requests ("request <i>", two frames for odd i), check each echoed reply
    router-echo     ROUTER: receive COUNT messages [id, frames...], check id if --expect-routing-id-hex,
                    reply [id, id, frames...] so the DEALER learns the routing id the ROUTER saw
    dealer-client   DEALER with --routing-id-hex: send COUNT messages [header, empty, body], expect
                    [own routing id, same frames...] back
    push            PUSH: send payload(0..COUNT-1) in order, close with linger so all are flushed
                    (--size N: every message N bytes, see large_payload)
    pull            PULL: receive COUNT messages, check they are payload(0..COUNT-1) in order
    pair-echo       PAIR: receive COUNT messages and echo each one
    pair-client     PAIR: send COUNT messages ("pair <i>"), check each echo (to self-test pair-echo)
    router-sink     ROUTER: print the first message received, then exit (peer-restart scenario)
    push-stdin      PUSH: send each line read from stdin (one frame), until stdin closes or COUNT lines
    sub-print       SUB: subscribe to every --subscribe topic (hex, "-" for all) BEFORE connecting or binding,
                    so nothing that arrives early is filtered out, then print COUNT messages received
                    ("-" for an empty frame)
    pub-pairs       PUB: send "A<i>" then "B<i>" for i = 0..COUNT-1, one pair a millisecond (the test stops it
                    once it has seen enough)
    --invert-matching sets ZMQ_INVERT_MATCHING on the socket (sub-print, pub-pairs).

Security (any role): --plain-server, --plain-username U --plain-password P, --curve-server, --curve-publickey Z85,
--curve-secretkey Z85, --curve-serverkey Z85, --zap-domain D set the libzmq options of the same names. With
--zap-plain USER:PASSWORD or --zap-curve Z85 (each repeatable) or --zap-allow-null the script first binds its own
ZAP handler (a REP on inproc://zeromq.zap.01 in a thread) that answers 200 for exactly those credentials, with
User-Id = the username or the Z85 key, and 400 for everyone else.
    pub-script      PUB, sub-script SUB, xpub-script XPUB (--xpub-verbose sets ZMQ_XPUB_VERBOSE),
    xsub-script     XSUB, dealer-script DEALER (--heartbeat-ivl / --heartbeat-timeout set ZMQ_HEARTBEAT_*):
                    run the commands read from stdin until it closes or says "quit" (COUNT unused),
                    so the test drives the libzmq socket step by step and does all the checking itself.

Commands of the *-script roles, one a line; frames and topics are hex, "-" is an empty frame or topic. Each
command gets exactly one answer line:
    send HEX [HEX...]   send one message of these frames (an XSUB sends subscriptions as 01<topic> /
                        00<topic> messages this way)                                   -> SENT
    recv MS             wait up to MS ms for one message     -> RECEIVED <hex frame> ... (- = empty) or NOTHING
    subscribe HEX       setsockopt(SUBSCRIBE) (SUB only)                               -> OK
    unsubscribe HEX     setsockopt(UNSUBSCRIBE) (SUB only)                             -> OK
    quit                stop reading commands and finish                               (then DONE)
"""
import argparse
import os
import signal
import sys
import time

import zmq


# With --size, every push/pull message is that many bytes: byte k of message i is ((k % 256) * 7 + i) % 256.
LARGE_SIZE = 0


def large_payload(i, size):
    pattern = bytes(((k * 7) + i) % 256 for k in range(256))
    return (pattern * (size // 256 + 1))[:size]


def payload(i):
    """Message i of the push/pull runs; every 1000th one is 300 bytes so long frames are crossed too."""
    if LARGE_SIZE:
        return large_payload(i, LARGE_SIZE)
    text = str(i).encode("ascii")
    if i % 1000 == 0:
        return text + b"." * (300 - len(text))
    return text


def fail(status, message):
    sys.stderr.write("zmq_peer: " + message + "\n")
    sys.stderr.flush()
    os._exit(status)


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def recv_multipart(sock, what):
    try:
        return sock.recv_multipart()
    except zmq.Again:
        fail(2, "timed out after %d ms waiting for %s" % (sock.getsockopt(zmq.RCVTIMEO), what))


def send_multipart(sock, frames, what):
    try:
        sock.send_multipart(frames)
    except zmq.Again:
        fail(2, "timed out after %d ms sending %s" % (sock.getsockopt(zmq.SNDTIMEO), what))


def show(frames):
    return "[" + ", ".join(repr(f if len(f) <= 40 else f[:40] + b"...") for f in frames) + "]"


def rep_echo(sock, args):
    for i in range(args.count):
        send_multipart(sock, recv_multipart(sock, "request %d" % i), "reply %d" % i)


def req_client(sock, args):
    for i in range(args.count):
        request = [("request %d" % i).encode()]
        if i % 2 == 1:
            request.append(("second frame %d" % i).encode())
        send_multipart(sock, request, "request %d" % i)
        reply = recv_multipart(sock, "reply %d" % i)
        if reply != request:
            fail(1, "reply %d was %s, expected the echo %s" % (i, show(reply), show(request)))


def router_echo(sock, args):
    expected = bytes.fromhex(args.expect_routing_id_hex) if args.expect_routing_id_hex else None
    for i in range(args.count):
        frames = recv_multipart(sock, "message %d" % i)
        routing_id = frames[0]
        if expected is not None and routing_id != expected:
            fail(1, "ROUTER saw routing id %s for message %d, expected %s"
                 % (routing_id.hex(), i, expected.hex()))
        send_multipart(sock, [routing_id, routing_id] + frames[1:], "reply %d" % i)


def dealer_frames(i):
    body = ("body %d" % i).encode()
    if i % 10 == 0:
        body += b"x" * 300
    return [("header %d" % i).encode(), b"", body]


def dealer_client(sock, args):
    own_id = bytes.fromhex(args.routing_id_hex) if args.routing_id_hex else None
    for i in range(args.count):
        frames = dealer_frames(i)
        send_multipart(sock, frames, "message %d" % i)
        reply = recv_multipart(sock, "reply %d" % i)
        if own_id is not None and reply[:1] != [own_id]:
            fail(1, "the ROUTER saw routing id %s, expected %s (reply %s)"
                 % (reply[0].hex() if reply else "-", own_id.hex(), show(reply)))
        if reply[1:] != frames:
            fail(1, "reply %d carried %s, expected %s" % (i, show(reply[1:]), show(frames)))


def push(sock, args):
    for i in range(args.count):
        send_multipart(sock, [payload(i)], "message %d" % i)


def pull(sock, args):
    for i in range(args.count):
        frames = recv_multipart(sock, "message %d of %d" % (i, args.count))
        if frames != [payload(i)]:
            fail(1, "message %d was %s, expected %s (lost or reordered)" % (i, show(frames), show([payload(i)])))


def pair_echo(sock, args):
    for i in range(args.count):
        send_multipart(sock, recv_multipart(sock, "message %d" % i), "echo %d" % i)


def pair_client(sock, args):
    for i in range(args.count):
        message = [("pair %d" % i).encode()]
        send_multipart(sock, message, "message %d" % i)
        echo = recv_multipart(sock, "echo %d" % i)
        if echo != message:
            fail(1, "echo %d was %s, expected %s" % (i, show(echo), show(message)))


def router_sink(sock, args):
    frames = recv_multipart(sock, "a first message")
    out("RECEIVED " + " ".join(f.hex() for f in frames[1:]))


def push_stdin(sock, args):
    sent = 0
    for line in sys.stdin:
        line = line.rstrip("\n")
        send_multipart(sock, [line.encode()], "line %r" % line)
        out("SENT " + line)
        sent += 1
        if sent == args.count:
            break


def frame_from_word(word):
    return b"" if word == "-" else bytes.fromhex(word)


def word_from_frame(frame):
    return frame.hex() if frame else "-"


def script(sock, args):
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command, operands = words[0], words[1:]
        if command == "send" and operands:
            send_multipart(sock, [frame_from_word(w) for w in operands], "message " + " ".join(operands))
            out("SENT")
        elif command == "recv" and len(operands) == 1:
            if sock.poll(int(operands[0]), zmq.POLLIN):
                out("RECEIVED " + " ".join(word_from_frame(f) for f in sock.recv_multipart()))
            else:
                out("NOTHING")
        elif command in ("subscribe", "unsubscribe") and len(operands) == 1:
            option = zmq.SUBSCRIBE if command == "subscribe" else zmq.UNSUBSCRIBE
            sock.setsockopt(option, frame_from_word(operands[0]))
            out("OK")
        elif command == "quit" and not operands:
            break
        else:
            fail(1, "unknown command %r" % line.rstrip("\n"))


def sub_print(sock, args):
    for i in range(args.count):
        try:
            frames = sock.recv_multipart()
        except zmq.Again:
            fail(2, "timed out after %d ms waiting for message %d" % (args.timeout_ms, i))
        out("RECEIVED " + " ".join(f.hex() if f else "-" for f in frames))


def pub_pairs(sock, args):
    for i in range(args.count):
        sock.send(b"A%d" % i)
        sock.send(b"B%d" % i)
        time.sleep(0.001)


ROLES = {
    "rep-echo": (zmq.REP, rep_echo),
    "req-client": (zmq.REQ, req_client),
    "router-echo": (zmq.ROUTER, router_echo),
    "dealer-client": (zmq.DEALER, dealer_client),
    "push": (zmq.PUSH, push),
    "pull": (zmq.PULL, pull),
    "pair-echo": (zmq.PAIR, pair_echo),
    "pair-client": (zmq.PAIR, pair_client),
    "router-sink": (zmq.ROUTER, router_sink),
    "push-stdin": (zmq.PUSH, push_stdin),
    "pub-script": (zmq.PUB, script),
    "sub-script": (zmq.SUB, script),
    "xpub-script": (zmq.XPUB, script),
    "xsub-script": (zmq.XSUB, script),
    "dealer-script": (zmq.DEALER, script),
    "sub-print": (zmq.SUB, sub_print),
    "pub-pairs": (zmq.PUB, pub_pairs),
}


def zap_handler(ctx, plain_users, curve_keys, allow_null, started):
    """A minimal ZAP handler (RFC 27) for the security interop tests: exact credentials, nothing else."""
    handler = ctx.socket(zmq.REP)
    handler.setsockopt(zmq.LINGER, 0)
    handler.bind("inproc://zeromq.zap.01")
    started.set()
    while True:
        try:
            frames = handler.recv_multipart()
        except zmq.ContextTerminated:
            break
        version, request_id, domain, address, identity, mechanism = frames[:6]
        credentials = frames[6:]
        user_id = b""
        allowed = False
        if mechanism == b"PLAIN":
            user = credentials[0].decode()
            allowed = plain_users.get(user) == credentials[1].decode()
            user_id = credentials[0]
        elif mechanism == b"CURVE":
            key = zmq.utils.z85.encode(credentials[0])
            allowed = key.decode() in curve_keys
            user_id = key
        elif mechanism == b"NULL":
            allowed = allow_null
        status = (b"200", b"OK") if allowed else (b"400", b"No access")
        handler.send_multipart([version, request_id, status[0], status[1], user_id if allowed else b"", b""])
    handler.close()


def apply_security(ctx, sock, args):
    import threading
    import zmq.utils.z85  # noqa: F401 (used by the handler)
    if args.zap_plain or args.zap_curve or args.zap_allow_null:
        users = dict(entry.split(":", 1) for entry in args.zap_plain)
        started = threading.Event()
        thread = threading.Thread(
            target=zap_handler, args=(ctx, users, set(args.zap_curve), args.zap_allow_null, started), daemon=True)
        thread.start()
        started.wait(10)
    if args.zap_domain:
        sock.setsockopt(zmq.ZAP_DOMAIN, args.zap_domain.encode())
    if args.plain_server:
        sock.setsockopt(zmq.PLAIN_SERVER, 1)
    if args.plain_username is not None:
        sock.setsockopt(zmq.PLAIN_USERNAME, args.plain_username.encode())
        sock.setsockopt(zmq.PLAIN_PASSWORD, (args.plain_password or "").encode())
    if args.curve_server:
        sock.setsockopt(zmq.CURVE_SERVER, 1)
    if args.curve_publickey:
        sock.setsockopt(zmq.CURVE_PUBLICKEY, args.curve_publickey.encode())
    if args.curve_secretkey:
        sock.setsockopt(zmq.CURVE_SECRETKEY, args.curve_secretkey.encode())
    if args.curve_serverkey:
        sock.setsockopt(zmq.CURVE_SERVERKEY, args.curve_serverkey.encode())


def main():
    parser = argparse.ArgumentParser(description="libzmq peer for zmq4j tests")
    parser.add_argument("role", choices=sorted(ROLES))
    parser.add_argument("mode", choices=["bind", "connect"])
    parser.add_argument("endpoint")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--size", type=int, default=0, help="push/pull: every message this many bytes")
    parser.add_argument("--routing-id-hex")
    parser.add_argument("--expect-routing-id-hex")
    parser.add_argument("--xpub-verbose", action="store_true", help="ZMQ_XPUB_VERBOSE (xpub-script)")
    parser.add_argument("--heartbeat-ivl", type=int, default=0, help="ZMQ_HEARTBEAT_IVL in ms")
    parser.add_argument("--heartbeat-timeout", type=int, default=-1, help="ZMQ_HEARTBEAT_TIMEOUT in ms")
    parser.add_argument("--subscribe", action="append", default=[], help="topic in hex, '-' for all (sub-print)")
    parser.add_argument("--invert-matching", action="store_true", help="ZMQ_INVERT_MATCHING")
    parser.add_argument("--timeout-ms", type=int, default=10000, help="RCVTIMEO and SNDTIMEO")
    parser.add_argument("--max-seconds", type=int, default=30, help="hard limit for the whole run")
    parser.add_argument("--plain-server", action="store_true")
    parser.add_argument("--plain-username")
    parser.add_argument("--plain-password")
    parser.add_argument("--curve-server", action="store_true")
    parser.add_argument("--curve-publickey")
    parser.add_argument("--curve-secretkey")
    parser.add_argument("--curve-serverkey")
    parser.add_argument("--zap-domain")
    parser.add_argument("--zap-plain", action="append", default=[], help="USER:PASSWORD the ZAP handler accepts")
    parser.add_argument("--zap-curve", action="append", default=[], help="Z85 client key the ZAP handler accepts")
    parser.add_argument("--zap-allow-null", action="store_true", help="the ZAP handler accepts NULL peers")
    args = parser.parse_args()

    def too_long(signum, frame):
        fail(3, "%s gave up after %d s (hard limit)" % (args.role, args.max_seconds))

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(args.max_seconds)

    global LARGE_SIZE
    LARGE_SIZE = args.size
    socket_type, run = ROLES[args.role]
    ctx = zmq.Context()
    sock = ctx.socket(socket_type)
    sock.setsockopt(zmq.RCVTIMEO, args.timeout_ms)
    sock.setsockopt(zmq.SNDTIMEO, args.timeout_ms)
    sock.setsockopt(zmq.LINGER, args.timeout_ms)
    sock.setsockopt(zmq.RECONNECT_IVL, 50)
    if args.routing_id_hex:
        sock.setsockopt(zmq.ROUTING_ID, bytes.fromhex(args.routing_id_hex))
    if args.xpub_verbose:
        sock.setsockopt(zmq.XPUB_VERBOSE, 1)
    if args.heartbeat_ivl:
        sock.setsockopt(zmq.HEARTBEAT_IVL, args.heartbeat_ivl)
        sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, args.heartbeat_timeout)
    if args.invert_matching:
        sock.setsockopt(zmq.INVERT_MATCHING, 1)
    for topic in args.subscribe:
        sock.setsockopt(zmq.SUBSCRIBE, b"" if topic == "-" else bytes.fromhex(topic))
    apply_security(ctx, sock, args)
    try:
        if args.mode == "bind":
            sock.bind(args.endpoint)
            out("ENDPOINT " + sock.getsockopt(zmq.LAST_ENDPOINT).decode())
        else:
            sock.connect(args.endpoint)
            out("READY")
    except zmq.ZMQError as error:
        fail(1, "cannot %s %s: %s" % (args.mode, args.endpoint, error))

    run(sock, args)

    # Linger (= --timeout-ms) lets the last replies or pushed messages reach the peer before term() returns.
    if args.role in ("router-sink", "pub-pairs"):
        sock.setsockopt(zmq.LINGER, 0)
    sock.close()
    ctx.term()
    out("DONE %s %d" % (args.role, args.count))


if __name__ == "__main__":
    main()
