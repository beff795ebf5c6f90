package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's example compiles, runs as printed, and the README shows exactly this code. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadmeExampleTest {

    static void example(PrintStream out) {
        // README-BEGIN
        try (Context context = Context.create();
                Socket server = context.socket(SocketType.REP);
                Socket client = context.socket(SocketType.REQ)) {
            server.bind("tcp://127.0.0.1:*");
            client.connect(server.lastEndpoint()); // e.g. tcp://127.0.0.1:40123

            client.send("Hello");
            String request = server.recvString();
            server.send(request + ", World");
            out.println(client.recvString()); // prints: Hello, World
        }
        // README-END
    }

    @Test
    void shouldRunTheReadmeExample() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        example(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8).trim()).isEqualTo("Hello, World");
    }

    @Test
    void shouldShowTheTestedExampleInTheReadme() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/zmq4j/ReadmeExampleTest.java"));
        String tested = source.substring(
                source.indexOf("// README-BEGIN") + "// README-BEGIN".length(),
                source.indexOf("        // README-END"));
        String readme = Files.readString(Path.of("../README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has a java code block").isTrue();
        assertThat(normalize(block.group(1))).isEqualTo(normalize(tested.replace("out.println", "System.out.println")));
    }

    private static String normalize(String code) {
        StringBuilder lines = new StringBuilder();
        for (String line : code.strip().split("\n")) {
            lines.append(line.strip().replaceAll("\\s+", " ")).append('\n');
        }
        return lines.toString();
    }
}
