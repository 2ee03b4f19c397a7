package app.meetingbridge.roomwebhooks;

import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Gives every service that has this module the delivery records, for the senders it makes. */
@AutoConfiguration
public class RoomWebhooksAutoConfiguration {

    @Bean
    RoomWebhookDeliveryRepository roomWebhookDeliveryRepository(DSLContext db) {
        return new RoomWebhookDeliveryRepository(db);
    }
}
