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

#endif
