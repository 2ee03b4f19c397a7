package app.meetingbridge.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway reads ({@code MAX_REQUEST_BODY_SIZE}, 256 KB unless set); the chunks of an
 * upload have their own limit.
 */
@ConfigurationProperties("app.http")
record HttpProperties(DataSize maxBodySize) {

    HttpProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
    }
}
