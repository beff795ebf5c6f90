/* remote_peers <connect-to> <message-size> <roundtrip-count> <clients> <window>: that many DEALERs of a local_peers,
 * one per thread, each keeping <window> requests outstanding until it has had its round trips. Each first makes one
 * round trip on its own (its connection's set-up); once all have, the clock starts and all go at once, and it stops
 * when the last has its last reply. Prints the aggregate round trips per second and the percentiles of whole round
 * trips (send to reply, waiting behind the window included); ZMQ_PERF_WARMUP=N leaves each client's first N out of
 * the percentiles. Replies come back in the order of the requests, so a ring of send times, one a window slot, times
 * them. The same method as the Java tools (PeersClients.java). */
#include <pthread.h>
#include <string.h>

#include "perf.h"

#define USAGE "remote_peers <connect-to> <message-size> <roundtrip-count> <clients> <window>"

struct client {
    void *ctx;
    const char *connect_to;
    size_t message_size;
    int roundtrip_count;
    int window;
    uint64_t *nanos;
    pthread_t thread;
};

/* The start line: every client, then the main thread, arrive once connected; all leave together. */
static pthread_barrier_t start_line;

static void send_request (void *s, size_t message_size)
{
    zmq_msg_t msg;
    if (zmq_msg_init_size (&msg, message_size) != 0)
        perf_fail ("zmq_msg_init_size");
    memset (zmq_msg_data (&msg), 0, message_size);
    if (zmq_msg_send (&msg, s, 0) < 0)
        perf_fail ("zmq_msg_send");
}

static void receive_reply (void *s, zmq_msg_t *msg, size_t message_size)
{
    if (zmq_msg_recv (msg, s, 0) < 0)
        perf_fail ("zmq_msg_recv");
    perf_check_size (zmq_msg_size (msg), message_size);
}

static void *request (void *arg)
{
    struct client *c = arg;
    void *s = zmq_socket (c->ctx, ZMQ_DEALER);
    if (!s)
        perf_fail ("zmq_socket");
    perf_secure (s, 0);
    if (zmq_connect (s, c->connect_to) != 0)
        perf_fail ("zmq_connect");
    zmq_msg_t reply;
    zmq_msg_init (&reply);
    send_request (s, c->message_size);
    receive_reply (s, &reply, c->message_size);
    pthread_barrier_wait (&start_line);

    /* Request k's send time is in slot k % window, which its reply frees for request k + window. */
    uint64_t *sent_at = malloc (sizeof (uint64_t) * (size_t) c->window);
    if (!sent_at)
        perf_fail ("malloc");
    int sent = 0;
    for (; sent < c->window && sent < c->roundtrip_count; sent++) {
        sent_at[sent % c->window] = perf_now_nanos ();
        send_request (s, c->message_size);
    }
    for (int done = 0; done < c->roundtrip_count; done++) {
        receive_reply (s, &reply, c->message_size);
        uint64_t now = perf_now_nanos ();
        c->nanos[done] = now - sent_at[done % c->window];
        if (sent < c->roundtrip_count) {
            sent_at[sent % c->window] = now;
            send_request (s, c->message_size);
            sent++;
        }
    }
    free (sent_at);
    zmq_msg_close (&reply);
    if (zmq_close (s) != 0)
        perf_fail ("zmq_close");
    return NULL;
}

int main (int argc, char *argv[])
{
    perf_usage_unless (argc, 6, USAGE);
    const char *connect_to = argv[1];
    size_t message_size = (size_t) perf_number ("message-size", argv[2], 0, USAGE);
    int roundtrip_count = perf_number ("roundtrip-count", argv[3], 1, USAGE);
    int clients = perf_number ("clients", argv[4], 1, USAGE);
    int window = perf_number ("window", argv[5], 1, USAGE);
    if ((long long) clients * roundtrip_count > INT_MAX) {
        printf ("clients x roundtrip-count must be at most %d\n", INT_MAX);
        return PERF_EXIT_USAGE;
    }
    int warmup = perf_warmup (roundtrip_count);

    void *ctx = zmq_ctx_new ();
    if (!ctx)
        perf_fail ("zmq_ctx_new");
    uint64_t *nanos = malloc (sizeof (uint64_t) * (size_t) clients * (size_t) roundtrip_count);
    struct client *all = calloc ((size_t) clients, sizeof *all);
    if (!nanos || !all)
        perf_fail ("malloc");
    if (pthread_barrier_init (&start_line, NULL, (unsigned) clients + 1) != 0)
        perf_fail ("pthread_barrier_init");
    for (int i = 0; i < clients; i++) {
        all[i] = (struct client){ctx, connect_to, message_size, roundtrip_count, window,
                                 nanos + (size_t) i * (size_t) roundtrip_count, 0};
        if (pthread_create (&all[i].thread, NULL, request, &all[i]) != 0)
            perf_fail ("pthread_create");
    }
    pthread_barrier_wait (&start_line);
    void *watch = zmq_stopwatch_start ();
    for (int i = 0; i < clients; i++)
        pthread_join (all[i].thread, NULL);
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    if (elapsed == 0)
        elapsed = 1;

    /* Each client's round trips after its warm-up, packed to the front for the percentiles. */
    int kept = roundtrip_count - warmup;
    for (int i = 0; i < clients; i++)
        memmove (nanos + (size_t) i * kept, nanos + (size_t) i * roundtrip_count + warmup,
                 sizeof (uint64_t) * (size_t) kept);

    printf ("message size: %d [B]\n", (int) message_size);
    printf ("roundtrip count: %d\n", roundtrip_count);
    printf ("clients: %d\n", clients);
    printf ("window: %d\n", window);
    printf ("mean throughput: %lu [roundtrips/s]\n",
            (unsigned long) ((double) clients * roundtrip_count / (double) elapsed * 1000000));
    if (warmup > 0)
        printf ("warm-up roundtrips per client: %d\n", warmup);
    perf_print_whole_round_trips (nanos, clients * kept);
    free (all);
    free (nanos);
    pthread_barrier_destroy (&start_line);

    if (zmq_ctx_term (ctx) != 0)
        perf_fail ("zmq_ctx_term");
    return 0;
}
