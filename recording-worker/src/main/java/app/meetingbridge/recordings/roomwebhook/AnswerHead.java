package app.meetingbridge.recordings.roomwebhook;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * The first bytes of a receiver's answer and no more: once it has {@code limit} bytes it stops reading (the rest
 * is never downloaded), and what it has so far can be taken at any time, for an answer too slow to finish.
 */
final class AnswerHead implements HttpResponse.BodySubscriber<byte[]> {

    private final int limit;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private volatile Flow.@Nullable Subscription subscription;

    AnswerHead(int limit) {
        this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (this.subscription != null) {
            subscription.cancel(); // one answer, one subscription
            return;
        }
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        boolean full;
        synchronized (read) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - read.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                read.write(chunk, 0, take);
            }
            full = read.size() >= limit;
        }
        Flow.Subscription current = subscription;
        if (full) {
            current.cancel();
            done.complete(soFar());
        } else {
            current.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(soFar());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return done;
    }

    byte[] soFar() {
        synchronized (read) {
            return read.toByteArray();
        }
    }
}
