import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RabbitMQ's own ceiling on this machine, for comparison with webhook intake: persistent messages published
 * with publisher confirms (at most WINDOW unconfirmed per channel) into a quorum queue, for SECONDS seconds, by
 * CHANNELS publishers. Usage: java -cp amqp-client.jar:slf4j-api.jar bench/RabbitCeiling.java CHANNELS SECONDS
 */
public class RabbitCeiling {

    public static void main(String[] args) throws Exception {
        int channels = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int window = 1000;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        String queue = "bench.ceiling." + System.nanoTime();
        byte[] body = ("{\"eventId\":\"x\",\"platform\":\"DAILY\",\"providerRoomName\":\"room\",\"sessionId\":\"s\","
                + "\"joinedAt\":\"2026-11-26T03:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        AtomicLong confirmed = new AtomicLong();
        try (Connection connection = factory.newConnection("ceiling")) {
            try (Channel admin = connection.createChannel()) {
                admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            }
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            Thread[] publishers = new Thread[channels];
            for (int i = 0; i < channels; i++) {
                publishers[i] = new Thread(() -> {
                    try (Channel channel = connection.createChannel()) {
                        Semaphore permits = new Semaphore(window);
                        channel.confirmSelect();
                        channel.addConfirmListener((tag, multiple) -> release(tag, multiple, permits, confirmed, channel),
                                (tag, multiple) -> release(tag, multiple, permits, null, channel));
                        AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_TEXT_PLAIN;
                        while (System.nanoTime() < end) {
                            permits.acquire();
                            channel.basicPublish("", queue, persistent, body);
                        }
                        channel.waitForConfirms(10_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                publishers[i].start();
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            try (Channel admin = connection.createChannel()) {
                admin.queueDelete(queue);
            }
        }
        System.out.printf("RESULT {\"channels\":%d,\"seconds\":%d,\"confirmed_per_second\":%.0f}%n", channels, seconds,
                confirmed.get() / (double) seconds);
    }

    private static final java.util.Map<Channel, Long> LAST = new java.util.concurrent.ConcurrentHashMap<>();

    private static void release(long tag, boolean multiple, Semaphore permits, AtomicLong confirmed, Channel channel) {
        long previous = LAST.getOrDefault(channel, 0L);
        long count = multiple ? tag - previous : 1;
        LAST.put(channel, Math.max(previous, tag));
        permits.release((int) count);
        if (confirmed != null) {
            confirmed.addAndGet(count);
        }
    }
}
