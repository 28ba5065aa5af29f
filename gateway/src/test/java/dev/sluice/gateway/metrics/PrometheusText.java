package dev.sluice.gateway.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format (version 0.0.4): every line is a {@code # HELP}, a {@code #
 * TYPE} or a sample {@code name{label="value",...} value [timestamp]} with a valid name, well-quoted labels and a
 * number; a sample's family was declared by a {@code # TYPE} line before it. Anything else is an error naming the
 * line.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE =
            Pattern.compile("(" + NAME + ")(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})?"
                    + " (-?[0-9.eE+-]+|NaN|[+-]Inf)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> SUFFIXES = Set.of("_total", "_count", "_sum", "_bucket", "_created", "_max");

    /** One sample. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** The families declared, by name, with their type; and every sample in order. */
    record Scrape(Map<String, String> types, List<Sample> samples) {
        List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    private PrometheusText() {}

    static Scrape parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (types.put(type.group(1), type.group(2)) != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": " + type.group(1) + " declared twice");
                }
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a sample: " + line);
            }
            String name = sample.group(1);
            if (!types.containsKey(name) && !types.containsKey(family(name))) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + name + " has no # TYPE before it");
            }
            samples.add(new Sample(name, labels(sample.group(3)), value(sample.group(4))));
        }
        return new Scrape(types, samples);
    }

    private static String family(String name) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
