/* inproc_thr <message-size> <message-count>: local_thr and remote_thr in one process over inproc. */
#include <pthread.h>

#include "perf.h"

#define USAGE "inproc_thr <message-size> <message-count>"
#define ENDPOINT "inproc://thr_test"

static size_t message_size;
static int message_count;

static void *sender (void *ctx)
{
    void *s = zmq_socket (ctx, ZMQ_PUSH);
    if (!s)
        perf_fail ("zmq_socket");
    if (zmq_connect (s, ENDPOINT) != 0)
        perf_fail ("zmq_connect");
    for (int i = 0; i < message_count; i++) {
        zmq_msg_t msg;
        if (zmq_msg_init_size (&msg, message_size) != 0)
            perf_fail ("zmq_msg_init_size");
        if (zmq_msg_send (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_send");
        zmq_msg_close (&msg);
    }
    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    return NULL;
}

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 3, USAGE);
    message_size = (size_t) perf_number ("message-size", argv[1], 0, USAGE);
    message_count = perf_number ("message-count", argv[2], 1, USAGE);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    void *s = zmq_socket (ctx, ZMQ_PULL);
    if (!s)
        perf_fail ("zmq_socket");
    if (zmq_bind (s, ENDPOINT) != 0)
        perf_fail ("zmq_bind");

    pthread_t thread;
    int rc = pthread_create (&thread, NULL, sender, ctx);
    if (rc != 0) {
        printf ("error in pthread_create: %s\n", zmq_strerror (rc));
        return PERF_EXIT_FAILURE;
    }

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("message count: %d\n", message_count);

    zmq_msg_t msg;
    zmq_msg_init (&msg);
    if (zmq_msg_recv (&msg, s, 0) < 0)
        perf_fail ("zmq_msg_recv");
    perf_check_size (zmq_msg_size (&msg), message_size);

    void *watch = zmq_stopwatch_start ();
    for (int i = 1; i < message_count; i++) {
        if (zmq_msg_recv (&msg, s, 0) < 0)
            perf_fail ("zmq_msg_recv");
        perf_check_size (zmq_msg_size (&msg), message_size);
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    zmq_msg_close (&msg);

    pthread_join (thread, NULL);
    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");

    perf_print_throughput (message_size, message_count, elapsed);
    return 0;
}
