package app.meetingbridge.recordings.zulip;

import app.meetingbridge.events.Topology;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code transcript.completed} a second time (binding {@code zulipPosts-in-0}: quorum queue
 * {@code recordings.zulip}, delivery limit and dead-letter queue in application.yml), to post the transcript to its
 * room's Zulip; each message is taken by {@link ZulipPostMessages}. Our retries carry the header {@value #RETRY}.
 */
@Configuration(proxyBeanMethods = false)
class ZulipPostListener {

    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + ".zulip";
    static final String RETRY = "x-meetingbridge-zulip-retry";

    @Bean
    Consumer<Message<byte[]>> zulipPosts(ZulipPostMessages posts) {
        return posts::take;
    }
}
