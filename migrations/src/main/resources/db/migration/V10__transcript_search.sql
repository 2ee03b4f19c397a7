-- Full-text search over transcripts (GET /v1/transcripts/search): what a transcript says, kept by the database
-- beside the transcript, so no writer can forget it and listings of transcripts never carry it.
--
-- words_text is the transcript's words in order, one space between them (each topic's words; a topic stored
-- without words gives its transcript text); the search's snippets are cut from it. search_vector holds the
-- title (weight A), the short and long summaries (B) and the words (C), for ranking title matches first.
--
-- The text search configuration is 'simple' for every language: it lower-cases and splits on anything that is not a
-- letter or a digit, keeps every word as written (no stemming, no stop words), and treats any script's letters as
-- letters, so "café", "Straße" and "会議" are found as written whatever language the transcript is in.
-- (A tsvector keeps word positions up to 16383: in a longer transcript later words are still found, but phrases
-- among them are matched less strictly.)
create table transcript_search (
    transcript_id varchar(36) primary key references transcript (id) on delete cascade,
    words_text    text     not null,
    search_vector tsvector not null
);
create index idx_transcript_search_vector on transcript_search using gin (search_vector);

-- The words of topics as stored in transcript.topics:
-- [{"id","title","summary","timestamp","duration","transcript","words":[{"text","start","end","speaker"}]}].
-- Anything else there (not an array, a topic without words, a word without text) contributes nothing.
create function transcript_words_text(topics jsonb) returns text language sql immutable as $$
    select coalesce(string_agg(part, ' ' order by topic_no), '')
    from (select topic.no as topic_no,
                 coalesce((select string_agg(btrim(word.value ->> 'text'), ' ' order by word.no)
                           from jsonb_array_elements(case jsonb_typeof(topic.value -> 'words')
                                                         when 'array' then topic.value -> 'words'
                                                         else '[]'::jsonb end) with ordinality word(value, no)
                           where btrim(word.value ->> 'text') <> ''),
                          nullif(btrim(topic.value ->> 'transcript'), '')) as part
          from jsonb_array_elements(case jsonb_typeof(topics) when 'array' then topics else '[]'::jsonb end)
               with ordinality topic(value, no)) parts
$$;

-- The weighted vector of a transcript. A tsvector holds at most 1 MB: words that would not fit (tens of thousands
-- of different long words, nothing a meeting says) are cut from the end until they do, rather than failing the
-- write of the transcript itself.
create function transcript_search_vector(title text, short_summary text, long_summary text, words text)
    returns tsvector language plpgsql immutable as $$
declare
    cut integer := length(words);
begin
    loop
        begin
            return setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                || setweight(to_tsvector('simple', concat_ws(' ', short_summary, long_summary)), 'B')
                || setweight(to_tsvector('simple', left(words, cut)), 'C');
        exception when program_limit_exceeded then
            if cut = 0 then
                return setweight(to_tsvector('simple', left(coalesce(title, ''), 10000)), 'A');
            end if;
            cut := cut / 2;
        end;
    end loop;
end
$$;

create function transcript_search_refresh() returns trigger language plpgsql as $$
declare
    words text := transcript_words_text(new.topics);
begin
    insert into transcript_search (transcript_id, words_text, search_vector)
    values (new.id, words, transcript_search_vector(new.title, new.short_summary, new.long_summary, words))
    on conflict (transcript_id) do update
        set words_text = excluded.words_text, search_vector = excluded.search_vector;
    return null;
end
$$;

create trigger trg_transcript_search_insert after insert on transcript
    for each row execute function transcript_search_refresh();
create trigger trg_transcript_search_update after update of title, short_summary, long_summary, topics on transcript
    for each row
    when (old.title is distinct from new.title or old.short_summary is distinct from new.short_summary
          or old.long_summary is distinct from new.long_summary or old.topics is distinct from new.topics)
    execute function transcript_search_refresh();

insert into transcript_search (transcript_id, words_text, search_vector)
select id, words, transcript_search_vector(title, short_summary, long_summary, words)
from (select t.id, t.title, t.short_summary, t.long_summary, transcript_words_text(t.topics) as words
      from transcript t) rows;

-- The list's and the search's filters and orders.
create index idx_transcript_created_at on transcript (created_at desc);
