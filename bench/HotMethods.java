import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JDK Flight Recording and prints, for the samples taken between two instants, the methods most often on
 * top of a stack (own time), those most often anywhere on it (with what they call), and the threads sampled.
 * Usage: java bench/HotMethods.java RECORDING START_EPOCH_SECONDS END_EPOCH_SECONDS
 */
public class HotMethods {
    private static final int SHOWN = 25;

    public static void main(String[] args) throws Exception {
        Instant from = instant(args[1]);
        Instant to = instant(args[2]);
        Map<String, Integer> own = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStartTime().isBefore(from)
                    || event.getStartTime().isAfter(to)
                    || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            var frames = event.getStackTrace().getFrames();
            own.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame))) {
                    total.merge(name(frame), 1, Integer::sum);
                }
            }
            String thread = event.getThread("sampledThread") == null
                    ? "?"
                    : event.getThread("sampledThread").getJavaName().replaceAll("-\\d+(-\\d+)?$", "-N");
            threads.merge(thread, 1, Integer::sum);
        }
        System.out.printf("%d execution samples in the measured window%n", samples);
        print("threads", threads, samples);
        print("own time (the method on top of the stack)", own, samples);
        print("total time (the method anywhere on the stack)", total, samples);
    }

    private static Instant instant(String epochSeconds) {
        double seconds = Double.parseDouble(epochSeconds);
        return Instant.ofEpochSecond((long) seconds, (long) ((seconds % 1) * 1e9));
    }

    private static String name(RecordedFrame frame) {
        var method = frame.getMethod();
        String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println(title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(SHOWN)
                .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
