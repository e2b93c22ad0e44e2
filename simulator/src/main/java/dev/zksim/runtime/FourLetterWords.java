package dev.zksim.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * ZooKeeper's four-letter words over a plain socket, as {@code echo ruok | nc host 2181} sends them: write the word,
 * read until the server closes the connection. Every call is bounded by one timeout for connect plus read.
 */
public final class FourLetterWords {
    /** The words zksim's servers answer (their {@code 4lw.commands.whitelist}). */
    public static final Set<String> ENABLED = Set.of(StartZookeeperScript.FOUR_LETTER_WORDS.split(","));
    /** Answers longer than this are cut (mntr and envi are a few KB). */
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private FourLetterWords() {}

    /**
     * Sends {@code word} to {@code server} and returns the whole answer.
     *
     * @throws IllegalArgumentException for a word zksim does not enable
     * @throws IOException when the server cannot be reached or does not answer within {@code timeoutMs}
     */
    public static String send(InetSocketAddress server, String word, int timeoutMs) throws IOException {
        if (!ENABLED.contains(word)) {
            throw new IllegalArgumentException("four-letter word '" + word + "' is not one of " + ENABLED);
        }
        PodNetwork.requireLoopback(server, "four-letter word " + word);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try (Socket s = new Socket()) {
            s.connect(server, timeoutMs);
            s.setSoTimeout(remainingMs(deadline, word, server));
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                answer.write(buf, 0, Math.min(n, MAX_ANSWER_BYTES - answer.size()));
                if (answer.size() >= MAX_ANSWER_BYTES) {
                    break;
                }
                s.setSoTimeout(remainingMs(deadline, word, server));
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** {@code ruok} answered {@code imok} within {@code timeoutMs}: the kubelet's exec probe of the tutorial. */
    public static boolean ruok(InetSocketAddress server, int timeoutMs) {
        try {
            return send(server, "ruok", timeoutMs).equals("imok");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code srvr} says the server serves clients now (it has joined a quorum, or runs standalone). */
    public static boolean serving(InetSocketAddress server, int timeoutMs) {
        try {
            return send(server, "srvr", timeoutMs).contains("Mode: ");
        } catch (IOException e) {
            return false;
        }
    }

    private static int remainingMs(long deadlineNanos, String word, InetSocketAddress server)
            throws SocketTimeoutException {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (ms <= 0) {
            throw new SocketTimeoutException(word + " to " + server + " timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
