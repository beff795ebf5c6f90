/* remote_fanout <connect-to> <message-size> <message-count> <subscribers>: that many SUBs, one per thread, each
 * subscribed to everything, receiving a local_fanout's messages; prints the aggregate throughput, subscribers x
 * messages over the time from the first message any subscriber received to the last of the last one. Each checks
 * every size and counts up to the empty end message; fewer than the count is reported as a drop and fails the run.
 * As the Java tools (FanoutSubscribers.java): one context (one I/O thread), a SUB closes with ZMQ_LINGER 0. */
#include <pthread.h>

#include "perf.h"

#define USAGE "remote_fanout <connect-to> <message-size> <message-count> <subscribers>"

struct subscriber {
    void *ctx;
    const char *connect_to;
    size_t message_size;
    int message_count;
    int index;
    uint64_t first_nanos;
    uint64_t last_nanos;
    pthread_t thread;
};

static void *subscribe (void *arg)
{
    struct subscriber *sub = arg;
    void *s = zmq_socket (sub->ctx, ZMQ_SUB);
    if (!s)
        perf_fail ("zmq_socket");
    int linger = 0;
    if (zmq_setsockopt (s, ZMQ_LINGER, &linger, sizeof linger) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_LINGER)");
    if (zmq_setsockopt (s, ZMQ_SUBSCRIBE, "", 0) != 0)
        perf_fail ("zmq_setsockopt (ZMQ_SUBSCRIBE)");
    perf_secure (s, 0);
    if (zmq_connect (s, sub->connect_to) != 0)
        perf_fail ("zmq_connect");

    zmq_msg_t msg;
    zmq_msg_init (&msg);
    if (zmq_msg_recv (&msg, s, 0) < 0)
        perf_fail ("zmq_msg_recv");
    sub->first_nanos = perf_now_nanos ();
    int counted = 0;
    while (zmq_msg_size (&msg) != 0) {
        perf_check_size (zmq_msg_size (&msg), sub->message_size);
        if (++counted == sub->message_count)
            sub->last_nanos = perf_now_nanos ();
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
    }
    zmq_msg_close (&msg);
    if (counted != sub->message_count) {
        printf ("subscriber %d received %d of %d messages\n", sub->index + 1, counted, sub->message_count);
        fflush (stdout);
        exit (PERF_EXIT_FAILURE);
    }
    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    return NULL;
}

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 5, USAGE);
    const char *connect_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 1, USAGE);
    int message_count = perf_number ("message-count", argv[3], 1, USAGE);
    int subscribers = perf_number ("subscribers", argv[4], 1, USAGE);
    if ((long long) subscribers * message_count > INT_MAX) {
        printf ("subscribers x message-count must be at most %d\n", INT_MAX);
        return PERF_EXIT_USAGE;
    }

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    struct subscriber *subs = calloc ((size_t) subscribers, sizeof *subs);
    if (!subs)
        perf_fail ("calloc");
    for (int i = 0; i < subscribers; i++) {
        subs[i] = (struct subscriber){ctx, connect_to, message_size, message_count, i, 0, 0, 0};
        if (pthread_create (&subs[i].thread, NULL, subscribe, &subs[i]) != 0)
            perf_fail ("pthread_create");
    }
    uint64_t first = UINT64_MAX, last = 0;
    for (int i = 0; i < subscribers; i++) {
        pthread_join (subs[i].thread, NULL);
        if (subs[i].first_nanos < first)
            first = subs[i].first_nanos;
        if (subs[i].last_nanos > last)
            last = subs[i].last_nanos;
    }
    free (subs);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("message count: %d\n", message_count);
    printf ("subscribers: %d\n", subscribers);
    perf_print_throughput (message_size, subscribers * message_count, (unsigned long) ((last - first) / 1000));

    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
