#!/usr/bin/python3
"""libzmq (pyzmq) peers for the starter's interop tests.

Usage:
  starter_peer.py req-client ENDPOINT COUNT      REQ: send "py-<i>", print "REPLY <frames joined by |>"
  starter_peer.py dealer-client ENDPOINT COUNT   DEALER: send [""]["py-<i>"], expect ["", reply], print "REPLY ..."
  starter_peer.py rep-server COUNT               REP bound to tcp://127.0.0.1:*: prints "ENDPOINT <ep>", answers
                                                 COUNT requests with "py:<last frame>"

Every receive has a timeout; the script ends with "DONE" and status 0, or writes the failure to stderr and
exits with status 1.
"""
import sys
import zmq

TIMEOUT_MS = 10000


def socket(context, kind):
    s = context.socket(kind)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
    s.setsockopt(zmq.SNDTIMEO, TIMEOUT_MS)
    return s


def req_client(context, endpoint, count):
    s = socket(context, zmq.REQ)
    s.connect(endpoint)
    for i in range(count):
        s.send_string("py-%d" % i)
        frames = s.recv_multipart()
        print("REPLY " + "|".join(f.decode() for f in frames), flush=True)


def dealer_client(context, endpoint, count):
    s = socket(context, zmq.DEALER)
    s.connect(endpoint)
    for i in range(count):
        s.send_multipart([b"", ("py-%d" % i).encode()])
    for i in range(count):
        frames = s.recv_multipart()
        if frames[0] != b"":
            raise RuntimeError("reply without the empty delimiter: %r" % frames)
        print("REPLY " + "|".join(f.decode() for f in frames[1:]), flush=True)


def rep_server(context, count):
    s = socket(context, zmq.REP)
    s.bind("tcp://127.0.0.1:*")
    print("ENDPOINT " + s.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
    for _ in range(count):
        frames = s.recv_multipart()
        s.send_string("py:" + frames[-1].decode())


def main():
    context = zmq.Context()
    try:
        mode = sys.argv[1]
        if mode == "req-client":
            req_client(context, sys.argv[2], int(sys.argv[3]))
        elif mode == "dealer-client":
            dealer_client(context, sys.argv[2], int(sys.argv[3]))
        elif mode == "rep-server":
            rep_server(context, int(sys.argv[2]))
        else:
            raise RuntimeError("unknown mode " + mode)
        print("DONE", flush=True)
    except Exception as e:  # noqa: BLE001 - report every failure to the Java side
        print("FAILED %s: %s" % (type(e).__name__, e), file=sys.stderr, flush=True)
        sys.exit(1)
    finally:
        context.destroy(linger=0)


if __name__ == "__main__":
    main()
