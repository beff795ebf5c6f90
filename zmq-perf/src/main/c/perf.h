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
#include <stdio.h>
#include <stdlib.h>
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

#endif
