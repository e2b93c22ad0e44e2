package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, read from Linux's {@code /proc/net/tcp{,6}} (state 0A = LISTEN) and matched to
 * this process through the socket inodes of {@code /proc/self/fd}: what {@code ss -ltnp} would show for the process.
 */
final class ListeningSockets {
    private ListeningSockets() {}

    /** Fails when this process still listens on any TCP socket (where /proc tells; elsewhere it checks nothing). */
    static void assertNoneLeft() {
        if (supported()) {
            assertThat(ofThisProcess()).as("sockets still listening").isEmpty();
        }
    }

    static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    static List<InetSocketAddress> ofThisProcess() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            try {
                // Read the table once: it changes while other processes open and close sockets.
                List<String> lines = Files.readAllLines(p);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                        out.add(decode(f[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** {@code 0100007F:0885} or the 32-digit IPv6 form: 32-bit words in host (little-endian) byte order. */
    private static InetSocketAddress decode(String hexAddressAndPort) {
        String[] ap = hexAddressAndPort.split(":");
        String hex = ap[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int w = 0; w < hex.length() / 8; w++) {
            long word = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[w * 4 + b] = (byte) (word >>> (8 * b));
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(ap[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
