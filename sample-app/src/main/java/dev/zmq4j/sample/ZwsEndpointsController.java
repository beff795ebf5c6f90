package dev.zmq4j.sample;

import dev.zmq4j.spring.support.LocalEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the browser page where the ws:// endpoints of the ticker and the quote service are, as the sockets bound
 * them ({@code local.zmq.<socket>.endpoints[i]}, which the starter publishes), so the page hard-codes no port and
 * works as well when the ports are moved or ephemeral ({@code ticker.ws-port=*}).
 *
 * <p>{@code curl localhost:8080/zws-endpoints} gives {@code {"prices":"ws://localhost:8090/prices",
 * "quotes":"ws://localhost:8091/quotes"}}. A socket bound on every interface ({@code ws://*:8090}, read back as
 * {@code ws://0.0.0.0:8090}) is named by the host the browser reached this server with, which is the one it can
 * reach the ws port with too. A socket that has not bound (yet) is left out.
 *
 * <p>{@code *} binds IPv4 only, as in libzmq, so a page opened through an IPv6 address ({@code http://[::1]:8080/})
 * is told an IPv6 ws URL nothing listens on, and zws.js reports that it could not connect: open it through a name
 * ({@code localhost}) or an IPv4 address.
 */
@RestController
public class ZwsEndpointsController {
    private final Environment environment;

    public ZwsEndpointsController(Environment environment) {
        this.environment = environment;
    }

    @GetMapping("/zws-endpoints")
    public Map<String, String> endpoints(HttpServletRequest request) {
        Map<String, String> found = new LinkedHashMap<>();
        put(found, "prices", "ticker", request.getServerName());
        put(found, "quotes", "quotes", request.getServerName());
        return found;
    }

    private void put(Map<String, String> found, String name, String socketName, String requestHost) {
        String bound = firstWsEndpoint(socketName);
        if (bound != null) {
            found.put(name, forBrowser(URI.create(bound), requestHost));
        }
    }

    private String firstWsEndpoint(String socketName) {
        for (int i = 0; ; i++) {
            String endpoint = environment.getProperty(LocalEndpoints.endpointProperty(socketName, i));
            if (endpoint == null || endpoint.startsWith("ws://")) {
                return endpoint;
            }
        }
    }

    private static String forBrowser(URI bound, String requestHost) {
        String host = bound.getHost();
        if (host.equals("0.0.0.0") || host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]")) {
            host = requestHost.contains(":") && !requestHost.startsWith("[") ? "[" + requestHost + "]" : requestHost;
        }
        return "ws://" + host + ":" + bound.getPort() + bound.getRawPath();
    }
}
