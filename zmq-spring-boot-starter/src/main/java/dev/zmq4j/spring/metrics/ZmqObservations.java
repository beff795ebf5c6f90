package dev.zmq4j.spring.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The Micrometer observations of the starter: {@code zmq.listener} around each listener invocation and
 * {@code zmq.template.request} around each template request. With a meter registry, Boot's (or the starter's)
 * {@code DefaultMeterObservationHandler} turns each into a timer of the same name, so there is one instrumentation
 * path; a tracer adds spans. Tags are low cardinality only: listener id or socket name, socket type, outcome.
 */
public final class ZmqObservations {
    public static final String LISTENER = "zmq.listener";
    public static final String TEMPLATE_REQUEST = "zmq.template.request";
    public static final String OUTCOME = "outcome";
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";
    public static final String TIMEOUT = "timeout";

    private ZmqObservations() {}

    public static Observation listener(ObservationRegistry registry, String listenerId, String socketType) {
        return Observation.createNotStarted(LISTENER, registry)
                .contextualName("zmq listener " + listenerId)
                .lowCardinalityKeyValue("listener", listenerId)
                .lowCardinalityKeyValue("socket.type", socketType);
    }

    public static Observation templateRequest(ObservationRegistry registry, String socketName, String socketType) {
        return Observation.createNotStarted(TEMPLATE_REQUEST, registry)
                .contextualName("zmq request " + socketName)
                .lowCardinalityKeyValue("socket", socketName)
                .lowCardinalityKeyValue("socket.type", socketType);
    }
}
