package app.meetingbridge.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code WEBHOOK_ALLOWED_HOSTS}: the internal destinations room webhooks may reach all the same, comma-separated
 * address blocks ({@code 10.1.0.0/16}), addresses ({@code 10.1.2.3}) and host names ({@code hooks.internal},
 * {@code *.corp.example}); see {@link AllowList}. Empty (the default): only public addresses. A malformed entry
 * stops start-up, naming it. Every service that sends to user-chosen addresses reads it: set it alike for all.
 */
@ConfigurationProperties("app.outbound")
public record OutboundProperties(List<String> allowedHosts) {

    public OutboundProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        try {
            AllowList.of(allowedHosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WEBHOOK_ALLOWED_HOSTS (app.outbound.allowed-hosts): " + e.getMessage());
        }
    }

    public AllowList allowList() {
        return AllowList.of(allowedHosts);
    }
}
