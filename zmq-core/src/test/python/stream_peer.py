#!/usr/bin/python3
"""A libzmq STREAM socket (through Debian's python3-zmq) driven step by step by zmq4j's STREAM tests.

Invocation (always with /usr/bin/python3, which has pyzmq):

    stream_peer.py (bind|connect) ENDPOINT [--max-seconds S]

Protocol on stdout, one line each, flushed at once:
    ENDPOINT <resolved endpoint>   after a successful bind
    READY                          after connect() returned
    then exactly one answer line per command read from stdin:
    send IDHEX DATAHEX   send [routing id][data] ("-" is an empty frame: closes that connection)  -> SENT
    recv MS              wait up to MS ms for one message  -> RECEIVED <idhex> <datahex> (- = empty) or NOTHING
    quit                 stop reading commands and finish                              (then DONE stream)
Failures go to stderr with a non-zero exit status; the run ends on its own after --max-seconds.
"""
import argparse
import signal
import sys

import zmq


def hex_or_dash(frame):
    return frame.hex() if frame else "-"


def parse_frame(word):
    return b"" if word == "-" else bytes.fromhex(word)


def answer(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["bind", "connect"])
    parser.add_argument("endpoint")
    parser.add_argument("--max-seconds", type=int, default=60)
    args = parser.parse_args()

    def too_long(signum, frame):
        sys.stderr.write("stream_peer.py ran longer than %d s\n" % args.max_seconds)
        sys.stderr.flush()
        sys.exit(3)

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(args.max_seconds)

    context = zmq.Context()
    socket = context.socket(zmq.STREAM)
    socket.setsockopt(zmq.LINGER, 1000)
    if args.mode == "bind":
        socket.bind(args.endpoint)
        answer("ENDPOINT " + socket.getsockopt_string(zmq.LAST_ENDPOINT))
    else:
        socket.connect(args.endpoint)
        answer("READY")

    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "send" and len(words) == 3:
            socket.send(parse_frame(words[1]), zmq.SNDMORE)
            socket.send(parse_frame(words[2]))
            answer("SENT")
        elif words[0] == "recv" and len(words) == 2:
            if socket.poll(int(words[1]), zmq.POLLIN):
                frames = socket.recv_multipart()
                answer("RECEIVED " + " ".join(hex_or_dash(frame) for frame in frames))
            else:
                answer("NOTHING")
        else:
            sys.stderr.write("unknown command: %r\n" % line)
            sys.exit(1)

    socket.close()
    context.term()
    answer("DONE stream")


if __name__ == "__main__":
    main()
