/*
 * Shared by the libzmq perf tools of zmq-perf: argument parsing, failure
 * reporting and the report lines, in libzmq's perf tools' format. The tools
 * themselves follow libzmq's method (one zmq_msg_t per message, clock read
 * with zmq_stopwatch_*), so their numbers stand for libzmq's own tools.
 */
#ifndef ZMQ4J_PERF_H
#define ZMQ4J_PERF_H

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define PERF_EXIT_USAGE 1
#define PERF_EXIT_FAILURE 255

/* Prints "error in <call>: <zmq error>" and ends the process. */
static inline void perf_fail (const char *call)
{
    printf ("error in %s: %s\n", call, zmq_strerror (zmq_errno ()));
    fflush (stdout);
    exit (PERF_EXIT_FAILURE);
}

static inline void perf_check_size (size_t received, size_t expected)
{
    if (received != expected) {
        printf ("message of incorrect size received (expected %zu B, got %zu B)\n",
                expected, received);
        fflush (stdout);
        exit (PERF_EXIT_FAILURE);
    }
}

/* Parses a whole number of at least min; on bad input says which argument and exits with the usage. */
static inline int perf_number (const char *name, const char *text, long min, const char *usage)
{
    char *end;
    errno = 0;
    long value = strtol (text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > INT_MAX) {
        printf ("%s must be a whole number from %ld to %d, not '%s'\n", name, min, INT_MAX, text);
        printf ("usage: %s\n", usage);
        exit (PERF_EXIT_USAGE);
    }
    return (int) value;
}

/*
 * With ZMQ_PERF_CURVE=1 in the environment, the tools run under CURVE, as zmq-perf's Java tools do: the bound side is
 * the server, the connecting side the client, all with the fixed key pair of libzmq's tests/test_sodium.cpp (a
 * perf run measures the encryption, not key distribution). Unset or anything else: NULL, as libzmq's tools.
 */
#define PERF_CURVE_SECRET "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"
#define PERF_CURVE_PUBLIC "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"

static inline void perf_secure (void *socket, int server)
{
    const char *curve = getenv ("ZMQ_PERF_CURVE");
    if (!curve || curve[0] != '1' || curve[1] != '\0')
        return;
    int on = 1;
    if (server && zmq_setsockopt (socket, ZMQ_CURVE_SERVER, &on, sizeof on) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_CURVE_SERVER)");
    if (!server && zmq_setsockopt (socket, ZMQ_CURVE_SERVERKEY, PERF_CURVE_PUBLIC, 40) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_CURVE_SERVERKEY)");
    if (zmq_setsockopt (socket, ZMQ_CURVE_PUBLICKEY, PERF_CURVE_PUBLIC, 40) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_CURVE_PUBLICKEY)");
    if (zmq_setsockopt (socket, ZMQ_CURVE_SECRETKEY, PERF_CURVE_SECRET, 40) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_CURVE_SECRETKEY)");
}

static inline void perf_usage_unless (int argc, int expected, const char *usage)
{
    if (argc != expected) {
        printf ("usage: %s\n", usage);
        exit (PERF_EXIT_USAGE);
    }
}

static inline void perf_print_throughput (size_t message_size, int message_count, unsigned long elapsed)
{
    if (elapsed == 0)
        elapsed = 1;
    unsigned long throughput =
        (unsigned long) ((double) message_count / (double) elapsed * 1000000);
    double megabits = (double) (throughput * message_size * 8) / 1000000;
    printf ("mean throughput: %d [msg/s]\n", (int) throughput);
    printf ("mean throughput: %.3f [Mb/s]\n", megabits);
}

static inline void perf_print_latency (int roundtrip_count, unsigned long elapsed)
{
    double latency = (double) elapsed / (roundtrip_count * 2.0);
    printf ("average latency: %.3f [us]\n", latency);
}

/* ZMQ_PERF_WARMUP: how many leading round trips the warm figures leave out (0 when unset). */
static inline int perf_warmup (int roundtrip_count)
{
    const char *text = getenv ("ZMQ_PERF_WARMUP");
    if (!text || !*text)
        return 0;
    char *end;
    long warmup = strtol (text, &end, 10);
    if (*end || warmup < 0 || warmup >= roundtrip_count) {
        printf ("ZMQ_PERF_WARMUP must be at least 0 and below the roundtrip count %d, not '%s'\n", roundtrip_count,
                text);
        exit (PERF_EXIT_USAGE);
    }
    return (int) warmup;
}

static inline uint64_t perf_now_nanos (void)
{
    struct timespec now;
    clock_gettime (CLOCK_MONOTONIC, &now);
    return (uint64_t) now.tv_sec * 1000000000u + (uint64_t) now.tv_nsec;
}

static int perf_compare_nanos (const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

/* Nearest rank: the smallest value at or above which a share p of the sorted values lie. */
static inline uint64_t perf_percentile (const uint64_t *sorted, int count, double p)
{
    int rank = (int) ceil (p * count);
    return sorted[rank > 0 ? rank - 1 : 0];
}

/* One percentile line, "<label>: p50 ... max ... [us]", of count sorted values in ns divided by nanos_per_unit. */
static inline void perf_print_percentiles (const char *label, const uint64_t *sorted, int count, double nanos_per_unit)
{
    printf ("%s: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f [us]\n", label,
            perf_percentile (sorted, count, 0.50) / nanos_per_unit,
            perf_percentile (sorted, count, 0.90) / nanos_per_unit,
            perf_percentile (sorted, count, 0.99) / nanos_per_unit,
            perf_percentile (sorted, count, 0.999) / nanos_per_unit, sorted[count - 1] / nanos_per_unit);
}

/* The warm mean (after a warm-up) and the one-way percentiles of count round trips, in the Java tools' format. */
static inline void perf_print_round_trips (uint64_t *nanos, int count, int warmup)
{
    if (count <= 0)
        return;
    if (warmup > 0) {
        double sum = 0;
        for (int i = 0; i < count; i++)
            sum += (double) nanos[i];
        printf ("warm-up roundtrips: %d\n", warmup);
        printf ("warm average latency: %.3f [us]\n", sum / 2000.0 / count);
    }
    qsort (nanos, (size_t) count, sizeof (uint64_t), perf_compare_nanos);
    perf_print_percentiles ("latency percentiles", nanos, count, 2000.0);
}

/* The many-peers workload: the percentiles of whole round trips (a request waits behind its window), sorted here. */
static inline void perf_print_whole_round_trips (uint64_t *nanos, int count)
{
    if (count <= 0)
        return;
    qsort (nanos, (size_t) count, sizeof (uint64_t), perf_compare_nanos);
    perf_print_percentiles ("round-trip percentiles", nanos, count, 1000.0);
}

/* RADIO/DISH: the group the udp throughput tools send to and join. */
#define PERF_GROUP "perf"

/* Sets a high-water mark (ZMQ_SNDHWM or ZMQ_RCVHWM) to 0, no limit: the udp tools queue rather than drop. */
static inline void perf_unbounded (void *s, int option)
{
    int none = 0;
    if (zmq_setsockopt (s, option, &none, sizeof none) != 0)
        perf_fail (option == ZMQ_SNDHWM ? "zmq_setsockopt (ZMQ_SNDHWM)" : "zmq_setsockopt (ZMQ_RCVHWM)");
}

/* ZMQ_PERF_SILENCE_MS: how long dish_thr waits for one more message before it counts the rest as lost (1000 ms). */
static inline int perf_silence_ms (void)
{
    const char *text = getenv ("ZMQ_PERF_SILENCE_MS");
    if (!text || !*text)
        return 1000;
    char *end;
    long silence = strtol (text, &end, 10);
    if (*end || silence < 1 || silence > INT_MAX) {
        printf ("ZMQ_PERF_SILENCE_MS must be a whole number of milliseconds from 1, not '%s'\n", text);
        exit (PERF_EXIT_USAGE);
    }
    return (int) silence;
}

/* dish_thr's lines beyond local_thr's: what came in of what was sent, and what did not. */
static inline void perf_print_received (int received, int message_count, int silence_ms)
{
    int lost = message_count - received;
    printf ("messages received: %d\n", received);
    printf ("messages lost: %d (%.2f %%)\n", lost, 100.0 * lost / message_count);
    if (lost > 0)
        printf ("ended after a silence of %d [ms]\n", silence_ms);
}

/* radio_thr's report: how fast the sender handed its messages over (a RADIO never waits, it drops). */
static inline void perf_print_send_rate (int message_count, unsigned long elapsed)
{
    if (elapsed == 0)
        elapsed = 1;
    printf ("send rate: %d [msg/s]\n", (int) ((double) message_count / (double) elapsed * 1000000));
}

/* A socket of the type, secured as perf_secure says (the bound side the server), bound or connected to endpoint. */
static inline void *perf_open (void *ctx, int type, const char *endpoint, int bind)
{
    void *s = zmq_socket (ctx, type);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, bind);
    if (bind ? zmq_bind (s, endpoint) != 0 : zmq_connect (s, endpoint) != 0)
        perf_fail (bind ? "zmq_bind" : "zmq_connect");
    return s;
}

/* The bound side of a latency test: receives roundtrip_count messages and sends each back as it came. A REP answers
 * its REQ, and a SERVER its CLIENT, since the received message keeps the routing id of its peer. */
static inline void perf_echo (void *s, size_t message_size, int roundtrip_count)
{
    zmq_msg_t msg;
    zmq_msg_init (&msg);
    for (int i = 0; i < roundtrip_count; i++) {
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
    }
    zmq_msg_close (&msg);
}

/* The timing side of a latency test: roundtrip_count round trips of a zeroed message, the clock started before the
 * first, so the connection's set-up is part of it, as in libzmq's remote_lat; then the report, each round trip also
 * timed on its own for the warm mean (after ZMQ_PERF_WARMUP round trips) and the one-way percentiles, by the same
 * rules as the Java tools (RoundTrips.java). */
static inline void perf_time_round_trips (void *s, size_t message_size, int roundtrip_count)
{
    zmq_msg_t msg;
    if (zmq_msg_init_size (&msg, message_size) != 0)
        perf_fail ("zmq_msg_init_size");
    memset (zmq_msg_data (&msg), 0, message_size);

    int warmup = perf_warmup (roundtrip_count);
    uint64_t *nanos = malloc (sizeof (uint64_t) * (size_t) roundtrip_count);
    if (!nanos)
        perf_fail ("malloc");

    void *watch = zmq_stopwatch_start ();
    for (int i = 0; i < roundtrip_count; i++) {
        uint64_t start = perf_now_nanos ();
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
        nanos[i] = perf_now_nanos () - start;
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    zmq_msg_close (&msg);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("roundtrip count: %d\n", roundtrip_count);
    perf_print_latency (roundtrip_count, elapsed);
    perf_print_round_trips (nanos + warmup, roundtrip_count - warmup, warmup);
    free (nanos);
}

/* Closes the socket and ends the context, waiting for what the socket still holds (LINGER infinite). */
static inline void perf_close (void *s, void *ctx)
{
    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
}

/* The whole of a latency tool, "<name> <bind-to|connect-to> <message-size> <roundtrip-count>": a socket of the type,
 * bound and echoing (local_lat, server_lat: as libzmq's local_lat it then gives the last reply a second to leave) or
 * connected and timing (remote_lat, client_lat). */
static inline int perf_latency_main (int argc, char *argv[], const char *usage, int type, int bind)
{
    perf_usage_unless (argc, 4, usage);
    const char *endpoint = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, usage);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, usage);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = perf_open (ctx, type, endpoint, bind);
    if (bind) {
        perf_echo (s, message_size, roundtrip_count);
        zmq_sleep (1);
    } else {
        perf_time_round_trips (s, message_size, roundtrip_count);
    }
    perf_close (s, ctx);
    return 0;
}

#endif
