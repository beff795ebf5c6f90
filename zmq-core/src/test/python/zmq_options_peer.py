#!/usr/bin/python3
"""A libzmq peer (through Debian's python3-zmq) for zmq4j's socket-option interop tests.

Invocation (always with /usr/bin/python3, which has pyzmq):

    zmq_options_peer.py ROLE (bind|connect) ENDPOINT [--count N] [--subscribe HEX ...] [--invert-matching]
                        [--timeout-ms MS] [--max-seconds S]

Protocol on stdout, one line each, flushed at once:
    ENDPOINT <resolved endpoint>   after a successful bind
    READY                          after connect() returned
    RECEIVED <hex frame> ...       (sub) each message received, "-" for an empty frame
    DONE <role> <count>            the role completed; the exit status is then 0
Failures go to stderr with a non-zero exit status: 1 = check failed, 2 = a receive or send timed out,
3 = the whole run exceeded --max-seconds. The script therefore always ends on its own.

Roles:
    sub        SUB: subscribe to every --subscribe topic BEFORE connecting or binding (so nothing that arrives
               early is filtered out for want of a subscription), then receive and print COUNT messages
    pub-pairs  PUB: send "A<i>" then "B<i>" for i = 0..COUNT-1, one pair a millisecond, then close with
               LINGER 0 (the test kills it once it has seen enough)
--invert-matching sets ZMQ_INVERT_MATCHING on the socket.
"""
import argparse
import os
import signal
import sys
import time

import zmq


def fail(status, message):
    sys.stderr.write("zmq_options_peer: " + message + "\n")
    sys.stderr.flush()
    os._exit(status)


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def sub(sock, args):
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
    "sub": (zmq.SUB, sub),
    "pub-pairs": (zmq.PUB, pub_pairs),
}


def main():
    parser = argparse.ArgumentParser(description="libzmq peer for zmq4j socket-option tests")
    parser.add_argument("role", choices=sorted(ROLES))
    parser.add_argument("mode", choices=["bind", "connect"])
    parser.add_argument("endpoint")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--subscribe", action="append", default=[], help="topic in hex, '-' for all")
    parser.add_argument("--invert-matching", action="store_true", help="ZMQ_INVERT_MATCHING")
    parser.add_argument("--timeout-ms", type=int, default=10000, help="RCVTIMEO and SNDTIMEO")
    parser.add_argument("--max-seconds", type=int, default=30, help="hard limit for the whole run")
    args = parser.parse_args()

    def too_long(signum, frame):
        fail(3, "%s gave up after %d s (hard limit)" % (args.role, args.max_seconds))

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(args.max_seconds)

    socket_type, run = ROLES[args.role]
    ctx = zmq.Context()
    sock = ctx.socket(socket_type)
    sock.setsockopt(zmq.RCVTIMEO, args.timeout_ms)
    sock.setsockopt(zmq.SNDTIMEO, args.timeout_ms)
    sock.setsockopt(zmq.LINGER, 0)
    if args.invert_matching:
        sock.setsockopt(zmq.INVERT_MATCHING, 1)
    for topic in args.subscribe:
        sock.setsockopt(zmq.SUBSCRIBE, b"" if topic == "-" else bytes.fromhex(topic))
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

    sock.close()
    ctx.term()
    out("DONE %s %d" % (args.role, args.count))


if __name__ == "__main__":
    main()
