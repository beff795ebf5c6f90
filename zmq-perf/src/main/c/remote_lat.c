/* remote_lat <connect-to> <message-size> <roundtrip-count>: REQ timing round trips; latency is half a round trip.
 * Beyond libzmq's tool: each round trip is timed on its own too, for the one-way percentiles and, after
 * ZMQ_PERF_WARMUP round trips, the warm mean (perf_time_round_trips). */
#include "perf.h"

int main (int argc, char *argv[])
{
    return perf_latency_main (argc, argv, "remote_lat <connect-to> <message-size> <roundtrip-count>", ZMQ_REQ, 0);
}
