-- The title and summaries alone, weighted as in search_vector (title A, summaries B): a few hundred bytes that rank
-- a query matching very many transcripts. Ranking by the full vector reads every match's whole vector (tens of
-- kilobytes for an hour of words); for a word that most transcripts contain that is most of the table on every
-- search, while the matches are found and counted from the GIN index alone.
alter table transcript_search add column head_vector tsvector not null default ''::tsvector;

create or replace function transcript_search_refresh() returns trigger language plpgsql as $$
declare
    words text := transcript_words_text(new.topics);
begin
    insert into transcript_search (transcript_id, words_text, search_vector, head_vector)
    values (new.id, words, transcript_search_vector(new.title, new.short_summary, new.long_summary, words),
            transcript_search_vector(new.title, new.short_summary, new.long_summary, ''))
    on conflict (transcript_id) do update
        set words_text = excluded.words_text, search_vector = excluded.search_vector,
            head_vector = excluded.head_vector;
    return null;
end
$$;

update transcript_search s
set head_vector = transcript_search_vector(t.title, t.short_summary, t.long_summary, '')
from transcript t
where t.id = s.transcript_id;
