package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.TRANSCRIPT_SEARCH;

import app.meetingbridge.gateway.auth.Caller;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Full-text search over transcripts in PostgreSQL: the query text read by {@code websearch_to_tsquery} (words,
 * {@code "quoted phrases"}, {@code -excluded}, {@code or}; never a syntax error) in the 'simple' configuration the
 * database indexes with, matched against {@code transcript_search.search_vector} (title, summaries, words; kept by
 * the database), ranked by {@code ts_rank_cd} scaled to 0..1, title matches above summary matches above words
 * ({@link #WEIGHTS}); when very many match, by title and summaries alone ({@link SearchProperties}).
 * Only the transcripts the caller may read are matched and counted ({@link #readableBy}).
 */
@Repository
class TranscriptSearchRepository {

    /** The text search configuration the database's search vectors are made with. */
    static final String CONFIGURATION = "simple";

    private static final Field<Object> VECTOR = DSL.field(DSL.name("transcript_search", "search_vector"));
    private static final Field<Object> HEAD_VECTOR = DSL.field(DSL.name("transcript_search", "head_vector"));
    private static final Field<Object> TSQUERY = DSL.field(DSL.name("search_query"));
    /**
     * How much one match weighs by where it is ({@code {D, C, B, A}}: words C, summaries B, title A): a title match
     * as much as fifty in the words, a summary match as much as ten.
     */
    static final String WEIGHTS = "{0.1, 0.02, 0.2, 1.0}";

    private final DSLContext db;

    TranscriptSearchRepository(DSLContext db) {
        this.db = db;
    }

    record Hit(String id, @Nullable String title, @Nullable String userId, @Nullable String roomId,
               @Nullable String roomName, String sourceKind, Instant createdAt, String status,
               @Nullable Long durationMs, long changeSeq, double rank, int total) {
    }

    /** What a hit's snippets are cut from. */
    record Texts(@Nullable String longSummary, String words) {
    }

    /**
     * One page of what the caller may read that matches: by rank, then newest first; without query text, every
     * transcript the filters let through, newest first, each with rank 1. Ranked by everything a transcript matched
     * in ({@code byEverything}), or by its title and summaries alone ({@code head_vector}: far cheaper when very many
     * match). Each hit carries how many match in all.
     */
    List<Hit> search(Caller caller, SearchRequest request, boolean byEverything) {
        if (request.text() == null) {
            return page(db, caller, request, DSL.inline(1.0).as("rank"));
        }
        return fromTheIndex(tx -> page(tx, caller, request, rank(byEverything ? VECTOR : HEAD_VECTOR)));
    }

    /** Cover density rank with {@link #WEIGHTS}, scaled to 0..1 (rank / (rank + 1)). */
    private static Field<Double> rank(Field<Object> vector) {
        return DSL.field("ts_rank_cd('" + WEIGHTS + "', {0}, {1}, 32)", Double.class, vector, TSQUERY).as("rank");
    }

    private List<Hit> page(DSLContext db, Caller caller, SearchRequest request, Field<Double> rank) {
        List<SortField<?>> order = request.text() == null
                ? List.of(TRANSCRIPT.CREATED_AT.desc(), TRANSCRIPT.ID.asc())
                : List.of(DSL.field(DSL.name("rank")).desc(), TRANSCRIPT.CREATED_AT.desc(), TRANSCRIPT.ID.asc());
        return matching(db, caller, request,
                List.of(TRANSCRIPT.ID, TRANSCRIPT.TITLE, TRANSCRIPT.USER_ID, TRANSCRIPT.ROOM_ID, ROOM.NAME,
                        TRANSCRIPT.SOURCE_KIND, TRANSCRIPT.CREATED_AT, TRANSCRIPT.STATUS, TRANSCRIPT.DURATION_MS,
                        TRANSCRIPT.CHANGE_SEQ, rank, DSL.count().over().as("total")))
                .orderBy(order).offset(request.offset()).limit(request.limit())
                .fetch(row -> new Hit(row.get(TRANSCRIPT.ID), row.get(TRANSCRIPT.TITLE), row.get(TRANSCRIPT.USER_ID),
                        row.get(TRANSCRIPT.ROOM_ID), row.get(ROOM.NAME), row.get(TRANSCRIPT.SOURCE_KIND),
                        row.get(TRANSCRIPT.CREATED_AT), row.get(TRANSCRIPT.STATUS), row.get(TRANSCRIPT.DURATION_MS),
                        row.get(TRANSCRIPT.CHANGE_SEQ), row.get("rank", Double.class),
                        row.get("total", Integer.class)));
    }

    /** How many transcripts the caller may read match, all pages together (for a page past the last). */
    int count(Caller caller, SearchRequest request) {
        if (request.text() == null) {
            return db.fetchCount(matching(db, caller, request, List.of(TRANSCRIPT.ID)));
        }
        return fromTheIndex(tx -> tx.fetchCount(matching(tx, caller, request, List.of(TRANSCRIPT.ID))));
    }

    /**
     * Runs a query over the matches with the planner told to find them through the GIN index. Left to itself, for a
     * word most transcripts contain it reads the whole table and tests every transcript's vector (tens of kilobytes
     * each, an estimated cost it does not see), where the index alone answers which match.
     */
    private <T> T fromTheIndex(Function<DSLContext, T> query) {
        return db.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            tx.execute("set local enable_seqscan = off");
            tx.execute("set local enable_indexscan = off");
            return query.apply(tx);
        });
    }

    /** The long summary and the words of each of these transcripts, by id. */
    Map<String, Texts> texts(Collection<String> ids) {
        return db.select(TRANSCRIPT.ID, TRANSCRIPT.LONG_SUMMARY, TRANSCRIPT_SEARCH.WORDS_TEXT).from(TRANSCRIPT)
                .join(TRANSCRIPT_SEARCH).on(TRANSCRIPT_SEARCH.TRANSCRIPT_ID.eq(TRANSCRIPT.ID))
                .where(TRANSCRIPT.ID.in(ids))
                .fetchMap(TRANSCRIPT.ID, row -> new Texts(row.get(TRANSCRIPT.LONG_SUMMARY),
                        row.get(TRANSCRIPT_SEARCH.WORDS_TEXT)));
    }

    private static SelectConditionStep<Record> matching(DSLContext db, Caller caller, SearchRequest request,
                                                        List<Field<?>> fields) {
        Condition filters = readableBy(caller).and(filters(request));
        if (request.text() == null) {
            return db.select(fields).from(TRANSCRIPT).leftJoin(ROOM).on(ROOM.ID.eq(TRANSCRIPT.ROOM_ID)).where(filters);
        }
        Table<?> query = DSL.table("websearch_to_tsquery('" + CONFIGURATION + "', {0}) as search_query",
                DSL.val(request.text()));
        return db.select(fields).from(TRANSCRIPT)
                .join(TRANSCRIPT_SEARCH).on(TRANSCRIPT_SEARCH.TRANSCRIPT_ID.eq(TRANSCRIPT.ID))
                .crossJoin(query)
                .leftJoin(ROOM).on(ROOM.ID.eq(TRANSCRIPT.ROOM_ID))
                .where(DSL.condition("{0} @@ {1}", VECTOR, TSQUERY)).and(filters);
    }

    /**
     * What reading one transcript allows ({@link Transcript#visibleTo}), as a condition: the caller's own; any
     * {@code public} one; any {@code semi-private} one for a signed-in caller; everything for a caller who owns
     * everything.
     */
    static Condition readableBy(Caller caller) {
        if (caller.ownsEverything()) {
            return DSL.trueCondition();
        }
        Condition readable = TRANSCRIPT.SHARE_MODE.eq("public");
        if (!caller.isAnonymous()) {
            readable = readable.or(TRANSCRIPT.SHARE_MODE.eq("semi-private")).or(TRANSCRIPT.USER_ID.eq(caller.userId()));
        }
        return readable;
    }

    private static Condition filters(SearchRequest request) {
        Condition condition = DSL.noCondition();
        if (request.roomId() != null) {
            condition = condition.and(TRANSCRIPT.ROOM_ID.eq(request.roomId()));
        }
        if (request.sourceKind() != null) {
            condition = condition.and(TRANSCRIPT.SOURCE_KIND.eq(request.sourceKind()));
        }
        if (request.from() != null) {
            condition = condition.and(TRANSCRIPT.CREATED_AT.ge(request.from()));
        }
        if (request.to() != null) {
            condition = condition.and(TRANSCRIPT.CREATED_AT.le(request.to()));
        }
        return condition;
    }
}
