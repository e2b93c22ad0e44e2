package dev.zksim.calibration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.zab.TimingProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A timing profile as a YAML file: one flat mapping of {@link TimingProfile}'s fields to whole milliseconds (counts
 * for {@code leaderConnectTries}), e.g. {@code messageDelayMs: 3}. Fields left out keep the value of
 * {@link TimingProfile#ZOOKEEPER_3_9_DEFAULTS}; comments ({@code #}) are free text, which is where {@code zksim
 * calibrate} writes the spread and load of each measured value. An unknown key, a duplicate key, a value that is
 * not a whole number, a negative value or anything but a flat mapping is refused with the file, line and field
 * ({@link InvalidInputException}: exit 2).
 */
public final class TimingProfileFile {
    /** Each field: its name and how to read it from a profile, in the record's order. */
    static final List<Map.Entry<String, ToLongFunction<TimingProfile>>> FIELDS = List.of(
            Map.entry("processStartMs", TimingProfile::processStartMs),
            Map.entry("recoveryMsPerThousandTxns", TimingProfile::recoveryMsPerThousandTxns),
            Map.entry("messageDelayMs", TimingProfile::messageDelayMs),
            Map.entry("finalizeWaitMs", TimingProfile::finalizeWaitMs),
            Map.entry("minNotificationIntervalMs", TimingProfile::minNotificationIntervalMs),
            Map.entry("maxNotificationIntervalMs", TimingProfile::maxNotificationIntervalMs),
            Map.entry("followerSetupMs", TimingProfile::followerSetupMs),
            Map.entry("leaderBindMs", TimingProfile::leaderBindMs),
            Map.entry("leaderConnectTries", TimingProfile::leaderConnectTries),
            Map.entry("leaderConnectRetryMs", TimingProfile::leaderConnectRetryMs),
            Map.entry("syncHandshakeMs", TimingProfile::syncHandshakeMs),
            Map.entry("syncMsPerThousandTxns", TimingProfile::syncMsPerThousandTxns),
            Map.entry("snapTransferMs", TimingProfile::snapTransferMs),
            Map.entry("quorumWriteMs", TimingProfile::quorumWriteMs),
            Map.entry("followerCommitLagMs", TimingProfile::followerCommitLagMs));

    private static final YAMLFactory YAML = new YAMLFactory();

    private TimingProfileFile() {}

    /** The field names, in the record's order. */
    public static List<String> fieldNames() {
        return FIELDS.stream().map(Map.Entry::getKey).toList();
    }

    /** Reads {@code file}; see the class comment for what is refused. */
    public static TimingProfile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(
                    file.toString(), 0, "--timing-profile", "cannot read the timing profile: " + e.getMessage() + ".");
        }
        return parse(file.toString(), text);
    }

    /** Parses {@code text}, the content of {@code file} (named in errors). */
    public static TimingProfile parse(String file, String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw bad(file, 1, null, "the file is empty; write one 'field: milliseconds' line per field to set.");
            }
            if (t != JsonToken.START_OBJECT) {
                throw bad(
                        file,
                        line(p),
                        null,
                        "a timing profile is a mapping of field names to whole milliseconds"
                                + " (e.g. 'messageDelayMs: 3'), not " + describe(t) + ".");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                if (!fieldNames().contains(key)) {
                    throw bad(file, keyLine, key, "unknown field; valid: " + String.join(", ", fieldNames()) + ".");
                }
                if (values.containsKey(key)) {
                    throw bad(file, keyLine, key, "given twice (first on line " + lines.get(key) + ").");
                }
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_NUMBER_INT) {
                    throw bad(
                            file,
                            line(p),
                            key,
                            "'" + valueText(p, v) + "' is not a whole number of "
                                    + (key.equals("leaderConnectTries") ? "tries" : "milliseconds") + ".");
                }
                long value;
                try {
                    value = p.getLongValue();
                } catch (IOException e) {
                    throw bad(file, line(p), key, "'" + p.getText() + "' is too large.");
                }
                if (value < 0) {
                    throw bad(file, line(p), key, "must not be negative, got " + value + ".");
                }
                values.put(key, value);
                lines.put(key, keyLine);
            }
            if (p.nextToken() != null) {
                throw bad(file, line(p), null, "a second YAML document starts here; a timing profile is one mapping.");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw bad(
                    file,
                    at == null ? 0 : at.getLineNr(),
                    null,
                    "not valid YAML: "
                            + e.getOriginalMessage().replaceAll("\\s+", " ").strip() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build(file, values, lines);
    }

    /** The profile as a file {@link #read} accepts: a header comment, then one line per field with its comment. */
    public static String write(TimingProfile profile, List<String> header, Map<String, String> comments) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append(h.isEmpty() ? "#" : "# " + h).append('\n');
        }
        for (Map.Entry<String, ToLongFunction<TimingProfile>> f : FIELDS) {
            sb.append(f.getKey()).append(": ").append(f.getValue().applyAsLong(profile));
            String c = comments.get(f.getKey());
            if (c != null && !c.isEmpty()) {
                sb.append("   # ").append(c);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static TimingProfile build(String file, Map<String, Long> v, Map<String, Integer> lines) {
        TimingProfile d = TimingProfile.ZOOKEEPER_3_9_DEFAULTS;
        long tries = v.getOrDefault("leaderConnectTries", (long) d.leaderConnectTries());
        if (tries < 1 || tries > Integer.MAX_VALUE) {
            throw bad(
                    file,
                    lines.getOrDefault("leaderConnectTries", 0),
                    "leaderConnectTries",
                    "must be at least 1 (ZooKeeper's Learner tries at least once), got " + tries + ".");
        }
        long min = v.getOrDefault("minNotificationIntervalMs", d.minNotificationIntervalMs());
        long max = v.getOrDefault("maxNotificationIntervalMs", d.maxNotificationIntervalMs());
        if (min == 0 || max < min) {
            String key = min == 0 || !v.containsKey("maxNotificationIntervalMs")
                    ? "minNotificationIntervalMs"
                    : "maxNotificationIntervalMs";
            throw bad(
                    file,
                    lines.getOrDefault(key, 0),
                    key,
                    "need 0 < minNotificationIntervalMs <= maxNotificationIntervalMs, got " + min + " and " + max
                            + ".");
        }
        return new TimingProfile(
                v.getOrDefault("processStartMs", d.processStartMs()),
                v.getOrDefault("recoveryMsPerThousandTxns", d.recoveryMsPerThousandTxns()),
                v.getOrDefault("messageDelayMs", d.messageDelayMs()),
                v.getOrDefault("finalizeWaitMs", d.finalizeWaitMs()),
                min,
                max,
                v.getOrDefault("followerSetupMs", d.followerSetupMs()),
                v.getOrDefault("leaderBindMs", d.leaderBindMs()),
                (int) tries,
                v.getOrDefault("leaderConnectRetryMs", d.leaderConnectRetryMs()),
                v.getOrDefault("syncHandshakeMs", d.syncHandshakeMs()),
                v.getOrDefault("syncMsPerThousandTxns", d.syncMsPerThousandTxns()),
                v.getOrDefault("snapTransferMs", d.snapTransferMs()),
                v.getOrDefault("quorumWriteMs", d.quorumWriteMs()),
                v.getOrDefault("followerCommitLagMs", d.followerCommitLagMs()));
    }

    private static String valueText(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            return v == JsonToken.START_OBJECT ? "a mapping" : "a list";
        }
        return v == JsonToken.VALUE_NULL ? "" : p.getText();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing";
            default -> "a single value";
        };
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static InvalidInputException bad(String file, int line, String field, String problem) {
        return new InvalidInputException(file, line, field, problem);
    }
}
