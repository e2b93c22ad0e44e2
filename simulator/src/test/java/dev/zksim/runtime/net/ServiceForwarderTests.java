package dev.zksim.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.Awaits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client Service's forwarder on plain sockets: each "pod" is a server that greets every connection with its name,
 * so a client can tell where the Service sent it.
 */
class ServiceForwarderTests {
    private final List<Greeter> pods = new ArrayList<>();
    private ServiceForwarder service;

    @BeforeEach
    void open() throws IOException {
        pods.add(new Greeter("zk-0"));
        pods.add(new Greeter("zk-1"));
        service = ServiceForwarder.open("zk-cs", new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    }

    @AfterEach
    void close() throws IOException {
        service.close();
        for (Greeter g : pods) {
            g.close();
        }
    }

    @Test
    void routesOnlyToTheEndpointsAndRoundRobin() throws IOException {
        endpoints("zk-1");
        for (int i = 0; i < 4; i++) {
            try (Socket s = connect()) {
                assertThat(greeting(s)).isEqualTo("zk-1");
            }
        }
        endpoints("zk-0", "zk-1");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (Socket s = connect()) {
                seen.add(greeting(s));
            }
        }
        assertThat(seen).containsOnly("zk-0", "zk-1").contains("zk-0", "zk-1");
    }

    @Test
    void withoutEndpointsAConnectionIsResetAtOnce() throws IOException {
        endpoints();
        String answer;
        try (Socket s = connect()) {
            answer = greeting(s);
        } catch (java.net.SocketException e) {
            answer = ""; // the reset may already reach the client's connect
        }
        assertThat(answer).isEmpty();
    }

    @Test
    void aConnectionToAPodThatIsNoLongerAnEndpointIsResetAndTheNextGoesElsewhere() throws IOException {
        endpoints("zk-0");
        try (Socket s = connect()) {
            assertThat(greeting(s)).isEqualTo("zk-0");
            assertThat(service.connections()).containsExactly("zk-0");
            endpoints("zk-1"); // zk-0 is not Ready any more
            assertThat(Awaits.until(() -> service.connections().isEmpty(), 5_000, 5))
                    .isTrue();
            assertThat(readsEnd(s)).as("the client sees its connection end").isTrue();
        }
        try (Socket s = connect()) {
            assertThat(greeting(s)).isEqualTo("zk-1");
        }
        assertThat(service.routedCounts()).containsEntry("zk-0", 1).containsEntry("zk-1", 1);
    }

    @Test
    void closeLeavesNoThreadAndFreesTheAddress() throws IOException {
        endpoints("zk-0");
        Socket open = connect();
        assertThat(greeting(open)).isEqualTo("zk-0");
        InetSocketAddress address = service.address();
        service.close();
        assertThat(service.leakedThreads()).isEmpty();
        assertThat(readsEnd(open)).isTrue();
        open.close();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(address); // fails while the Service still listens
        }
        if (Runtime.version().feature() < 19) { // from JDK 19 on, thread groups are weakly held
            assertThat(childGroups()).as("thread groups under main").noneMatch(n -> n.startsWith("zksim-svc-"));
        }
    }

    private static List<String> childGroups() {
        ThreadGroup main = Thread.currentThread().getThreadGroup();
        while (main.getParent() != null && !main.getName().equals("main")) {
            main = main.getParent();
        }
        ThreadGroup[] groups = new ThreadGroup[main.activeGroupCount() + 16];
        int n = main.enumerate(groups, true);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(groups[i].getName());
        }
        return names;
    }

    private void endpoints(String... names) {
        TreeMap<String, InetSocketAddress> m = new TreeMap<>();
        for (String n : names) {
            pods.stream().filter(p -> p.name.equals(n)).forEach(p -> m.put(n, p.address()));
        }
        service.setEndpoints(m);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(service.address(), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    /** The pod's name, or "" when the connection ends (reset or closed) before a greeting. */
    private static String greeting(Socket s) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                sb.append((char) c);
            }
        } catch (java.net.SocketException e) {
            return "";
        }
        return sb.toString();
    }

    /** Whether reading ends (EOF or reset) within the socket's timeout. */
    private static boolean readsEnd(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A pod stand-in: greets each connection with its name and keeps it open until the client closes. */
    private static final class Greeter implements AutoCloseable {
        final String name;
        final ServerSocket socket;
        final Thread acceptor;

        Greeter(String name) throws IOException {
            this.name = name;
            this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            this.acceptor = new Thread(this::serve, "greeter-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve() {
            while (true) {
                try {
                    Socket c = socket.accept();
                    c.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    Thread t = new Thread(() -> drain(c), "greeter-conn-" + name);
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void drain(Socket c) {
            try (c) {
                while (c.getInputStream().read() >= 0) {
                    // until the client closes
                }
            } catch (IOException e) {
                // reset
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
