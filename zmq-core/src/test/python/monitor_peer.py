#!/usr/bin/python3
"""A libzmq socket under zmq_socket_monitor, for comparing zmq4j's socket events with libzmq's.

Invocation (with /usr/bin/python3, which has pyzmq):

    monitor_peer.py codes
    monitor_peer.py connect ENDPOINT --until NAME[,NAME...] [--type TYPE] [--reconnect-ivl MS] [--max-seconds S]
    monitor_peer.py bind ENDPOINT --until NAME[,NAME...] [--type TYPE] [--max-seconds S]

codes     prints one line `CODE <name> <value>` per ZMQ_EVENT_* and ZMQ_PROTOCOL_ERROR_* constant of pyzmq,
          names without the ZMQ_ prefix (EVENT_CONNECTED, PROTOCOL_ERROR_ZMTP_UNSPECIFIED, ...).
connect   a socket of TYPE (default DEALER) monitors ZMQ_EVENT_ALL, connects to ENDPOINT, prints `READY`.
bind      the same, but binds ENDPOINT and prints `ENDPOINT <resolved endpoint>`.
Then both print one line per event, as it arrives:
              EVENT <name without EVENT_> <value> <endpoint>
          until the events named by --until have been seen in that order (other events may come between
          them). A bind socket is then closed, so its last events (CLOSED, MONITOR_STOPPED) are printed too.
          Last line: `DONE`, exit status 0. Exit status 3 when --max-seconds pass first (default 20).
"""
import argparse
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

EVENT_NAMES = {getattr(zmq, name): name[len("EVENT_"):] for name in dir(zmq)
               if name.startswith("EVENT_") and name not in ("EVENT_ALL", "EVENT_ALL_V1", "EVENT_ALL_V2")
               and isinstance(getattr(zmq, name), int)}


def out(line):
    print(line)
    sys.stdout.flush()


def print_codes():
    for name in sorted(dir(zmq)):
        if name.startswith("EVENT_") or name.startswith("PROTOCOL_ERROR_"):
            value = getattr(zmq, name)
            if isinstance(value, int):
                out("CODE %s %d" % (name, int(value)))
    out("DONE")


def watch(args):
    context = zmq.Context()
    socket = context.socket(getattr(zmq, args.type))
    socket.setsockopt(zmq.LINGER, 0)
    if args.reconnect_ivl is not None:
        socket.setsockopt(zmq.RECONNECT_IVL, args.reconnect_ivl)
    monitor = socket.get_monitor_socket(zmq.EVENT_ALL)
    if args.mode == "bind":
        socket.bind(args.endpoint)
        out("ENDPOINT " + socket.getsockopt_string(zmq.LAST_ENDPOINT))
    else:
        socket.connect(args.endpoint)
        out("READY")
    wanted = [name for name in args.until.split(",") if name]
    deadline = time.monotonic() + args.max_seconds
    closed = False
    while True:
        if not wanted and not closed:
            if args.mode != "bind":
                break
            socket.close()
            closed = True
        if time.monotonic() > deadline:
            sys.stderr.write("still waiting for %s after %s s\n" % (wanted or "MONITOR_STOPPED", args.max_seconds))
            sys.exit(3)
        if not monitor.poll(100):
            continue
        event = recv_monitor_message(monitor)
        name = EVENT_NAMES.get(event["event"], str(event["event"]))
        out("EVENT %s %d %s" % (name, event["value"], event["endpoint"].decode("utf-8", "replace")))
        if wanted and name == wanted[0]:
            wanted.pop(0)
        if name == "MONITOR_STOPPED":
            break
    monitor.close()
    if not closed:
        socket.close()
    context.term()
    out("DONE")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["codes", "connect", "bind"])
    parser.add_argument("endpoint", nargs="?")
    parser.add_argument("--until", default="")
    parser.add_argument("--type", default="DEALER")
    parser.add_argument("--reconnect-ivl", type=int)
    parser.add_argument("--max-seconds", type=float, default=20)
    args = parser.parse_args()
    if args.mode == "codes":
        print_codes()
    else:
        if not args.endpoint:
            parser.error("connect and bind need an ENDPOINT")
        watch(args)


if __name__ == "__main__":
    main()
