package app.meetingbridge.gateway.transcript;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search: {@code SEARCH_FULL_RANK_LIMIT} (default 2,000), up to how many matching transcripts a search ranks by
 * everything it matched in (title, summaries and words). Past it, the matches are ranked by their title and summaries
 * alone, newest first among equals: ranking by the words reads each match's whole word index, which for a word most
 * meetings contain costs seconds over a large archive, and says little (every hour of talk contains it).
 */
@ConfigurationProperties("app.search")
record SearchProperties(@DefaultValue("2000") int fullRankLimit) {

    SearchProperties {
        if (fullRankLimit < 0) {
            throw new IllegalStateException("SEARCH_FULL_RANK_LIMIT must not be negative, not " + fullRankLimit);
        }
    }
}
