package dev.zmq4j.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TcpAddressTest {

    private static String format(String ip, int port) throws Exception {
        return TcpAddress.endpointOf(new InetSocketAddress(InetAddress.getByName(ip), port));
    }

    @Test
    void shouldFormatEndpointsAsLibzmqDoes() throws Exception {
        assertThat(format("127.0.0.1", 5555)).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(format("::1", 5555)).isEqualTo("tcp://[::1]:5555");
        assertThat(format("::", 1)).isEqualTo("tcp://[::]:1");
        assertThat(format("fe80:0:0:0:1:0:0:2", 2)).isEqualTo("tcp://[fe80::1:0:0:2]:2");
        assertThat(format("2001:db8:0:0:1:0:0:1", 3)).isEqualTo("tcp://[2001:db8::1:0:0:1]:3");
        assertThat(format("2001:db8:1:2:3:4:5:6", 4)).isEqualTo("tcp://[2001:db8:1:2:3:4:5:6]:4");
        assertThat(format("2001:db8:0:1:1:1:1:1", 5)).isEqualTo("tcp://[2001:db8:0:1:1:1:1:1]:5");
        assertThat(format("1:0:0:0:0:0:0:0", 6)).isEqualTo("tcp://[1::]:6");
    }

    @Test
    void shouldParseBindAndConnectForms() {
        assertThat(TcpAddress.forBind("tcp://*:*", "*:*").resolve().getPort()).isZero();
        assertThat(TcpAddress.forBind("tcp://[::1]:0", "[::1]:0")
                        .resolve()
                        .getAddress()
                        .isLoopbackAddress())
                .isTrue();
        assertThat(TcpAddress.forConnect("tcp://localhost:80", "localhost:80")
                        .resolve()
                        .getPort())
                .isEqualTo(80);
    }
}
