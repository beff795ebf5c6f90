#!/usr/bin/python3
"""A libzmq CURVE client for the zmq4j sample app's risk service.

Loads its own certificate and the server's from sample-app/config/curve (pyzmq's zmq.auth format, the same as
czmq's and zmq4j's), connects a REQ socket over CURVE to the ROUTER risk service and asks for one risk report
(a JSON frame each way). The service lets it in because its public certificate is in config/curve/clients.
Uses python3-zmq (libzmq with libsodium), nothing from Java. Every wait is bounded; exits 0 on success, 1 on any
failure.

    /usr/bin/python3 sample-app/client/risk_client.py --symbol ACME --quantity 500
"""
import argparse
import json
import os
import sys

import zmq
import zmq.auth

CURVE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "config", "curve")


def parse_arguments():
    parser = argparse.ArgumentParser(description="Ask the zmq4j sample app's risk service over CURVE.")
    parser.add_argument("--host", default="127.0.0.1", help="where the app runs (default 127.0.0.1)")
    parser.add_argument("--risk-port", type=int, default=5557, help="ROUTER risk service port (default 5557)")
    parser.add_argument("--symbol", default="ACME", help="symbol of the position (default ACME)")
    parser.add_argument("--quantity", type=int, default=500, help="size of the position (default 500)")
    parser.add_argument("--curve-dir", default=CURVE_DIR, help="where server.key and python-client.key_secret are")
    parser.add_argument("--certificate", default="python-client.key_secret",
                        help="this client's secret certificate in --curve-dir (default python-client.key_secret)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the reply")
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    timeout_ms = int(arguments.timeout * 1000)
    server_public, _ = zmq.auth.load_certificate(os.path.join(arguments.curve_dir, "server.key"))
    client_public, client_secret = zmq.auth.load_certificate(os.path.join(arguments.curve_dir, arguments.certificate))
    context = zmq.Context()
    try:
        with context.socket(zmq.REQ) as req:
            req.setsockopt(zmq.LINGER, 0)
            req.setsockopt(zmq.RCVTIMEO, timeout_ms)
            req.setsockopt(zmq.SNDTIMEO, timeout_ms)
            req.curve_serverkey = server_public
            req.curve_publickey = client_public
            req.curve_secretkey = client_secret
            endpoint = "tcp://%s:%d" % (arguments.host, arguments.risk_port)
            req.connect(endpoint)
            req.send(json.dumps({"symbol": arguments.symbol, "quantity": arguments.quantity}).encode("utf-8"))
            try:
                frames = req.recv_multipart()
            except zmq.Again:
                raise RuntimeError("no reply from %s within %d ms (is this client's key let in?)"
                                   % (endpoint, timeout_ms))
        report = json.loads(frames[-1])
        if report.get("symbol") != arguments.symbol.upper() or not isinstance(report.get("valueAtRisk99"), (int, float)):
            raise RuntimeError("unexpected reply %r" % report)
        print("risk %s" % json.dumps(report), flush=True)
        return 0
    except (RuntimeError, zmq.ZMQError, ValueError) as error:
        print("FAILED: %s" % error, file=sys.stderr, flush=True)
        return 1
    finally:
        context.destroy(linger=0)


if __name__ == "__main__":
    sys.exit(main())
