package dev.zmq4j.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import org.junit.jupiter.api.Test;

/** Parsing the address forms of libzmq's zmq_udp(7), and what zmq4j adds (the ephemeral port when binding). */
class UdpAddressTest {
    private static void assertInvalid(String address, boolean bind, String text) {
        String endpoint = "udp://" + address;
        assertThatThrownBy(() -> {
                    if (bind) {
                        UdpAddress.forBind(endpoint, address);
                    } else {
                        UdpAddress.forConnect(endpoint, address);
                    }
                })
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL))
                .hasMessageContaining(text);
    }

    @Test
    void shouldParseTheDocumentedForms() {
        for (String address :
                new String[] {"*:5555", "eth0:5555", "239.0.0.1:5555", "eth0;239.0.0.1:5555", "[ff02::1]:5555"}) {
            assertThat(UdpAddress.forBind("udp://" + address, address).endpoint())
                    .isEqualTo("udp://" + address);
        }
        UdpAddress.forBind("udp://127.0.0.1:*", "127.0.0.1:*");
        UdpAddress.forConnect("udp://127.0.0.1:5555", "127.0.0.1:5555");
        UdpAddress.forConnect("udp://lo;239.0.0.1:5555", "lo;239.0.0.1:5555");
    }

    @Test
    void shouldRefuseMalformedAddresses() {
        assertInvalid("127.0.0.1", true, "host:port");
        assertInvalid(":5555", true, "host is empty");
        assertInvalid(";239.0.0.1:5555", true, "source");
        assertInvalid("::1:5555", true, "[address]:port");
        assertInvalid("[::1:5555", true, "[address]:port");
        assertInvalid("127.0.0.1:x", true, "not a number");
        assertInvalid("127.0.0.1:65536", true, "out of range");
        assertInvalid("*:5555", false, "wildcard address");
        assertInvalid("127.0.0.1:*", false, "wildcard port");
        assertInvalid("127.0.0.1:0", false, "out of range");
    }

    @Test
    void shouldTellIpLiteralsFromNames() {
        assertThat(UdpAddress.isIpLiteral("239.0.0.1")).isTrue();
        assertThat(UdpAddress.isIpLiteral("ff02::1")).isTrue();
        assertThat(UdpAddress.isIpLiteral("eth0")).isFalse();
        assertThat(UdpAddress.isIpLiteral("1.2.3")).isFalse();
        assertThat(UdpAddress.isIpLiteral("example.com")).isFalse();
    }
}
