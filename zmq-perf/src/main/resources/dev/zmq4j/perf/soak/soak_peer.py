"""A libzmq peer (Debian's python3-zmq) for zmq4j's soak (dev.zmq4j.perf.soak.Soak).

    soak_peer.py ROLE ENDPOINT NAME [RATE]

Roles (the zmq4j side binds, except for rep, which binds here so that zmq4j reconnects to it):
    req   REQ connects: sends "NAME <seq>" requests one after another, checks each echoed reply
    sub   SUB connects, subscribed to everything: receives "<seq>" and counts gaps after the first one
    push  PUSH connects: sends [NAME, "<seq>"] at RATE messages a second
    rep   REP binds: echoes every request

Protocol on stdout, one line each, flushed: "ready" once connected or bound, then, once a line "stop [LAST]"
arrives on stdin (or stdin closes), "result <key>=<value> ..." and exit 0. A sub told the publisher's LAST
sequence number keeps receiving until it has it (at most DRAIN_SECONDS). A check that fails prints "failed <why>"
and exits 1. Chaos peers are killed with SIGKILL at any moment and never get to print anything.
"""

import sys
import time

import zmq

ROLE, ENDPOINT, NAME = sys.argv[1], sys.argv[2], sys.argv[3]
RATE = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
REPLY_TIMEOUT_MS = 20000
DRAIN_SECONDS = 10


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(why):
    say("failed " + why)
    sys.exit(1)


def stop_command(events):
    """None while no stop has come; else the LAST it named (-1 for none)."""
    if sys.stdin.fileno() not in events:
        return None
    words = sys.stdin.readline().split()
    return int(words[1]) if len(words) > 1 else -1


def stopped(poller):
    return stop_command(dict(poller.poll(0))) is not None


def main():
    ctx = zmq.Context(1)
    sock = ctx.socket({"req": zmq.REQ, "sub": zmq.SUB, "push": zmq.PUSH, "rep": zmq.REP}[ROLE])
    sock.linger = 2000 if ROLE == "push" else 0
    if ROLE == "sub":
        sock.setsockopt(zmq.SUBSCRIBE, b"")
        sock.rcvhwm = 0
    if ROLE == "rep":
        sock.bind(ENDPOINT)
    else:
        sock.connect(ENDPOINT)
    say("ready")
    stdin = zmq.Poller()
    stdin.register(sys.stdin.fileno(), zmq.POLLIN)
    both = zmq.Poller()
    both.register(sys.stdin.fileno(), zmq.POLLIN)
    both.register(sock, zmq.POLLIN)
    if ROLE == "req":
        answered = 0
        while not stopped(stdin):
            request = f"{NAME} {answered}".encode()
            sock.send(request)
            if not sock.poll(REPLY_TIMEOUT_MS):
                fail(f"no reply to request {answered} in {REPLY_TIMEOUT_MS} ms")
            reply = sock.recv()
            if reply != request:
                fail(f"request {answered} answered with {reply!r}")
            answered += 1
        say(f"result sent={answered} received={answered}")
    elif ROLE == "sub":
        received = gaps = missing = 0
        first = last = -1
        stop = None
        drain_until = None
        while stop is None or (last < stop and time.monotonic() < drain_until):
            events = dict(both.poll(1000))
            if sock in events:
                while sock.poll(0):
                    seq = int(sock.recv())
                    if last >= 0 and seq != last + 1:
                        gaps += 1
                        missing += max(seq - last - 1, 0)
                    if first < 0:
                        first = seq
                    last = seq
                    received += 1
            if stop is None:
                stop = stop_command(events)
                if stop is not None:
                    drain_until = time.monotonic() + DRAIN_SECONDS
        say(f"result received={received} first={first} last={last} gaps={gaps} missing={missing}")
    elif ROLE == "push":
        sent = 0
        start = time.monotonic()
        while not stopped(stdin):
            due = int((time.monotonic() - start) * RATE)
            while sent < due:
                sock.send_multipart([NAME.encode(), str(sent).encode()])
                sent += 1
            time.sleep(0.005)
        sock.close()
        ctx.term()  # waits, up to the linger, until everything sent is flushed: then the count is the truth
        say(f"result sent={sent}")
        return
    else:
        served = 0
        while True:
            events = dict(both.poll(1000))
            if sock in events:
                sock.send(sock.recv())
                served += 1
            if stop_command(events) is not None:
                break
        say(f"result served={served}")
    ctx.destroy(linger=0)


main()
