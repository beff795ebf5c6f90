#!/usr/bin/python3
"""A libzmq client for the zmq4j sample app: proof that any ZeroMQ peer can talk to it.

Asks the REP quote service for a quote (a REQ socket, one JSON frame each way), then subscribes to the PUB
ticker and prints a few prices (two frames: topic "prices.<SYMBOL>", JSON body). Uses python3-zmq (libzmq),
nothing from Java. Every wait is bounded; exits 0 on success, 1 on any failure.

    /usr/bin/python3 sample-app/client/quote_client.py --symbol ACME --ticks 3
"""
import argparse
import json
import sys

import zmq

ERROR_MARKER = b"zmq4j-error"


def parse_arguments():
    parser = argparse.ArgumentParser(description="Talk to the zmq4j sample app over plain ZeroMQ.")
    parser.add_argument("--host", default="127.0.0.1", help="where the app runs (default 127.0.0.1)")
    parser.add_argument("--quotes-port", type=int, default=5555, help="REP quote service port (default 5555)")
    parser.add_argument("--ticker-port", type=int, default=5556, help="PUB ticker port (default 5556)")
    parser.add_argument("--symbol", default="ACME", help="symbol to quote (default ACME)")
    parser.add_argument("--ticks", type=int, default=3, help="ticker messages to wait for; 0 skips the ticker")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each reply or tick")
    return parser.parse_args()


def request_quote(context, endpoint, symbol, timeout_ms):
    with context.socket(zmq.REQ) as req:
        req.setsockopt(zmq.LINGER, 0)
        req.setsockopt(zmq.RCVTIMEO, timeout_ms)
        req.setsockopt(zmq.SNDTIMEO, timeout_ms)
        req.connect(endpoint)
        req.send(json.dumps({"symbol": symbol}).encode("utf-8"))
        try:
            frames = req.recv_multipart()
        except zmq.Again:
            raise RuntimeError("no reply from %s within %d ms" % (endpoint, timeout_ms))
    if frames[0] == ERROR_MARKER:
        raise RuntimeError("the quote service answered with an error: %s" % frames[1].decode("utf-8"))
    quote = json.loads(frames[-1])
    if quote.get("symbol") != symbol.upper() or not isinstance(quote.get("price"), (int, float)):
        raise RuntimeError("unexpected reply %r" % quote)
    return quote


def watch_ticker(context, endpoint, count, timeout_ms):
    with context.socket(zmq.SUB) as sub:
        sub.setsockopt(zmq.LINGER, 0)
        sub.setsockopt(zmq.RCVTIMEO, timeout_ms)
        sub.setsockopt(zmq.SUBSCRIBE, b"prices.")
        sub.connect(endpoint)
        for _ in range(count):
            try:
                topic, body = sub.recv_multipart()
            except zmq.Again:
                raise RuntimeError("no ticker message from %s within %d ms" % (endpoint, timeout_ms))
            tick = json.loads(body)
            print("tick  %-16s %s" % (topic.decode("utf-8"), json.dumps(tick)), flush=True)


def main():
    arguments = parse_arguments()
    timeout_ms = int(arguments.timeout * 1000)
    context = zmq.Context()
    try:
        quotes = "tcp://%s:%d" % (arguments.host, arguments.quotes_port)
        quote = request_quote(context, quotes, arguments.symbol, timeout_ms)
        print("quote %s" % json.dumps(quote), flush=True)
        if arguments.ticks > 0:
            watch_ticker(context, "tcp://%s:%d" % (arguments.host, arguments.ticker_port), arguments.ticks,
                         timeout_ms)
        return 0
    except (RuntimeError, zmq.ZMQError, ValueError) as error:
        print("FAILED: %s" % error, file=sys.stderr, flush=True)
        return 1
    finally:
        context.destroy(linger=0)


if __name__ == "__main__":
    sys.exit(main())
