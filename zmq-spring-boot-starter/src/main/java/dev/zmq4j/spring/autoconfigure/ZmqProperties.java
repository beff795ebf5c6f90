package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.SocketPropertiesValidator;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.logging.LogLevel;

/**
 * The {@code zmq.*} properties: the context settings and the named sockets. Validated once after binding, so a
 * wrong endpoint or type stops the application at startup with the offending property named.
 */
@ConfigurationProperties("zmq")
public class ZmqProperties implements InitializingBean {

    /** Number of I/O threads of the zmq4j Context. */
    private int ioThreads = 1;

    /**
     * LINGER of every socket the starter creates unless the socket sets its own. Finite on purpose: an infinite
     * linger makes closing the context hang while a peer is unreachable.
     */
    private Duration linger = Duration.ofSeconds(1);

    /** How long a listener container or template may take, when stopping, to finish the requests in flight. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** Named sockets, zmq.sockets.<name>.*; a sending socket becomes a ZmqTemplate bean named <name>. */
    private final Map<String, SocketProperties> sockets = new LinkedHashMap<>();

    /** How the actuator judges the sockets' health. */
    private final Health health = new Health();

    /** How listener failures are reported. */
    private final Listener listener = new Listener();

    /** The ZAP authenticator for every socket of the context (PLAIN users, CURVE clients, addresses). */
    @NestedConfigurationProperty
    private final ZmqAuthProperties auth = new ZmqAuthProperties();

    public ZmqAuthProperties getAuth() {
        return auth;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Map<String, SocketProperties> getSockets() {
        return sockets;
    }

    public Health getHealth() {
        return health;
    }

    public Listener getListener() {
        return listener;
    }

    @Override
    public void afterPropertiesSet() {
        SocketPropertiesValidator.validateContext(ioThreads, linger, shutdownTimeout);
        sockets.forEach((name, socket) -> SocketPropertiesValidator.validate("zmq.sockets." + name, socket, true));
        Duration grace = health.getConnectGracePeriod();
        if (grace == null || grace.isNegative()) {
            throw new InvalidZmqConfigurationException(
                    "zmq.health.connect-grace-period", "must be zero or positive, not " + grace);
        }
    }

    /** The {@code zmq.health.*} properties. */
    public static class Health {

        /**
         * How long a connecting socket may have no handshaken peer before its health is DOWN. Until then it is UP
         * with state "connecting", so an application that starts before its peers does not fail its health check.
         */
        private Duration connectGracePeriod = Duration.ofSeconds(10);

        public Duration getConnectGracePeriod() {
            return connectGracePeriod;
        }

        public void setConnectGracePeriod(Duration connectGracePeriod) {
            this.connectGracePeriod = connectGracePeriod;
        }
    }

    /** The {@code zmq.listener.*} properties. */
    public static class Listener {

        /**
         * Level of the one log entry the default error handler writes per failed listener call (OFF for none). An
         * exception answered with an error reply is logged without its stack trace unless the handler's logger is at
         * DEBUG.
         */
        private LogLevel failureLogLevel = LogLevel.WARN;

        public LogLevel getFailureLogLevel() {
            return failureLogLevel;
        }

        public void setFailureLogLevel(LogLevel failureLogLevel) {
            this.failureLogLevel = failureLogLevel;
        }
    }
}
