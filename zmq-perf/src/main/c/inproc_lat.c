/* inproc_lat <message-size> <roundtrip-count>: remote_lat (REQ, bound) and local_lat (REP, a thread) over inproc. */
#include <pthread.h>
#include <string.h>

#include "perf.h"

#define USAGE "inproc_lat <message-size> <roundtrip-count>"
#define ENDPOINT "inproc://lat_test"

static size_t message_size;
static int roundtrip_count;

static void *echo (void *ctx)
{
    void *s = zmq_socket (ctx, ZMQ_REP);
    if (!s)
        perf_fail ("zmq_socket");
    if (zmq_connect (s, ENDPOINT) != 0)
        perf_fail ("zmq_connect");
    zmq_msg_t msg;
    zmq_msg_init (&msg);
    for (int i = 0; i < roundtrip_count; i++) {
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
    }
    zmq_msg_close (&msg);
    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    return NULL;
}

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 3, USAGE);
    message_size = (size_t) perf_number ("message-size", argv[1], 0, USAGE);
    roundtrip_count = perf_number ("roundtrip-count", argv[2], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_REQ);
    if (!s)
        perf_fail ("zmq_socket");
    if (zmq_bind (s, ENDPOINT) != 0)
        perf_fail ("zmq_bind");

    pthread_t thread;
    int rc = pthread_create (&thread, NULL, echo, ctx);
    if (rc != 0) {
        printf ("error in pthread_create: %s\n", zmq_strerror (rc));
        return PERF_EXIT_FAILURE;
    }

    zmq_msg_t msg;
    if (zmq_msg_init_size (&msg, message_size) != 0)
        perf_fail ("zmq_msg_init_size");
    memset (zmq_msg_data (&msg), 0, message_size);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("roundtrip count: %d\n", roundtrip_count);

    void *watch = zmq_stopwatch_start ();
    for (int i = 0; i < roundtrip_count; i++) {
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    zmq_msg_close (&msg);

    pthread_join (thread, NULL);
    perf_print_latency (roundtrip_count, elapsed);

    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
