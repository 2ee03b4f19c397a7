package app.meetingbridge.gateway.zulip;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without {@code ZULIP_REALM}, {@code ZULIP_BOT_EMAIL} and {@code ZULIP_API_KEY}, the endpoints say Zulip is off. */
class ZulipNotConfiguredIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    @Test
    void saysZulipIsNotConfigured() {
        HttpJson owner = new HttpJson("http://127.0.0.1:" + port);
        String transcript = UUID.randomUUID().toString();
        db.insertInto(TRANSCRIPT).set(TRANSCRIPT.ID, transcript).set(TRANSCRIPT.USER_ID, "local")
                .set(TRANSCRIPT.STATUS, "ended").set(TRANSCRIPT.CREATED_AT, Instant.now()).execute();

        for (Response response : new Response[] {owner.get("/v1/zulip/streams"),
                owner.get("/v1/zulip/streams/1/topics"),
                owner.post("/v1/transcripts/" + transcript + "/zulip?stream=general&topic=t&include_topics=true", "")}) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("detail").stringValue()).isEqualTo("Zulip is not configured");
        }
        assertThat(db.select(TRANSCRIPT.ZULIP_MESSAGE_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcript))
                .fetchOne(TRANSCRIPT.ZULIP_MESSAGE_ID)).isNull();
    }
}
