"""Prints the report perf-matrix would print for the tests named, from tool outputs given as files.

usage: python3 matrix_report.py PERF_MATRIX KINDS THROUGHPUT_OUTPUT LATENCY_OUTPUT [SENDER_OUTPUT]

Loads perf-matrix as a module, gives every pair of every test the one throughput output (local_thr's or dish_thr's)
or latency output (remote_lat's or client_lat's) named, read with perf-matrix's own parsers as a run would, and
prints its report: what the rows look like is checked without starting a tool. SENDER_OUTPUT, radio_thr's, is read
for the radio/dish rows' send rate. Run by PerfMatrixReportTest.
"""

import importlib.machinery
import importlib.util
import sys


def load(path):
    loader = importlib.machinery.SourceFileLoader("perf_matrix", path)
    spec = importlib.util.spec_from_loader("perf_matrix", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def main(argv):
    matrix_path, kinds, throughput_path, latency_path = argv[:4]
    matrix = load(matrix_path)
    # The machine's facts need java and pkg-config, which say nothing about the rows.
    matrix.machine_facts = lambda java: ["machine: test"]
    with open(throughput_path) as file:
        throughput = file.read()
    with open(latency_path) as file:
        latency = file.read()
    sender = ""
    if len(argv) > 4:
        with open(argv[4]) as file:
            sender = file.read()
    options = matrix.parse_options(["--rounds", "1", "--tests", kinds])
    tests = matrix.tests(options.curve, options.kinds, options.zmq4j_udp)
    outcomes = {}
    for test in tests:
        output = latency if test.is_latency else throughput
        for pair in test.pairs:
            value = matrix.parse(output, test.is_latency)
            if value is None:
                sys.exit(f"matrix_report: no result line for {test.key} in {output!r}")
            outcome = matrix.Outcome(values=[value])
            if test.is_latency:
                outcome.tails.append(matrix.parse_tail(output))
            elif test.kind == "udp_thr":
                outcome.tails.append(matrix.parse_udp(output, sender))
            outcomes[(test.key, pair)] = outcome
    matrix.print_report(tests, outcomes, options, ["--rounds", "1", "--tests", kinds])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
