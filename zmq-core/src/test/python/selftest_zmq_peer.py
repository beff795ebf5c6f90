#!/usr/bin/python3
"""Checks zmq_peer.py against itself (libzmq to libzmq), so a failing zmq4j interop test points at zmq4j.

    /usr/bin/python3 zmq-core/src/test/python/selftest_zmq_peer.py

Runs every role pair with each side binding in turn and prints one line per case; exit status 0 when all pass.
Every child process is bounded by its own --max-seconds and killed here after 60 s at most.
"""
import os
import subprocess
import sys
import time

import zmq

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "zmq_peer.py")
PYTHON = "/usr/bin/python3"
ROUTING_ID = bytes([0x7A, 0x34, 0x6A, 0x00, 0xFF, 0x01]).hex()  # includes 0x00 and 0xFF bytes


def start(*args):
    return subprocess.Popen([PYTHON, "-u", PEER] + list(args), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def first_line(process, prefix):
    line = process.stdout.readline().strip()
    if not line.startswith(prefix):
        process.kill()
        raise AssertionError("expected %s..., got %r; stderr: %s" % (prefix, line, process.stderr.read()))
    return line[len(prefix):].strip()


def finish(process, name):
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(name + " did not finish")
    if process.returncode != 0 or "DONE" not in out:
        raise AssertionError("%s exited %d: %s %s" % (name, process.returncode, out, err))


def pair_case(bound_role, connecting_role, count, bound_extra=(), connecting_extra=()):
    bound = start(bound_role, "bind", "tcp://127.0.0.1:*", "--count", str(count), *bound_extra)
    endpoint = first_line(bound, "ENDPOINT")
    connecting = start(connecting_role, "connect", endpoint, "--count", str(count), *connecting_extra)
    first_line(connecting, "READY")
    finish(connecting, connecting_role)
    finish(bound, bound_role)


def router_sink_case():
    with zmq.Context() as ctx:
        probe = ctx.socket(zmq.ROUTER)
        port = probe.bind_to_random_port("tcp://127.0.0.1")
        probe.close(linger=0)
        endpoint = "tcp://127.0.0.1:%d" % port
        dealer = ctx.socket(zmq.DEALER)
        dealer.setsockopt(zmq.LINGER, 0)
        dealer.setsockopt(zmq.RECONNECT_IVL, 50)
        dealer.connect(endpoint)  # connect before bind
        for restart in range(3):
            sink = start("router-sink", "bind", endpoint)
            if first_line(sink, "ENDPOINT") != endpoint:
                raise AssertionError("router-sink bound elsewhere")
            deadline = time.monotonic() + 10
            sent = 0
            while True:
                try:
                    dealer.send(b"restart %d message %d" % (restart, sent), zmq.DONTWAIT)
                    sent += 1
                except zmq.Again:
                    pass
                if sink.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.01)
            finish(sink, "router-sink")
        dealer.close()


def push_stdin_case():
    with zmq.Context() as ctx:
        sink = ctx.socket(zmq.PULL)
        sink.setsockopt(zmq.RCVTIMEO, 5000)
        sink.bind("tcp://127.0.0.1:*")
        source = start("push-stdin", "connect", sink.getsockopt(zmq.LAST_ENDPOINT).decode(), "--count", "2")
        first_line(source, "READY")
        source.stdin.write("one\ntwo\n")
        source.stdin.flush()
        got = [sink.recv(), sink.recv()]
        if got != [b"one", b"two"]:
            raise AssertionError("push-stdin delivered %r" % got)
        source.stdin.close()
        source.stdin = None  # communicate() must not flush it again
        finish(source, "push-stdin")
        sink.close(linger=0)


CASES = [
    ("rep-echo <- req-client", lambda: pair_case("rep-echo", "req-client", 100)),
    ("req-client <- rep-echo", lambda: pair_case("req-client", "rep-echo", 100)),
    ("router-echo <- dealer-client", lambda: pair_case(
        "router-echo", "dealer-client", 100, ("--expect-routing-id-hex", ROUTING_ID), ("--routing-id-hex", ROUTING_ID))),
    ("dealer-client <- router-echo", lambda: pair_case(
        "dealer-client", "router-echo", 100, ("--routing-id-hex", ROUTING_ID), ("--expect-routing-id-hex", ROUTING_ID))),
    ("pull <- push 100000", lambda: pair_case("pull", "push", 100000)),
    ("push <- pull 100000", lambda: pair_case("push", "pull", 100000)),
    ("pair-echo <- pair-client", lambda: pair_case("pair-echo", "pair-client", 100)),
    ("pair-client <- pair-echo", lambda: pair_case("pair-client", "pair-echo", 100)),
    ("router-sink restarted 3 times", router_sink_case),
    ("push-stdin", push_stdin_case),
]


def main():
    failed = 0
    for name, case in CASES:
        started = time.monotonic()
        try:
            case()
            print("ok    %-34s %.2f s" % (name, time.monotonic() - started))
        except AssertionError as error:
            failed += 1
            print("FAIL  %-34s %s" % (name, error))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
